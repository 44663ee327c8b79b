package dev.consentvault.core.store;

/** An item found through a subject-key index: its key and the subject keys it carries. */
public record IndexedItem(String pk, String sk, String emailKey, String phoneKey) {

    public static IndexedItem of(StoredItem item) {
        return new IndexedItem(
                item.pk(),
                item.sk(),
                item.string(ConsentTable.EMAIL_KEY),
                item.string(ConsentTable.PHONE_KEY));
    }

    public ItemKey key() {
        return new ItemKey(pk, sk);
    }
}
