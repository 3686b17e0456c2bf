package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.bitIdentical;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNets;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class SaveLoadTest {

    private static byte[] save(NnBlock block) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void load(NnBlock block, NDManager manager, byte[] data) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            block.loadParameters(manager, in);
        }
    }

    @Test
    void savedAndReloadedUNetGivesBitIdenticalOutputs() throws Exception {
        try (NDManager a = TinyFixtures.manager(3); NDManager b = TinyFixtures.manager(4);
             NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet2DConditionModel original = UNets.create(TinyFixtures.tinyUNet(8), a);
            UNet2DConditionModel other = UNets.create(TinyFixtures.tinyUNet(8), b);
            NDArray x = normal(m, 2, 8, 16, 16);
            NDArray t = m.create(new float[] {3f, 999f});
            NDArray ctx = normal(m, 2, 89, 256);
            NDArray expected = original.predict(x, t, ctx);
            assertThat(bitIdentical(other.predict(x, t, ctx), expected)).isFalse();

            load(other, b, save(original));
            assertThat(bitIdentical(other.predict(x, t, ctx), expected)).isTrue();
        }
    }

    @Test
    void savedAndReloadedVaeDecodesBitIdentically() throws Exception {
        try (NDManager a = TinyFixtures.manager(5); NDManager b = TinyFixtures.manager(6);
             NDManager m = NDManager.newBaseManager("PyTorch")) {
            AutoencoderKL original = AutoencoderKL.create(VaeConfig.tiny(), a);
            AutoencoderKL other = AutoencoderKL.create(VaeConfig.tiny(), b);
            NDArray z = normal(m, 1, 4, 16, 16);
            NDArray expected = original.decode(z);
            load(other, b, save(original));
            assertThat(bitIdentical(other.decode(z), expected)).isTrue();
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, 3, 128, 128));
            assertThat(bitIdentical(other.encodeMean(x), original.encodeMean(x))).isTrue();

            // loading into a block that was never initialised works too (shapes come from the config)
            AutoencoderKL fresh = new AutoencoderKL(VaeConfig.tiny());
            load(fresh, b, save(original));
            assertThat(bitIdentical(fresh.decode(z), expected)).isTrue();
        }
    }
}
