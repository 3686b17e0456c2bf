package io.likeness.contracts.events;

/**
 * Schema versions of the event records. Consumers ignore unknown fields, so adding a field does not bump a
 * version; removing or changing the meaning of one does. Documented in docs/events.md.
 */
public final class SchemaVersions {

    public static final int EDIT_REQUESTED = 1;
    public static final int EDIT_MASKED = 1;
    public static final int JOB_EVENT = 1;
    public static final int JOB_CONTROL = 1;
    public static final int MODEL_RECORD = 1;
    public static final int DATASET_REQUEST = 1;
    public static final int TRAINING_REQUEST = 1;
    public static final int TRAINER_EVENT = 1;

    private SchemaVersions() {
    }
}
