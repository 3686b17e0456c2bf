package io.likeness.mcdm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.sampling.GaussianNoise;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path tmp;
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private Block linear() {
        Block b = Linear.builder().setUnits(3).build();
        b.initialize(m, DataType.FLOAT32, new Shape(2, 5));
        return b;
    }

    private Block conv() {
        Block b = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).optPadding(new Shape(1, 1)).build();
        b.initialize(m, DataType.FLOAT32, new Shape(1, 4, 6, 6));
        return b;
    }

    private float[] run(Block b, NDArray x) {
        return b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    static CheckpointManifest manifest() {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        hp.put("channels", 64).put("attention", true).putArray("levels").add(1).add(2);
        return CheckpointManifest.of("outfit-test-1", new ArchitectureSpec("tiny-mcdm", hp),
                Map.of("outfit", new EditDirection("a person in a t-shirt", "a person in a suit", 0.2),
                        "smile", new EditDirection("a neutral face", "a smiling face", 0.35)),
                new TrainingProvenance("trainer --steps 100", List.of(1L, 2L), "s3://data/pairs-v1", 100L, "abc123"),
                Map.of("fid", 12.5, "ssim", 0.91));
    }

    @Test
    void savedWeightsLoadBitIdentically() throws Exception {
        Block lin = linear();
        Block cv = conv();
        NDArray x = GaussianNoise.sample(m, new Shape(2, 5), 1L);
        NDArray img = GaussianNoise.sample(m, new Shape(1, 4, 6, 6), 2L);
        float[] linOut = run(lin, x);
        float[] convOut = run(cv, img);
        Path dir = tmp.resolve("ckpt");
        CheckpointManifest written = CheckpointStore.save(dir, manifest(), Map.of("adapter", lin, "unet", cv));
        assertThat(written.files()).containsOnlyKeys("adapter.params", "unet.params");
        assertThat(written.files().get("unet.params")).hasSize(64).isEqualTo(CheckpointStore.sha256(dir.resolve("unet.params")));

        Block lin2 = linear();
        Block cv2 = conv();
        assertThat(run(lin2, x)).isNotEqualTo(linOut); // fresh random init differs
        CheckpointManifest loaded = CheckpointStore.load(dir, m, Map.of("adapter", lin2, "unet", cv2));
        assertThat(run(lin2, x)).containsExactly(linOut);
        assertThat(run(cv2, img)).containsExactly(convOut);
        assertThat(loaded).isEqualTo(written);
    }

    @Test
    void manifestRoundTrips() throws Exception {
        Path dir = tmp.resolve("m");
        CheckpointManifest written = CheckpointStore.save(dir, manifest(), Map.of("adapter", linear()));
        CheckpointManifest read = CheckpointStore.readManifest(dir);
        assertThat(read).isEqualTo(written);
        assertThat(read.formatVersion()).isEqualTo(CheckpointManifest.FORMAT_VERSION);
        assertThat(read.architecture().hyperParameters().get("levels").get(1).asInt()).isEqualTo(2);
        assertThat(read.editCatalog().get("smile").maskThreshold()).isEqualTo(0.35);
        assertThat(read.provenance().seeds()).containsExactly(1L, 2L);
        assertThat(read.provenance().gitCommit()).isEqualTo("abc123");
        assertThat(read.metrics()).containsEntry("fid", 12.5);
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"adapter.params\"");
    }

    @Test
    void aCorruptedByteFailsTheHashCheckNamingTheFile() throws Exception {
        Path dir = tmp.resolve("c");
        CheckpointStore.save(dir, manifest(), Map.of("adapter", linear(), "unet", conv()));
        Path f = dir.resolve("unet.params");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(f, bytes);
        assertThatThrownBy(() -> CheckpointStore.load(dir, m, Map.of("adapter", linear(), "unet", conv())))
                .isInstanceOf(CheckpointIntegrityException.class).hasMessageContaining("unet.params")
                .hasMessageContaining("sha256 mismatch");
        Files.delete(f);
        assertThatThrownBy(() -> CheckpointStore.verify(dir)).isInstanceOf(CheckpointIntegrityException.class)
                .hasMessageContaining("unet.params").hasMessageContaining("missing");
    }

    @Test
    void objectStoreRoundTripAndCorruptArchive() throws Exception {
        Block lin = linear();
        NDArray x = GaussianNoise.sample(m, new Shape(2, 5), 3L);
        float[] out = run(lin, x);
        Path dir = tmp.resolve("up");
        CheckpointManifest written = CheckpointStore.save(dir, manifest(), Map.of("adapter", lin));
        InMemoryObjectStore store = new InMemoryObjectStore();
        CheckpointStore.upload(store, "checkpoints/outfit-test-1.zip", dir);
        assertThat(store.exists("checkpoints/outfit-test-1.zip")).isTrue();

        Path down = tmp.resolve("down");
        assertThat(CheckpointStore.download(store, "checkpoints/outfit-test-1.zip", down)).isEqualTo(written);
        Block lin2 = linear();
        CheckpointStore.load(down, m, Map.of("adapter", lin2));
        assertThat(run(lin2, x)).containsExactly(out);

        assertThatThrownBy(() -> CheckpointStore.download(store, "checkpoints/none.zip", tmp.resolve("x")))
                .isInstanceOf(NoSuchFileException.class);
        // a flipped byte inside the archive is rejected (zip CRC or sha256 check), never loaded silently
        byte[] zip = store.get("checkpoints/outfit-test-1.zip").orElseThrow();
        store.corrupt("checkpoints/outfit-test-1.zip", zip.length - 200);
        assertThatThrownBy(() -> CheckpointStore.download(store, "checkpoints/outfit-test-1.zip", tmp.resolve("bad")))
                .isInstanceOf(java.io.IOException.class);
    }

    private io.likeness.mcdm.nn.layers.ResnetBlock2D resnet(long seed) {
        var b = new io.likeness.mcdm.nn.layers.ResnetBlock2D(8, 8, 16, 4, 1e-5f, false);
        b.initialize(m, DataType.FLOAT32);
        for (var p : b.namedParameters().values()) {
            NDArray w = p.getArray();
            w.set(new ai.djl.ndarray.index.NDIndex("..."), GaussianNoise.sample(m, w.getShape(), seed++));
        }
        return b;
    }

    @Test
    void halfPrecisionWeightsLoadAsFloat32WithinFloat16Rounding() throws Exception {
        var original = resnet(10);
        Path full = tmp.resolve("full");
        Path half = tmp.resolve("half");
        CheckpointStore.save(full, manifest(), Map.of("unet", original));
        CheckpointManifest written = CheckpointStore.saveHalf(half, manifest(), Map.of("unet", original));
        assertThat(written.files()).containsOnlyKeys("unet.f16.ndlist");
        assertThat(Files.size(half.resolve("unet.f16.ndlist"))).isLessThan(Files.size(full.resolve("unet.params")) * 6 / 10);

        var loaded = resnet(99);
        CheckpointStore.load(half, m, Map.of("unet", loaded));
        var expected = original.namedParameters();
        loaded.namedParameters().forEach((name, p) -> {
            NDArray got = p.getArray();
            assertThat(got.getDataType()).as(name).isEqualTo(DataType.FLOAT32);
            float[] want = expected.get(name).getArray().toFloatArray();
            float[] have = got.toFloatArray();
            for (int i = 0; i < want.length; i++) {
                // float16 keeps 11 significant bits: relative error at most 2^-11 for normal values
                assertThat(have[i]).as("%s[%d]", name, i).isCloseTo(want[i],
                        org.assertj.core.data.Offset.offset(Math.abs(want[i]) / 2048f + 1e-6f));
            }
            assertThat(have).as(name).isNotEqualTo(resnet(99).namedParameters().get(name).getArray().toFloatArray());
        });
    }

    @Test
    void halfPrecisionIsRefusedForBlocksWithoutStateDictNames() {
        assertThatThrownBy(() -> CheckpointStore.saveHalf(tmp.resolve("x"), manifest(), Map.of("adapter", linear())))
                .isInstanceOf(CheckpointIntegrityException.class)
                .hasMessageContaining("only stored for library blocks");
    }

    @Test
    void aHalfPrecisionFileOfAnotherArchitectureIsNamed() throws Exception {
        Path half = tmp.resolve("half");
        CheckpointStore.saveHalf(half, manifest(), Map.of("unet", resnet(1)));
        var other = new io.likeness.mcdm.nn.layers.ResnetBlock2D(8, 16, 16, 4, 1e-5f, false);
        other.initialize(m, DataType.FLOAT32);
        assertThatThrownBy(() -> CheckpointStore.load(half, m, Map.of("unet", other)))
                .isInstanceOf(CheckpointIntegrityException.class)
                .hasMessageContaining("unet.f16.ndlist");
    }
}
