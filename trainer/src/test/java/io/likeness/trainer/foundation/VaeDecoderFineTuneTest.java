package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.TrainingLoop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train vae --decoder-from}: the decoder of a trained autoencoder is fine-tuned and nothing else moves, so the
 * latent space every later model was trained on is the same bit for bit; and the fine-tune resumes exactly.
 */
class VaeDecoderFineTuneTest {

    @TempDir
    static Path tmp;
    static Path data;
    static Path whole;

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeAll
    static void trainAnAutoencoder() throws IOException {
        data = tmp.resolve("views");
        StudioDatasets.renderViews(data, 8, new StudioDatasets.Options(5, Split.TRAIN, 128, 4, 1, 1), null);
        Path run = tmp.resolve("whole");
        try (VaeStage s = new VaeStage(data, data, 3, settings())) {
            new TrainingLoop(s, options(run, 2), QUIET).run();
        }
        whole = run.resolve("final");
    }

    private static VaeStage.Settings settings() {
        return new VaeStage.Settings(VaeConfig.lean(), 1, 32, 1e-3, 1e-6, 0.5, 2);
    }

    private static TrainingLoop.Options options(Path runDir, long steps) {
        return new TrainingLoop.Options(runDir, steps, 2, 0, null, 3, TrainingLoop.ProgressMode.NONE, "v", "t", 3);
    }

    private static Path fineTune(String name, long... stepsPerRun) throws IOException {
        return fineTune(name, settings().withDecoderFineTune(whole, 0.5), null, stepsPerRun);
    }

    private static Path fineTune(String name, VaeStage.Settings settings, GeneratedLatents generated,
                                 long... stepsPerRun) throws IOException {
        Path run = tmp.resolve(name);
        for (long steps : stepsPerRun) {
            try (VaeStage s = new VaeStage(data, data, 3, settings, generated)) {
                assertThat(s.parameters().keySet()).isNotEmpty()
                        .allMatch(n -> n.startsWith("vae.decoder.") || n.startsWith("vae.post_quant_conv."));
                new TrainingLoop(s, options(run, steps), QUIET).run();
            }
        }
        return run.resolve("final");
    }

    @Test
    void onlyTheDecoderMovesAndTheLatentSpaceStaysTheSame() throws IOException {
        Path tuned = fineTune("tuned", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL before = FoundationCheckpoints.vae(whole, m);
            AutoencoderKL after = FoundationCheckpoints.vae(tuned, m);
            Map<String, float[]> a = values(before);
            Map<String, float[]> b = values(after);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            int decoderMoved = 0;
            for (String name : a.keySet()) {
                boolean same = Arrays.equals(a.get(name), b.get(name));
                if (name.startsWith("decoder.") || name.startsWith("post_quant_conv.")) {
                    decoderMoved += same ? 0 : 1;
                } else {
                    assertThat(same).as("frozen parameter %s", name).isTrue();
                }
            }
            assertThat(decoderMoved).isPositive();
            assertThat(after.config().scaleFactor()).isEqualTo(before.config().scaleFactor());
            assertThat(CheckpointStore.readManifest(tuned).metrics()).containsKey("val_face_psnr_db");
        }
    }

    @Test
    void aFineTuneStoppedAndResumedEqualsAStraightOne() throws IOException {
        Path straight = fineTune("straight", 4);
        Path resumed = fineTune("resumed", 2, 4);
        assertThat(CheckpointStore.sha256(resumed.resolve("vae.params")))
                .isEqualTo(CheckpointStore.sha256(straight.resolve("vae.params")));
    }

    @Test
    void theTunedDecoderGoesOnlyIntoTheAutoencoderItWasTunedOn() throws IOException {
        Path tuned = fineTune("swapped", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL target = FoundationCheckpoints.vae(whole, m);
            AutoencoderKL decoder = FoundationCheckpoints.vae(tuned, m);
            assertThat(DecoderSwap.apply(target, decoder)).isPositive();
            Map<String, float[]> a = values(target);
            values(decoder).forEach((n, v) -> assertThat(a.get(n)).as(n).containsExactly(v));

            AutoencoderKL stranger = AutoencoderKL.create(target.config(), m);
            assertThatThrownBy(() -> DecoderSwap.apply(stranger, decoder))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--decoder-from");
        }
    }

