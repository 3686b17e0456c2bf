package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Memory discipline: forwards leave nothing behind on the caller's manager tree or on the model's manager. */
class ForwardMemoryTest {

    @Test
    void twoHundredTinyUNetForwardsLeaveTheLiveArrayCountFlat() throws Exception {
        try (NDManager model = TinyFixtures.manager(21); NDManager caller = NDManager.newBaseManager("PyTorch")) {
            UNet2DConditionModel unet = UNets.create(TinyFixtures.tinyUNet(8), model);
            int modelArrays = model.getManagedArrays().size();
            NDArray x = normal(caller, 1, 8, 16, 16);
            NDArray t = caller.create(new float[] {500f});
            NDArray ctx = normal(caller, 1, 89, 256);
            int baseline = caller.getManagedArrays().size();
            long rssBefore = rssKb();
            int maxSeen = 0;
            for (int i = 0; i < 200; i++) {
                NDArray out = unet.predict(x, t, ctx);
                assertThat(out.getManager()).isSameAs(caller);
                maxSeen = Math.max(maxSeen, caller.getManagedArrays().size());
                out.close();
                assertThat(caller.getManagedArrays()).hasSize(baseline);
                // inputs are back on the caller's manager after every forward
                assertThat(x.getManager()).isSameAs(caller);
                assertThat(ctx.getManager()).isSameAs(caller);
            }
            // the per-request pattern: a sub-manager per step, closed after the step
            for (int i = 0; i < 20; i++) {
                try (NDManager step = caller.newSubManager()) {
                    NDArray xs = normal(step, 1, 8, 16, 16);
                    unet.predict(xs, t, ctx);
                }
            }
            assertThat(caller.getManagedArrays()).hasSize(baseline);
            assertThat(model.getManagedArrays()).hasSize(modelArrays);
            long rssAfter = rssKb();
            System.out.printf("220 tiny-UNet forwards: caller arrays %d → %d (max %d during a call), model arrays %d,"
                    + " RSS %d MB → %d MB%n", baseline, caller.getManagedArrays().size(), maxSeen,
                    model.getManagedArrays().size(), rssBefore / 1024, rssAfter / 1024);
        }
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
