package dev.consentvault.core.consent;

import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.Purpose;
import dev.consentvault.core.purpose.Recipient;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a purpose needs the person's separate consent beside its own tick, and on which grounds:
 * where the jurisdiction's rule asks for it (PIPL: Art. 23 for providing data to another handler,
 * Art. 39 for sending it abroad, Art. 29 for sensitive data), each with the law's citation.
 */
public final class SeparateConsent {

    private SeparateConsent() {}

    /** The citations of the grounds that apply; empty when no separate consent is needed. */
    public static List<String> grounds(Jurisdictions.Rule rule, Purpose purpose) {
        List<String> grounds = new ArrayList<>();
        if (!rule.separateConsent()) {
            return grounds;
        }
        Jurisdictions.SeparateConsentRule law = rule.separateConsentRule();
        if (!purpose.thirdParties().isEmpty()) {
            grounds.add(law.provision());
        }
        // a recipient whose location the catalogue does not give may be anywhere: asked as abroad
        boolean abroad =
                purpose.recipients().size() < purpose.thirdParties().size()
                        || purpose.recipients().stream().anyMatch(r -> r.abroadFrom(rule.code()));
        if (!purpose.thirdParties().isEmpty() && abroad) {
            grounds.add(law.transferAbroad());
        }
        if (!purpose.sensitiveFields().isEmpty()) {
            grounds.add(law.sensitive());
        }
        return grounds;
    }

    /** "TikTok Ads (SG, https://…), Meta Ads (IE, …)": who the separate consent is for. */
    static String recipients(Purpose purpose) {
        List<String> named = new ArrayList<>();
        for (String name : purpose.thirdParties()) {
            named.add(
                    purpose.recipients().stream()
                            .filter(r -> r.name().equals(name))
                            .findFirst()
                            .map(SeparateConsent::named)
                            .orElse(name));
        }
        return String.join(", ", named);
    }

    private static String named(Recipient r) {
        return r.name() + " (" + r.location() + ", " + r.contact() + ")";
    }
}
