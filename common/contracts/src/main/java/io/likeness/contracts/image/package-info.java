/**
 * Image handling shared by the gateway and the workers: upload validation before decoding
 * ({@link io.likeness.contracts.image.ImageInspector}), oriented decoding
 * ({@link io.likeness.contracts.image.ImageDecoder}), framing for the square model
 * ({@link io.likeness.contracts.image.ModelFraming}), compositing the edit back at full resolution
 * ({@link io.likeness.contracts.image.ResultCompositor}) and metadata-free PNG output
 * ({@link io.likeness.contracts.image.PngWriter}). Headless Java2D and javax.imageio with the TwelveMonkeys
 * JPEG/WebP plugins; no native code.
 */
package io.likeness.contracts.image;
