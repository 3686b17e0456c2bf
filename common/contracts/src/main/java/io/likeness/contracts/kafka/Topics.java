package io.likeness.contracts.kafka;

import java.util.List;

/**
 * Every Kafka topic of Likeness, in one place. Services map their channels to these names in
 * {@code application.properties}; the stack launcher and the test harness create them from {@link #ALL}.
 * Every job topic is keyed by job id; messages carry S3 keys, never image bytes (claim check).
 */
public final class Topics {

    /** Partitions of the job work queues: the ceiling on mask- and GPU-worker replicas. */
    public static final int WORK_PARTITIONS = 12;

    public static final TopicSpec EDIT_REQUESTED = new TopicSpec("likeness.edit.requested", WORK_PARTITIONS, false,
            "gateway -> mask-worker: a job was accepted, its input is in S3");
    public static final TopicSpec EDIT_MASKED = new TopicSpec("likeness.edit.masked", WORK_PARTITIONS, false,
            "mask-worker -> gpu-worker: prepared input and editing mask are in S3, with the checkpoint version used");
    public static final TopicSpec JOB_EVENTS = new TopicSpec("likeness.job.events", WORK_PARTITIONS, false,
            "every stage -> gateway: state changes and per-step progress of each job");
    public static final TopicSpec JOBS = new TopicSpec("likeness.jobs", WORK_PARTITIONS, true,
            "job view: the latest snapshot of every job, materialised from job events");
    public static final TopicSpec CONTROL = new TopicSpec("likeness.job.control", WORK_PARTITIONS, true,
            "gateway -> workers: cancellations, keyed by job id");
    public static final TopicSpec WEBHOOK_DELIVERIES = new TopicSpec("likeness.webhook.deliveries", WORK_PARTITIONS, true,
            "gateway webhook dispatcher: pending and finished deliveries, so retries survive restarts");
    public static final TopicSpec DEAD_LETTERS = new TopicSpec("likeness.dead-letters", 3, false,
            "records a stage could not process, with dead-letter-* headers");
    public static final TopicSpec DATASET_REQUESTED = new TopicSpec("likeness.dataset.requested", 3, false,
            "ML engineer -> trainer: generate training pairs for edit directions");
    public static final TopicSpec TRAINING_REQUESTED = new TopicSpec("likeness.training.requested", 3, false,
            "ML engineer -> trainer: train the foundation models (resumable, one run at a time)");
    public static final TopicSpec TRAINER_EVENTS = new TopicSpec("likeness.trainer.events", 3, false,
            "trainer -> gateway: progress and results of trainer runs");
    public static final TopicSpec MODELS = new TopicSpec("likeness.models", 1, true,
            "model registry: published and promoted MCDM checkpoints (compacted)");

    public static final List<TopicSpec> ALL = List.of(
            EDIT_REQUESTED, EDIT_MASKED, JOB_EVENTS, JOBS, CONTROL, WEBHOOK_DELIVERIES, DEAD_LETTERS,
            DATASET_REQUESTED, TRAINING_REQUESTED, TRAINER_EVENTS, MODELS);

    private Topics() {
    }
}
