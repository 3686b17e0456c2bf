package io.likeness.trainer.publish;

/** What {@link ModelPublisher} does after publishing a checkpoint. */
public enum PromotionPolicy {
    /** Publish only: the version is available (PUBLISHED) but serves no new job until someone promotes it. */
    NONE,
    /** Promote if {@link io.likeness.contracts.model.PromotionGate} finds no regression against the active model. */
    GATED,
    /** Promote whatever its metrics. */
    FORCE
}
