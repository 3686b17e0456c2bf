package io.likeness.contracts.job;

/** A stage tried to move a job along a transition the state machine does not have. */
public final class IllegalJobStateChangeException extends IllegalStateException {

    private final JobState from;
    private final JobState to;

    public IllegalJobStateChangeException(String jobId, JobState from, JobState to) {
        super("job " + jobId + ": " + from + " -> " + to + " is not an allowed transition");
        this.from = from;
        this.to = to;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
