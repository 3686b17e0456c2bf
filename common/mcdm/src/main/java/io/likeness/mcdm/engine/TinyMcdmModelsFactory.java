package io.likeness.mcdm.engine;

import io.likeness.mcdm.nn.vae.VaeConfig;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.edit.EditorConfig;
import io.likeness.mcdm.edit.EditorModels;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.WordContext;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the tiny MCDM model set ({@link McdmModelSet}, 128×128 images) of a checkpoint whose architecture preset
 * is {@value #PRESET}. The checkpoint layout this reads — and trainers must write, with {@link #blocks} and
 * {@link #architecture} — is: one weights file per block ({@code .params}, or float16 {@code .f16.ndlist}) named {@code unet}, {@code vae}, {@code text},
 * {@code vision}, {@code adapter}; the tokenizer's vocabulary under {@code architecture.hyperParameters.vocabulary}
 * (id order, specials omitted) and its length under {@code maxTokens}; the autoencoder's configuration under
 * {@code vae} (absent: {@link VaeConfig#tiny()}). A model trained from a base with the word path has one more
 * block, {@value WordContext#BLOCK} ({@link WordContext}), and records {@value WordContext#HYPER_PARAMETER}; without
 * that entry the set has no word path and loads as before. Other presets are unavailable (retryable:
 * a newer worker build may support them).
 */
public final class TinyMcdmModelsFactory implements EditorModelsFactory {

    public static final String PRESET = "mcdm-tiny";

    /** The value recorded under {@value WordContext#HYPER_PARAMETER} (only its presence is read). */
    public static final String WORD_CONTEXT_DESCRIPTION = "tower + projection of LayerNorm(word embeddings)";

    private static final Set<String> SPECIALS = Set.of(WordTokenizer.PAD, WordTokenizer.START, WordTokenizer.END,
            WordTokenizer.UNK);

    @Override
    public LoadedModels load(Path dir, CheckpointManifest manifest) throws IOException {
        ArchitectureSpec arch = manifest.architecture();
        if (arch == null || !PRESET.equals(arch.preset())) {
            throw new CheckpointUnavailableException(manifest.version(), "architecture preset '"
                    + (arch == null ? null : arch.preset()) + "' is not supported by this build (only " + PRESET + ")");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            McdmModelSet set = modelSet(manifest, manager);
            CheckpointStore.load(dir, manager, blocks(set));
            EditorModels models = new EditorModels(set.unet(), set.vae(), set.textConditioner(),
                    set.imageConditioner());
            return new LoadedModels(models, NoiseSchedule.stableDiffusion(), EditorConfig.defaults(manifest.version()),
                    manager::close);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The (initialised, not yet loaded) model set a checkpoint of this preset describes, in {@code manager}. */
    public static McdmModelSet modelSet(CheckpointManifest manifest, NDManager manager) {
        ArchitectureSpec arch = manifest.architecture();
        WordTokenizer tokenizer = tokenizer(arch.hyperParameters(), manifest.version());
        JsonNode vae = arch.hyperParameters().get("vae");
        McdmModelSet set = McdmModelSet.createTiny(tokenizer, vae == null ? VaeConfig.tiny() : VaeConfig.fromJson(vae),
                manager);
        return hasWordContext(manifest)
                ? set.withWords(TinyPresets.wordContext(set.text().config().width(), manager))
                : set;
    }

    /** Whether a checkpoint of this preset conditions on the word path as well ({@link WordContext}). */
    public static boolean hasWordContext(CheckpointManifest manifest) {
        return manifest.architecture() != null
                && manifest.architecture().hyperParameters().has(WordContext.HYPER_PARAMETER);
    }

    /**
     * The blocks of a model set by checkpoint file name (without {@code .params}); the word path's only when the set
     * has one. Everything that saves, loads or converts a checkpoint goes through this map, so the word path travels
     * with the rest (ship, extract, the workers).
     */
    public static Map<String, Block> blocks(McdmModelSet set) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        blocks.put("unet", set.unet());
        blocks.put("vae", set.vae());
        blocks.put("text", set.text());
        blocks.put("vision", set.vision());
        blocks.put("adapter", set.adapter());
        if (set.words() != null) {
            blocks.put(WordContext.BLOCK, set.words());
        }
        return blocks;
    }

    /** The architecture entry of a manifest for a tiny model set with this tokenizer. */
    public static ArchitectureSpec architecture(WordTokenizer tokenizer) {
        return architecture(tokenizer, null);
    }

    /** As {@link #architecture(WordTokenizer)}, recording the autoencoder's configuration (null: the tiny one). */
    public static ArchitectureSpec architecture(WordTokenizer tokenizer, VaeConfig vae) {
        return architecture(tokenizer, vae, false);
    }

    /**
     * As {@link #architecture(WordTokenizer, VaeConfig)}; {@code wordContext}: the set has the word path, recorded
     * under {@value WordContext#HYPER_PARAMETER} so loaders create its block.
     */
    public static ArchitectureSpec architecture(WordTokenizer tokenizer, VaeConfig vae, boolean wordContext) {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        if (vae != null) {
            hp.set("vae", vae.toJson());
        }
        ArrayNode vocabulary = hp.putArray("vocabulary");
        tokenizer.vocabulary().stream().filter(w -> !SPECIALS.contains(w)).forEach(vocabulary::add);
        hp.put("maxTokens", tokenizer.maxTokens());
        if (wordContext) {
            hp.put(WordContext.HYPER_PARAMETER, WORD_CONTEXT_DESCRIPTION);
        }
        return new ArchitectureSpec(PRESET, hp);
    }

    private static WordTokenizer tokenizer(ObjectNode hp, String version) {
        JsonNode vocabulary = hp.get("vocabulary");
        if (vocabulary == null || !vocabulary.isArray() || vocabulary.isEmpty()) {
            throw new CheckpointUnavailableException(version, "the manifest has no tokenizer vocabulary");
        }
        List<String> words = new ArrayList<>();
        vocabulary.forEach(w -> words.add(w.asText()));
        return new WordTokenizer(words, hp.path("maxTokens").asInt(TinyPresets.TEXT_TOKENS));
    }
}
