package io.likeness.mcdm.nn;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.adapter.ImageAdapter;
import io.likeness.mcdm.nn.adapter.McdmImageConditioner;
import io.likeness.mcdm.nn.clip.ClipConfig;
import io.likeness.mcdm.nn.clip.ClipTextConditioner;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordContext;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNetConfig;
import io.likeness.mcdm.nn.unet.UNets;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;

/**
 * The networks of one MCDM model: text tower + tokenizer (c_p), vision tower + adapter (c_im), VAE (c_s and
 * decoding) and the 8-channel UNet. Context for the UNet = [text tokens ; image tokens] (B, L_text + L_img, D).
 * An MCDM trained from a base with the word path ({@code train base --word-context}) keeps it: {@code words}, the
 * {@link WordContext} added to the text tokens (null for a model conditioned on the tower's output alone, such as
 * the shipped one).
 */
public record McdmModelSet(WordTokenizer tokenizer, ClipTextModel text, ClipVisionModel vision, ImageAdapter adapter,
                           AutoencoderKL vae, UNet2DConditionModel unet, WordContext words) {

    /** A set without the word path. */
    public McdmModelSet(WordTokenizer tokenizer, ClipTextModel text, ClipVisionModel vision, ImageAdapter adapter,
                        AutoencoderKL vae, UNet2DConditionModel unet) {
        this(tokenizer, text, vision, adapter, vae, unet, null);
    }

    /** This set with the word path {@code words} (null: without). */
    public McdmModelSet withWords(WordContext words) {
        return new McdmModelSet(tokenizer, text, vision, adapter, vae, unet, words);
    }

    /** Configurations of the tiny preset (128×128 images, 16×16×4 latents, width 256). */
    public record TinyConfigs(UNetConfig unet, VaeConfig vae, ClipConfig text, ClipConfig vision, int latentSide) {
    }

    public static TinyConfigs tinyConfigs(WordTokenizer tokenizer) {
        return tinyConfigs(tokenizer, VaeConfig.tiny());
    }

    /** The tiny preset with another autoencoder (e.g. {@link VaeConfig#lean()} with its measured scale factor). */
    public static TinyConfigs tinyConfigs(WordTokenizer tokenizer, VaeConfig vae) {
        ClipConfig vision = ClipConfig.tinyVision();
        return new TinyConfigs(UNetConfig.tiny(8), vae,
                ClipConfig.tinyText(tokenizer.vocabularySize(), tokenizer.maxTokens()), vision,
                vision.imageSize() / vae.downsampling());
    }

    /** A freshly initialised tiny MCDM set (for training from scratch or loading parameters into). */
    public static McdmModelSet createTiny(WordTokenizer tokenizer, NDManager manager) {
        return createTiny(tokenizer, VaeConfig.tiny(), manager);
    }

    public static McdmModelSet createTiny(WordTokenizer tokenizer, VaeConfig vae, NDManager manager) {
        TinyConfigs c = tinyConfigs(tokenizer, vae);
        return create(tokenizer, c, UNets.create(c.unet(), manager), manager);
    }

    /**
     * The tiny MCDM set whose UNet is widened from a trained 4-channel base UNet (weights copied, extra c_s
     * channels zero, bias copied); text/vision/VAE are fresh here — callers load their trained parameters.
     */
    public static McdmModelSet tinyFromBase(WordTokenizer tokenizer, UNet2DConditionModel baseUNet,
                                            NDManager manager) {
        return tinyFromBase(tokenizer, VaeConfig.tiny(), baseUNet, manager);
    }

    public static McdmModelSet tinyFromBase(WordTokenizer tokenizer, VaeConfig vae, UNet2DConditionModel baseUNet,
                                            NDManager manager) {
        TinyConfigs c = tinyConfigs(tokenizer, vae);
        return create(tokenizer, c, UNets.widenInput(baseUNet, 8, manager), manager);
    }

    private static McdmModelSet create(WordTokenizer tokenizer, TinyConfigs c, UNet2DConditionModel unet,
                                       NDManager manager) {
        ClipTextModel text = new ClipTextModel(c.text());
        text.initialize(manager);
        ClipVisionModel vision = new ClipVisionModel(c.vision());
        vision.initialize(manager);
        ImageAdapter adapter = new ImageAdapter(c.vision().visionTokens(), c.vision().width(),
                c.vae().latentChannels(), c.latentSide());
        adapter.initialize(manager);
        AutoencoderKL vae = AutoencoderKL.create(c.vae(), manager);
        return new McdmModelSet(tokenizer, text, vision, adapter, vae, unet);
    }

    /** c_p as the UNet was trained on it: the tower's tokens, plus the word path's term if the set has one. */
    public ClipTextConditioner textConditioner() {
        return new ClipTextConditioner(tokenizer, text, words);
    }

    public McdmImageConditioner imageConditioner() {
        return new McdmImageConditioner(vision, adapter);
    }

    /** The four networks as the {@link io.likeness.mcdm.edit.Editor} drives them. */
    public io.likeness.mcdm.edit.EditorModels editorModels() {
        return new io.likeness.mcdm.edit.EditorModels(unet, vae, textConditioner(), imageConditioner());
    }

    /** Context tokens per UNet row: text tokens + image tokens. */
    public int contextTokens() {
        return tokenizer.maxTokens() + adapter.tokens();
    }
}
