package io.likeness.contracts.events;

/**
 * The square region of the (oriented) input that was resized to the model's resolution; the result is pasted
 * back into exactly this region.
 */
public record CropBox(int x, int y, int size) {
}
