package io.likeness.mcdm.edit;

import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.model.ImageConditioner;
import io.likeness.mcdm.model.LatentCodec;
import io.likeness.mcdm.model.TextConditioner;
import java.util.Objects;

/** The four networks an {@link Editor} drives (owned by the caller, who closes them). */
public record EditorModels(EpsilonModel unet, LatentCodec codec, TextConditioner text, ImageConditioner image) {

    public EditorModels {
        Objects.requireNonNull(unet, "unet");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(image, "image");
    }
}
