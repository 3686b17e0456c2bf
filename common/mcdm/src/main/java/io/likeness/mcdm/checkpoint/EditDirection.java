package io.likeness.mcdm.checkpoint;

/** One entry of a checkpoint's edit catalog: the prompt pair and the mask threshold λ of an edit direction. */
public record EditDirection(String sourcePrompt, String targetPrompt, double maskThreshold) {
}
