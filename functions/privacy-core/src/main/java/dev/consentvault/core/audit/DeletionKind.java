package dev.consentvault.core.audit;

/** Who removed a record: DynamoDB's TTL (retention ran) or the application (erasure, cleanup). */
public enum DeletionKind {
    TTL_EXPIRY("ttl-expiry"),
    APPLICATION_DELETE("application-delete");

    private final String label;

    DeletionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * DynamoDB marks TTL deletions with the service principal in the stream record's userIdentity.
     */
    public static DeletionKind of(String principalType, String principalId) {
        return "Service".equals(principalType) && "dynamodb.amazonaws.com".equals(principalId)
                ? TTL_EXPIRY
                : APPLICATION_DELETE;
    }
}
