package dev.consentvault.core.store;

/** An item found through a subject-key index: its key and the subject keys it carries. */
public record IndexedItem(String pk, String sk, String emailKey, String phoneKey) {

    public ItemKey key() {
        return new ItemKey(pk, sk);
    }
}
