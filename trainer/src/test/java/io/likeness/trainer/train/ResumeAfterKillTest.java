package io.likeness.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.foundation.VaeStage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of resumable training: a run that dies mid-way (an exception thrown inside step 5, after the
 * checkpoint of step 4, so nothing is saved on the way out — as with {@code kill -9}) and is then resumed by a
 * fresh stage and loop ends with bit-identical parameters, optimizer state and loss log to a run that was never
 * interrupted. The real VAE stage on real studio renders, at a small crop.
 */
class ResumeAfterKillTest {

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void render() throws IOException {
        data = tmp.resolve("views");
        StudioDatasets.renderViews(data, 8, new StudioDatasets.Options(5, Split.TRAIN, 128, 4, 1, 1), null);
    }

    private static VaeStage stage() throws IOException {
        return new VaeStage(data, data, 11, new VaeStage.Settings(io.likeness.mcdm.nn.vae.VaeConfig.lean(), 1, 32, 1e-3, 1e-6,
                0.5, 2));
    }

    /** Six steps, the last four in a learning-rate cooldown, so the kill and the resume fall inside it. */
    private static TrainingLoop.Options options(Path runDir) {
        return new TrainingLoop.Options(runDir, 6, 2, 0, null, 11, TrainingLoop.ProgressMode.NONE, "resume-test",
                "test", 3, 4);
    }

    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    @Test
    void aRunKilledAfterACheckpointAndResumedEqualsAnUninterruptedRun() throws Exception {
        Path straight = tmp.resolve("straight");
        try (VaeStage s = stage()) {
            assertThat(new TrainingLoop(s, options(straight), QUIET).run().finished()).isTrue();
        }

        Path killed = tmp.resolve("killed");
        try (VaeStage s = stage()) {
            TrainingStage dying = new DiesAtStep(s, 4);
            assertThatThrownBy(() -> new TrainingLoop(dying, options(killed), QUIET).run())
                    .hasMessageContaining("killed");
        }
        assertThat(Files.readString(killed.resolve("latest")).trim()).isEqualTo("step-000004");
        try (VaeStage s = stage()) {
            TrainingLoop.Outcome o = new TrainingLoop(s, options(killed), QUIET).run();
            assertThat(o.startStep()).isEqualTo(4);
            assertThat(o.finished()).isTrue();
        }

        assertThat(sha256(killed.resolve("checkpoints/step-000006/vae.params")))
                .isEqualTo(sha256(straight.resolve("checkpoints/step-000006/vae.params")));
        assertThat(sha256(killed.resolve("checkpoints/step-000006/optimizer.ndlist")))
                .isEqualTo(sha256(straight.resolve("checkpoints/step-000006/optimizer.ndlist")));
        assertThat(withoutTimes(killed.resolve("losses.csv"))).isEqualTo(withoutTimes(straight.resolve("losses.csv")))
                .hasSize(7);
        assertThat(sha256(killed.resolve("final/vae.params"))).isEqualTo(sha256(straight.resolve("final/vae.params")));

        // the logged rates (4 significant digits): the VAE stage's warm-up (1e-3 × step / 100) times the cooldown's 1 - sqrt(done)
        double[] factor = {1, 1, 1, 1 - Math.sqrt(0.25), 1 - Math.sqrt(0.5), 1 - Math.sqrt(0.75)};
        List<String> rows = Files.readAllLines(killed.resolve("losses.csv"));
        for (int step = 1; step <= 6; step++) {
            double lr = Double.parseDouble(rows.get(step).split(",")[2]);
            assertThat(lr).as("lr of step %d", step)
                    .isCloseTo(1e-3 * step / 100 * factor[step - 1], org.assertj.core.data.Percentage.withPercentage(0.1));
        }
    }

