package io.likeness.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.nn.layers.NnBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One trainable stage (autoencoder, encoders, identity mapper, base UNet, MCDM). The {@link TrainingLoop} owns
 * the optimizer, the EMA, checkpoints, resume, the loss log and the progress bar; a stage owns its networks, its
 * data stream and its loss.
 */
public interface TrainingStage extends AutoCloseable {

    /** Stage id, e.g. {@code vae}; names the run's files. */
    String name();

    /** Blocks whose parameters are trained and checkpointed, by file name. */
    Map<String, NnBlock> trainable();

    /** The parameters the optimizer updates (by default every parameter of {@link #trainable()}). */
    default Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new java.util.LinkedHashMap<>();
        trainable().forEach((block, b) -> b.namedParameters().forEach((n, p) -> out.put(block + "." + n, p)));
        return out;
    }

    /**
     * The blocks of the stage's output checkpoint ({@code final/}); by default the trained ones. A stage whose
     * product also contains frozen networks (the MCDM: UNet and adapter trained, text, vision and VAE frozen)
     * returns all of them so the output loads on its own.
     */
    default Map<String, NnBlock> published() {
        return trainable();
    }

    AdamW.Settings optimizer();

    /** EMA decay of the published weights, or 0 for none. */
    default double emaDecay() {
        return 0;
    }

    /**
     * Runs one step's forward and backward on the next batch: draws every random number from
     * {@link StepRandom#of}(seed, step, …), creates every array on {@code manager}, and calls backward inside its
     * own gradient collector.
     *
     * @return the named scalar losses of the step (the first is the one that was minimised)
     */
    Map<String, Double> step(NDManager manager, long step) throws IOException;

    /** Where the data stream stands (saved with each checkpoint). */
    JsonNode dataPosition();

    /** Continues the data stream from a saved {@link #dataPosition()}. */
    void seek(JsonNode position) throws IOException;

    /** Writes a picture of what the model does now (reconstructions, samples); called with EMA weights if any. */
    default void writeSamples(Path png, long step) throws IOException {
    }

    /** Validation metrics of the current weights (called at the end with EMA weights if any). */
    default Map<String, Double> evaluate() throws IOException {
        return Map.of();
    }

    @Override
    void close();
}
