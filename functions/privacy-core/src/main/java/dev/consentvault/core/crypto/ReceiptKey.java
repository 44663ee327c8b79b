package dev.consentvault.core.crypto;

/**
 * One receipt's own key: the plaintext seals that receipt's personal fields; the wrapped form
 * (sealed under the data key) is what the keys table keeps. {@code toString} never shows the
 * plaintext.
 */
public record ReceiptKey(byte[] plaintext, byte[] wrapped) {

    @Override
    public String toString() {
        return "ReceiptKey[wrapped=" + wrapped.length + " bytes]";
    }
}
