package dev.consentvault.core.propagation;

/** Port to the processors' signing secrets (Secrets Manager), each read once per container. */
public interface SigningSecrets {

    /** The secret shared with this processor; throws when it cannot be read. */
    byte[] secret(String processorId);
}
