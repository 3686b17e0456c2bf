package io.likeness.contracts.job;

/** How the edit is confined to a region (paper §3.4). */
public enum MaskMode {
    /** The MCDM computes the editing mask from the source and target prompts (default). */
    AUTO,
    /** No mask: the whole image is regenerated under the MCDM's conditions. */
    NONE,
    /** The client supplies the mask image (white = edit). */
    PROVIDED
}
