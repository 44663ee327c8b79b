package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a landing page needs of the packs, as {@code GET /v1/purposes} shows it: for each supported
 * code, its law and the age of digital consent in force at an instant (the form asks "I am N or
 * older" where there is one), and the fallback when the deployment names one.
 */
public final class JurisdictionsJson {

    private JurisdictionsJson() {}

    public static ObjectNode write(Jurisdictions jurisdictions, Instant at) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (String code : jurisdictions.codes()) {
            Jurisdictions.Rule rule = jurisdictions.rule(code, at).orElseThrow();
            ObjectNode j = json.putObject(code);
            j.put("regime", rule.regime().id().name());
            j.put("law", rule.regime().law());
            if (rule.separateConsent()) {
                j.put("separateConsent", true);
            }
            rule.age()
                    .ifPresent(
                            age -> {
                                j.put("ageOfConsent", age.age());
                                j.put(
                                        "ageAppliesTo",
                                        age.saleOrSharingOnly() ? "sale-or-sharing" : "consent");
                            });
        }
        return json;
    }
}
