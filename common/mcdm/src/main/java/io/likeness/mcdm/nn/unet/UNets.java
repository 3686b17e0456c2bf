package io.likeness.mcdm.nn.unet;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.layers.WeightCopy;
import java.util.Map;

/** Factories for UNets: fresh ones from a config, and the MCDM 8-channel UNet from a trained 4-channel one. */
public final class UNets {

    private UNets() {
    }

    /** A freshly initialised UNet on {@code manager}. */
    public static UNet2DConditionModel create(UNetConfig config, NDManager manager) {
        UNet2DConditionModel unet = new UNet2DConditionModel(config);
        unet.initialize(manager);
        return unet;
    }

    /**
     * The MCDM UNet (input {@code [z_t ; c_s]}) from a trained UNet with fewer input channels: every weight is
     * copied; conv_in's weight keeps the trained channels and gets zero weights for the extra ones; conv_in's
     * bias is copied (the released code re-creates it randomly — a known defect, not reproduced here). At
     * initialisation the result ignores c_s exactly.
     */
    public static UNet2DConditionModel widenInput(UNet2DConditionModel trained, int inChannels, NDManager manager) {
        UNet2DConditionModel wide = new UNet2DConditionModel(trained.config().withInChannels(inChannels));
        WeightCopy.initializeFrom(wide, trained, manager,
                Map.of("conv_in.weight", WeightCopy.widenedInput(trained.namedParameters().get("conv_in.weight"))));
        return wide;
    }
}
