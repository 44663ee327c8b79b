package dev.consentvault.core.purpose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.i18n.Locales;

/**
 * The public notice a landing page shows before it asks: every purpose, what it needs, how long,
 * with whom.
 */
public final class CatalogueJson {

    private CatalogueJson() {}

    public static ObjectNode write(PurposeCatalogue catalogue) {
        return write(catalogue, Locales.DEFAULT);
    }

    /**
     * The catalogue in one supported locale: descriptions and notice texts in it where the
     * catalogue has them (English otherwise), with the notice versions.
     */
    public static ObjectNode write(PurposeCatalogue catalogue, String locale) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("locale", locale);
        ArrayNode purposes = json.putArray("purposes");
        for (Purpose purpose : catalogue.all()) {
            ObjectNode p = purposes.addObject();
            p.put("id", purpose.id());
            p.put("description", purpose.description(locale));
            p.put("category", purpose.category());
            ArrayNode needed = p.putArray("dataNeeded");
            for (PersonalField field : PersonalField.values()) {
                if (purpose.needs(field)) {
                    needed.add(field.jsonName());
                }
            }
            p.put("retention", purpose.retention().iso());
            ArrayNode third = p.putArray("thirdParties");
            purpose.thirdParties().forEach(third::add);
            p.put("saleOrSharing", purpose.saleOrSharing());
            p.put("confirmation", purpose.confirmation().jsonName());
            if (!purpose.recipients().isEmpty()) {
                ArrayNode recipients = p.putArray("recipients");
                for (Recipient r : purpose.recipients()) {
                    recipients
                            .addObject()
                            .put("name", r.name())
                            .put("location", r.location())
                            .put("contact", r.contact());
                }
            }
            if (!purpose.sensitiveFields().isEmpty()) {
                ArrayNode sensitive = p.putArray("sensitiveData");
                for (PersonalField field : PersonalField.values()) {
                    if (purpose.sensitiveFields().contains(field)) {
                        sensitive.add(field.jsonName());
                    }
                }
            }
        }
        ArrayNode notices = json.putArray("notices");
        for (Notice notice : catalogue.notices().all()) {
            ObjectNode n = notices.addObject();
            n.put("version", notice.version());
            n.put("effective", notice.effective().toString());
            n.put("material", notice.material());
            if (notice.material()) {
                ArrayNode affects = n.putArray("affects");
                (notice.affects().isEmpty()
                                ? catalogue.all().stream().map(Purpose::id).toList()
                                : catalogue.all().stream()
                                        .map(Purpose::id)
                                        .filter(notice.affects()::contains)
                                        .toList())
                        .forEach(affects::add);
            }
            var shown = NoticeRegistry.shown(notice, locale);
            n.put("locale", shown.getKey());
            if (shown.getValue().text() != null) {
                n.put("text", shown.getValue().text());
            }
            if (shown.getValue().url() != null) {
                n.put("url", shown.getValue().url());
            }
            n.put("sha256", shown.getValue().sha256());
        }
        return json;
    }
}
