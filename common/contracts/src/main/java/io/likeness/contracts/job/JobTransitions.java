package io.likeness.contracts.job;

/**
 * The job state machine's transition table, in one place. Stages run at least once (Kafka redelivers after a
 * crash), so a stage may report the state it is already in again ({@code MASKING → MASKING},
 * {@code EDITING → EDITING} for progress); a job never goes backwards and never leaves a terminal state.
 */
public final class JobTransitions {

    private JobTransitions() {
    }

    public static boolean isAllowed(JobState from, JobState to) {
        return switch (from) {
            case QUEUED -> to == JobState.MASKING || to == JobState.MASKED || endsEarly(to);
            case MASKING -> to == JobState.MASKING || to == JobState.MASKED || endsEarly(to);
            case MASKED -> to == JobState.EDITING || endsEarly(to);
            case EDITING -> to == JobState.EDITING || to == JobState.SUCCEEDED || endsEarly(to);
            case SUCCEEDED, FAILED, CANCELED -> false;
        };
    }

    /** Throws {@link IllegalJobStateChangeException} unless the move is allowed. */
    public static void check(String jobId, JobState from, JobState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalJobStateChangeException(jobId, from, to);
        }
    }

    private static boolean endsEarly(JobState to) {
        return to == JobState.FAILED || to == JobState.CANCELED;
    }
}
