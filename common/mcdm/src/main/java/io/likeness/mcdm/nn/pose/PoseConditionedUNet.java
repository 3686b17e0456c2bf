package io.likeness.mcdm.nn.pose;

import ai.djl.ndarray.NDArray;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;

/** A UNet plus its pose branch: ε̂ = UNet(x, t, c; + scale·ControlNet(x, t, c, pose) residuals). */
public final class PoseConditionedUNet {

    private final UNet2DConditionModel unet;
    private final PoseControlNet pose;

    public PoseConditionedUNet(UNet2DConditionModel unet, PoseControlNet pose) {
        this.unet = unet;
        this.pose = pose;
    }

    public UNet2DConditionModel unet() {
        return unet;
    }

    public PoseControlNet poseBranch() {
        return pose;
    }

    /** ε̂ with the pose condition at the configured scale. */
    public NDArray predict(NDArray x, NDArray t, NDArray context, NDArray poseImage) {
        return predict(x, t, context, poseImage, pose.poseConfig().conditioningScale());
    }

    public NDArray predict(NDArray x, NDArray t, NDArray context, NDArray poseImage, float scale) {
        try (Scope sc = Scope.of(x, t, context, poseImage)) {
            PoseControlNet.Residuals r = pose.forward(x, t, context, poseImage, scale);
            return sc.keep(unet.forward(x, t, context, r.down(), r.mid()));
        }
    }

    /** An {@link EpsilonModel} view with a fixed pose image (batch must match the calls'). */
    public EpsilonModel withPose(NDArray poseImage) {
        return new EpsilonModel() {
            @Override
            public NDArray predict(NDArray x, NDArray t, NDArray context) {
                return PoseConditionedUNet.this.predict(x, t, context, poseImage);
            }

            @Override
            public int inChannels() {
                return unet.inChannels();
            }
        };
    }
}
