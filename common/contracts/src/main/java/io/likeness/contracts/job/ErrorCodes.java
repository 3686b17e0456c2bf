package io.likeness.contracts.job;

/** Stable error codes shared by HTTP problem details and job errors. */
public final class ErrorCodes {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String UNSUPPORTED_MEDIA = "unsupported_media_type";
    public static final String IMAGE_TOO_LARGE = "image_too_large";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNDECODABLE_IMAGE = "undecodable_image";
    public static final String UNKNOWN_EDIT = "unknown_edit";
    public static final String IDEMPOTENCY_CONFLICT = "idempotency_key_reused";
    public static final String JOB_NOT_FOUND = "job_not_found";
    public static final String NOT_READY = "result_not_ready";
    public static final String DEADLINE_EXCEEDED = "deadline_exceeded";
    public static final String CHECKPOINT_UNAVAILABLE = "checkpoint_unavailable";
    public static final String STORAGE_UNAVAILABLE = "storage_unavailable";
    public static final String INTERNAL = "internal_error";
    public static final String MODEL_NOT_FOUND = "model_not_found";
    public static final String MODEL_RETIRED = "model_retired";
    public static final String NOTHING_TO_ROLL_BACK = "nothing_to_roll_back";
    public static final String PROMOTION_REFUSED = "promotion_refused";
    public static final String REGISTRY_UNAVAILABLE = "registry_unavailable";
    public static final String DATASET_NOT_FOUND = "dataset_not_found";

    private ErrorCodes() {
    }
}
