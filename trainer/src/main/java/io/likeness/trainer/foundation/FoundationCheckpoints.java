package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.TextContext;
import io.likeness.mcdm.nn.clip.WordContext;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the final checkpoints of the foundation stages (library format) into fresh tiny-preset blocks. */
public final class FoundationCheckpoints {

    /** Tokens every tokenizer adds itself (not written into a checkpoint's vocabulary). */
    static final java.util.Set<String> SPECIALS = java.util.Set.of(WordTokenizer.PAD, WordTokenizer.START,
            WordTokenizer.END, WordTokenizer.UNK);

    /** Block name of a base checkpoint's word path ({@link WordContext}), if it has one. */
    public static final String WORDS = WordContext.BLOCK;

    /** Hyper-parameter a base checkpoint with the word path records. */
    public static final String WORD_CONTEXT = WordContext.HYPER_PARAMETER;

    /** Whether a base checkpoint conditions on the prompt's word embeddings as well as on the text tower's output. */
    public static boolean hasWordContext(CheckpointManifest base) {
        return base.architecture().hyperParameters().has(WORD_CONTEXT);
    }

    /**
     * The hyper-parameters {@link #clip} reads back (tower widths and depths, sequence length, vocabulary without
     * the special tokens): what the clip stage and {@code extract} record.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode clipHyperParameters(WordTokenizer tokenizer,
            ClipTextModel text, ClipVisionModel vision) {
        com.fasterxml.jackson.databind.node.ObjectNode h =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        h.put("text_width", text.config().width());
        h.put("text_layers", text.config().layers());
        h.put("vision_width", vision.config().width());
        h.put("vision_layers", vision.config().layers());
        h.put("max_tokens", tokenizer.maxTokens());
        com.fasterxml.jackson.databind.node.ArrayNode vocabulary = h.putArray("vocabulary");
        tokenizer.vocabulary().stream().filter(w -> !SPECIALS.contains(w)).forEach(vocabulary::add);
        return h;
    }

    private FoundationCheckpoints() {
    }

    /** The text and image encoders with their tokenizer. */
    public record Clip(WordTokenizer tokenizer, ClipTextModel text, ClipVisionModel vision, CheckpointManifest manifest) {
    }

    /** The autoencoder with the latent scale factor measured when it was trained. */
    public static AutoencoderKL vae(Path dir, NDManager manager) throws IOException {
        CheckpointManifest m = CheckpointStore.readManifest(dir);
        VaeConfig cfg = vaeConfig(m.architecture().hyperParameters());
        AutoencoderKL vae = AutoencoderKL.create(cfg, manager);
        CheckpointStore.load(dir, manager, Map.of("vae", vae));
        return vae;
    }

    /** The autoencoder configuration a vae checkpoint records (widths, depth, groups, measured scale factor). */
    public static VaeConfig vaeConfig(JsonNode h) {
        return VaeConfig.fromJson(h);
    }

    public static WordTokenizer tokenizer(CheckpointManifest m) {
        JsonNode h = m.architecture().hyperParameters();
        List<String> vocabulary = new ArrayList<>();
        h.get("vocabulary").forEach(w -> {
            if (!SPECIALS.contains(w.asText())) {
                vocabulary.add(w.asText());
            }
        });
        return new WordTokenizer(vocabulary, h.get("max_tokens").asInt());
    }

    public static Clip clip(Path dir, NDManager manager) throws IOException {
        CheckpointManifest m = CheckpointStore.readManifest(dir);
        WordTokenizer tokenizer = tokenizer(m);
        ClipTextModel text = TinyPresets.textTower(tokenizer, manager);
        ClipVisionModel vision = TinyPresets.visionTower(manager);
        Map<String, Block> blocks = new LinkedHashMap<>();
        blocks.put("text", text);
        blocks.put("vision", vision);
        CheckpointStore.load(dir, manager, blocks);
        return new Clip(tokenizer, text, vision, m);
    }

    public static IdentityMapper identityMapper(Path dir, NDManager manager) throws IOException {
        IdentityMapper mapper = TinyPresets.identityMapper(manager);
        CheckpointStore.load(dir, manager, Map.of("identity", mapper));
        return mapper;
    }

    /**
     * The base UNet and its pose branch, and the word path its context includes ({@code train base
     * --word-context}), or null for a base conditioned on the text tower's output alone. Whatever samples from the
     * base or trains from it must build the context as the base did: {@link #textContext}.
     */
    public record Base(UNet2DConditionModel unet, PoseControlNet pose, WordContext words, CheckpointManifest manifest) {

        /** The context this base was trained on, around {@code text} (the frozen text tower it was trained with). */
        public TextContext textContext(ClipTextModel text) {
            return new TextContext(text, words);
        }
    }

    /** A base checkpoint's blocks: {@code unet}, {@code pose} and, when the manifest records it, {@code words}. */
    public static Base base(Path dir, NDManager manager) throws IOException {
        CheckpointManifest manifest = CheckpointStore.readManifest(dir);
        UNet2DConditionModel unet = TinyPresets.baseUNet(manager);
        PoseControlNet pose = TinyPresets.poseBranch(unet, manager);
        WordContext words = hasWordContext(manifest)
                ? TinyPresets.wordContext(unet.config().crossAttentionDim(), manager)
                : null;
        Map<String, Block> blocks = new LinkedHashMap<>();
        blocks.put("unet", unet);
        blocks.put("pose", pose);
        if (words != null) {
            blocks.put(WORDS, words);
        }
        CheckpointManifest m = CheckpointStore.load(dir, manager, blocks);
        return new Base(unet, pose, words, m);
    }
}
