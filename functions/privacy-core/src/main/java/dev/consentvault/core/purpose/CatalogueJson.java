package dev.consentvault.core.purpose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The public notice a landing page shows before it asks: every purpose, what it needs, how long,
 * with whom.
 */
public final class CatalogueJson {

    private CatalogueJson() {}

    public static ObjectNode write(PurposeCatalogue catalogue) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode purposes = json.putArray("purposes");
        for (Purpose purpose : catalogue.all()) {
            ObjectNode p = purposes.addObject();
            p.put("id", purpose.id());
            p.put("description", purpose.description());
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
        }
        return json;
    }
}
