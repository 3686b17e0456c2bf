package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.train.TrainingLoop;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
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
        Path run = tmp.resolve(name);
        for (long steps : stepsPerRun) {
            try (VaeStage s = new VaeStage(data, data, 3, settings().withDecoderFineTune(whole, 0.5))) {
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

    private static Map<String, float[]> values(AutoencoderKL vae) {
        Map<String, float[]> out = new HashMap<>();
        vae.namedParameters().forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }
}
