package dev.consentvault.core.access;

import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.SessionItem;

/**
 * A live verified session: the one subject key its holder proved control of, by a link or code sent
 * to that identifier.
 */
public record Session(SessionItem item) {

    /** Which identifier was proven. */
    public PersonalField proven() {
        return ConsentTable.EMAIL_KEY.equals(item.subjectAttribute())
                ? PersonalField.EMAIL
                : PersonalField.PHONE;
    }

    public String subjectAttribute() {
        return item.subjectAttribute();
    }

    public String subjectKey() {
        return item.subjectKey();
    }
}
