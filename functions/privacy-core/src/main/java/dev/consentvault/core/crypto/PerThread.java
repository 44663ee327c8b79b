package dev.consentvault.core.crypto;

import java.security.GeneralSecurityException;

/**
 * One JCA instance ({@code Cipher}, {@code Mac}, {@code MessageDigest}) per thread: {@code
 * getInstance} walks the provider list on every call, while an instance re-initialised or reset by
 * its own use serves every call of its thread.
 */
public final class PerThread {

    /** Makes one instance; may fail as {@code getInstance} and {@code init} do. */
    @FunctionalInterface
    public interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private PerThread() {}

    /**
     * @param algorithm named in the error when this JVM cannot make one (say, "HmacSHA256")
     */
    public static <T> ThreadLocal<T> of(String algorithm, Factory<T> factory) {
        return ThreadLocal.withInitial(
                () -> {
                    try {
                        return factory.create();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(
                                algorithm + " is unavailable in this JVM", e);
                    }
                });
    }
}