    @Test
    void theSameCommandOnAFinishedRunReportsItWithoutSamplingOrEvaluatingAgain() throws Exception {
        Path dir = tmp.resolve("finished");
        Map<String, Double> first;
        try (VaeStage s = stage()) {
            first = new TrainingLoop(s, options(dir), QUIET).run().metrics();
        }
        String finalSum = sha256(dir.resolve("final/manifest.json"));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try (VaeStage s = stage()) {
            TrainingLoop.Outcome again = new TrainingLoop(new DiesAtStep(s, 0, true), options(dir),
                    new PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8)).run();
            assertThat(again.finished()).isTrue();
            assertThat(again.startStep()).isEqualTo(6);
            assertThat(again.metrics()).isEqualTo(first);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("already finished: 6 steps");
        assertThat(sha256(dir.resolve("final/manifest.json"))).isEqualTo(finalSum);

        // a run asked to go further is not finished: it trains on and writes its final checkpoint again
        try (VaeStage s = stage()) {
            TrainingLoop.Outcome longer = new TrainingLoop(s, new TrainingLoop.Options(dir, 8, 2, 0, null, 11,
                    TrainingLoop.ProgressMode.NONE, "resume-test", "test", 3, 4), QUIET).run();
            assertThat(longer.startStep()).isEqualTo(6);
            assertThat(longer.endStep()).isEqualTo(8);
        }
        assertThat(io.likeness.mcdm.checkpoint.CheckpointStore.verify(dir.resolve("final")).provenance().steps())
                .isEqualTo(8);
    }

    @Test
    void aDifferentSeedIsRefusedInsteadOfSilentlyMixingRuns() throws Exception {
        Path dir = tmp.resolve("seeded");
        try (VaeStage s = stage()) {
            new TrainingLoop(s, new TrainingLoop.Options(dir, 2, 2, 0, null, 11, TrainingLoop.ProgressMode.NONE,
                    "v", "t", 1), QUIET).run();
        }
        try (VaeStage s = stage()) {
            assertThatThrownBy(() -> new TrainingLoop(s, new TrainingLoop.Options(dir, 4, 2, 0, null, 12,
                    TrainingLoop.ProgressMode.NONE, "v", "t", 1), QUIET).run())
                    .hasMessageContaining("seed 11").hasMessageContaining("--run-dir");
        }
    }

    private static String sha256(Path file) throws IOException {
        return io.likeness.mcdm.checkpoint.CheckpointStore.sha256(file);
    }

    /** Drops the wall-time column (the only one that may differ). */
    private static List<String> withoutTimes(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] c = line.split(",");
            c[1] = "";
            out.add(String.join(",", c));
        }
        return out;
    }

    /** A stage that dies inside step {@code dieAt} (0-based) without any clean-up, like a killed process. */
    private record DiesAtStep(VaeStage inner, long dieAt, boolean refuseEvaluation) implements TrainingStage {
        DiesAtStep(VaeStage inner, long dieAt) {
            this(inner, dieAt, false);
        }

        @Override
        public void writeSamples(Path png, long step) throws IOException {
            if (refuseEvaluation) {
                throw new IllegalStateException("samples drawn again");
            }
            inner.writeSamples(png, step);
        }

        @Override
        public Map<String, Double> evaluate() throws IOException {
            if (refuseEvaluation) {
                throw new IllegalStateException("evaluated again");
            }
            return inner.evaluate();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Map<String, NnBlock> trainable() {
            return inner.trainable();
        }

        @Override
        public Map<String, Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public AdamW.Settings optimizer() {
            return inner.optimizer();
        }

        @Override
        public Map<String, Double> step(NDManager manager, long step) throws IOException {
            Map<String, Double> l = inner.step(manager, step);
            if (step == dieAt) {
                throw new IllegalStateException("killed in step " + (step + 1));
            }
            return l;
        }

        @Override
        public JsonNode dataPosition() {
            return inner.dataPosition();
        }

        @Override
        public void seek(JsonNode position) throws IOException {
            inner.seek(position);
        }

        @Override
        public void close() {
        }
    }
}
