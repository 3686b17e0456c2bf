package io.likeness.mcdm.edit;

import io.likeness.mcdm.guidance.NullConditionPolicy;
import io.likeness.mcdm.mask.MaskConfig;
import io.likeness.mcdm.sampling.UniPcConfig;

/**
 * Editor settings that are fixed per deployed checkpoint.
 *
 * @param sampler           UniPC settings (spacing must match the checkpoint's scheduler config)
 * @param nullConditions    which null values the checkpoint was trained/used with
 * @param mask              editing-mask settings
 * @param checkpointVersion recorded in the generation settings
 */
public record EditorConfig(UniPcConfig sampler, NullConditionPolicy nullConditions, MaskConfig mask,
        String checkpointVersion) {

    public static EditorConfig defaults(String checkpointVersion) {
        return new EditorConfig(UniPcConfig.defaults(), NullConditionPolicy.INFERENCE, MaskConfig.defaults(),
                checkpointVersion);
    }
}
