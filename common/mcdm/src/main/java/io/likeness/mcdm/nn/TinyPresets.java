package io.likeness.mcdm.nn;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.clip.ClipConfig;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.mcdm.nn.pose.PoseConfig;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNetConfig;
import io.likeness.mcdm.nn.unet.UNets;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import java.util.List;

/**
 * Factories for the tiny foundation models the trainer pretrains (the stand-in for SD/CLIP) and for pair
 * generation: 128×128 images, 16×16×4 latents, width 256, 24 text tokens, 65 image tokens. Every factory
 * initialises the block on {@code manager} (fresh weights; load trained parameters afterwards).
 */
public final class TinyPresets {

    /** Text tokens of the tiny text tower. */
    public static final int TEXT_TOKENS = 24;

    private TinyPresets() {
    }

    /** The default tokenizer (paper prompts + portrait words); prefer {@link WordTokenizer#fromCorpus}. */
    public static WordTokenizer defaultTokenizer() {
        return WordTokenizer.fromCorpus(WordTokenizer.defaultPortraitWords(), TEXT_TOKENS);
    }

    /** Base text-to-image UNet (4 input channels), LDM zero-init for training from scratch (11.0 M params). */
    public static UNet2DConditionModel baseUNet(NDManager manager) {
        return UNets.create(UNetConfig.tiny(4), manager);
    }

    /** Pose branch copied from a (trained) base UNet; contributes 0 until trained. */
    public static PoseControlNet poseBranch(UNet2DConditionModel base, NDManager manager) {
        return PoseControlNet.fromUNet(base, PoseConfig.tiny(), manager);
    }

    public static AutoencoderKL vae(NDManager manager) {
        return AutoencoderKL.create(VaeConfig.tiny(), manager);
    }

    public static ClipTextModel textTower(WordTokenizer tokenizer, NDManager manager) {
        ClipTextModel text = new ClipTextModel(ClipConfig.tinyText(tokenizer.vocabularySize(), tokenizer.maxTokens()));
        text.initialize(manager);
        return text;
    }

    /** The word path around a text tower of this width ({@link io.likeness.mcdm.nn.clip.WordContext}); starts at 0. */
    public static io.likeness.mcdm.nn.clip.WordContext wordContext(int textWidth, NDManager manager) {
        io.likeness.mcdm.nn.clip.WordContext words = new io.likeness.mcdm.nn.clip.WordContext(textWidth);
        words.initialize(manager);
        return words;
    }

    public static ClipVisionModel visionTower(NDManager manager) {
        ClipVisionModel vision = new ClipVisionModel(ClipConfig.tinyVision());
        vision.initialize(manager);
        return vision;
    }

    /** Identity mapper: 2 words, from the last hidden state and the one after layer 2 of the vision tower. */
    public static IdentityMapper identityMapper(NDManager manager) {
        ClipConfig v = ClipConfig.tinyVision();
        IdentityMapper mapper = new IdentityMapper(v.width(), 256, List.of(v.layers(), v.layers() / 2));
        mapper.initialize(manager);
        return mapper;
    }
}
