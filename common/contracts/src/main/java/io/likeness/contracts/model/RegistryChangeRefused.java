package io.likeness.contracts.model;

/** A promotion or rollback the registry's current state does not allow. */
public final class RegistryChangeRefused extends RuntimeException {

    public enum Reason {
        /** No record for that version. */
        UNKNOWN_VERSION,
        /** The version is RETIRED and may not serve jobs again. */
        RETIRED,
        /** No earlier active version (still in the registry and not retired) to go back to. */
        NOTHING_TO_ROLL_BACK
    }

    private final Reason reason;

    public RegistryChangeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
