package io.likeness.contracts.image;

import io.likeness.contracts.events.CropBox;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The model's input and where it came from.
 *
 * @param modelInput a TYPE_INT_RGB square of {@code modelSize × modelSize}
 * @param crop       the square of the oriented original that {@code modelInput} shows; the result is pasted back
 *                   into exactly this region
 */
public record FramedImage(BufferedImage modelInput, CropBox crop) {

    public FramedImage {
        Objects.requireNonNull(modelInput, "modelInput");
        Objects.requireNonNull(crop, "crop");
    }

    public int modelSize() {
        return modelInput.getWidth();
    }
}
