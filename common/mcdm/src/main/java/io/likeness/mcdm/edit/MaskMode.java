package io.likeness.mcdm.edit;

/** Whether an edit uses the mask-guided noise (paper Eq. 3) and where the mask comes from. */
public enum MaskMode {
    /** Compute the paper's editing mask from the source and target prompts (5-row guidance). */
    AUTO,
    /** No mask: plain 3-condition guidance (4 rows). */
    NONE,
    /** Use the mask supplied with the request (5-row guidance). */
    PROVIDED
}
