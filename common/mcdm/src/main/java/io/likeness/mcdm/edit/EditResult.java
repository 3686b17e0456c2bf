package io.likeness.mcdm.edit;

import io.likeness.mcdm.mask.EditingMask;
import java.awt.image.BufferedImage;

/**
 * The outcome of an edit: the 8-bit RGB image, the mask that guided it (null for {@link MaskMode#NONE}) and the
 * settings that reproduce it.
 */
public record EditResult(BufferedImage image, EditingMask mask, GenerationSettings settings) {
}
