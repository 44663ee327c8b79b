package dev.consentvault.core.crypto;

/** A data key in both forms. {@code toString} never shows the plaintext. */
public record DataKey(byte[] plaintext, byte[] wrapped) {

    @Override
    public String toString() {
        return "DataKey[wrapped=" + wrapped.length + " bytes]";
    }
}