    @Test
    void theFaceShareIsAShare() {
        assertThatThrownBy(() -> settings().withDecoderFineTune(whole, 1.5)).hasMessageContaining("0..1");
    }

    /** Stand-in generated latents: all zero, each to be drawn as one of the first {@code n} renders. */
    private static GeneratedLatents zeros(NDManager m, int n) throws IOException {
        List<BufferedImage> truths = new ArrayList<>();
        List<FaceRegion> faces = new ArrayList<>();
        for (Sample s : ViewStream.firstSamples(data, n)) {
            truths.add(s.image("a.png"));
            faces.add(FaceRegion.fromKeypoints(s.json().get("keypoints_a")));
        }
        return new GeneratedLatents(truths, faces, m.zeros(new Shape(n, 4, 16, 16)), n + " zero latents");
    }

    /** Mean |decoded − render| of the generated latents decoded whole by the autoencoder at {@code vae}. */
    private static double generatedError(Path vae, GeneratedLatents g) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL a = FoundationCheckpoints.vae(vae, m);
            NDArray decoded = a.decode(g.latents().duplicate());
            return decoded.sub(Batches.images(m, g.truths())).abs().mean().getFloat();
        }
    }

    @Test
    void generatedLatentsAreDrawnAsTheRendersTheyCameFrom() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            GeneratedLatents g = zeros(m, 4);
            VaeStage.Settings fast = new VaeStage.Settings(VaeConfig.lean(), 1, 32, 1e-2, 1e-6, 0.5, 2)
                    .withDecoderFineTune(whole, 0.5);
            try (VaeStage s = new VaeStage(data, data, 3, fast.withGeneratedShare(1), g);
                 NDManager step = m.newSubManager()) {
                assertThat(s.step(step, 0)).containsEntry("generated", 1.0);
                assertThat(s.dataDescription()).contains("100% of windows from 4 zero latents");
            }
            double before = generatedError(whole, g);
            double after = generatedError(fineTune("generated", fast.withGeneratedShare(1), g, 4), g);
            assertThat(after).as("error on the generated latents after 4 steps on them, %s before", before)
                    .isLessThan(before);
        }
    }

    @Test
    void aFineTuneOnGeneratedLatentsStoppedAndResumedEqualsAStraightOne() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            GeneratedLatents g = zeros(m, 4);
            VaeStage.Settings half = settings().withDecoderFineTune(whole, 0.5).withGeneratedShare(0.5);
            Path straight = fineTune("g-straight", half, g, 4);
            Path resumed = fineTune("g-resumed", half, g, 2, 4);
            assertThat(CheckpointStore.sha256(resumed.resolve("vae.params")))
                    .isEqualTo(CheckpointStore.sha256(straight.resolve("vae.params")));
        }
    }

    @Test
    void generatedLatentsTrainOnlyADecoderFineTuneAndMustBeGiven() throws IOException {
        assertThatThrownBy(() -> settings().withGeneratedShare(0.5)).hasMessageContaining("--decoder-from");
        VaeStage.Settings tune = settings().withDecoderFineTune(whole, 0.5);
        assertThatThrownBy(() -> tune.withGeneratedShare(2)).hasMessageContaining("0..1");
        assertThatThrownBy(() -> new VaeStage(data, data, 3, tune.withGeneratedShare(0.5), null))
                .hasMessageContaining("--generated-from");
        try (NDManager m = NDManager.newBaseManager()) {
            GeneratedLatents g = zeros(m, 2);
            assertThatThrownBy(() -> new GeneratedLatents(g.truths(), g.faces().subList(0, 1), g.latents(), "x"))
                    .hasMessageContaining("1 faces");
        }
    }

    private static Map<String, float[]> values(AutoencoderKL vae) {
        Map<String, float[]> out = new HashMap<>();
        vae.namedParameters().forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }
}
