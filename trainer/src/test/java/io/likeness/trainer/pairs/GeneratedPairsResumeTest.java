package io.likeness.trainer.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.ShardInfo;
import io.likeness.trainer.dataset.ShardReader;
import io.likeness.trainer.dataset.ShardSource;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.train.DirectoryLock;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair generation killed part-way and run again with the same arguments continues at the first unfinished shard
 * and ends with the same bytes as an uninterrupted one; a finished one is returned as is; other settings are
 * refused. The base model is replaced by a fake whose halves are a function of each pair's seed.
 */
class GeneratedPairsResumeTest {

    private static final List<GeneratedPairs.DirectionSpec> DIRECTIONS = List.of(
            GeneratedPairs.DirectionSpec.of(Direction.byId("laughing")),
            GeneratedPairs.DirectionSpec.of(Direction.byId("santa-claus")));
    private static final int PER_DIRECTION = 5;
    private static final int BATCH = 3;
    private static final int SHARD = 4;

    /** Halves coloured by the pair's seed; fails on the call numbered {@code failOnCall} (1-based), 0 = never. */
    static final class FakeSource implements PairSource {
        final int failOnCall;
        final double guidance;
        final List<Long> seeds = new ArrayList<>();
        int calls;

        FakeSource(int failOnCall) {
            this(failOnCall, 7.5);
        }

        FakeSource(int failOnCall, double guidance) {
            this.failOnCall = failOnCall;
            this.guidance = guidance;
        }

        @Override
        public String baseVersion() {
            return "fake-base";
        }

        @Override
        public double guidance() {
            return guidance;
        }

        @Override
        public List<Generated> generate(List<PairSpec> specs, PairConditions conditions) {
            calls++;
            if (calls == failOnCall) {
                throw new IllegalStateException("killed");
            }
            List<Generated> out = new ArrayList<>();
            for (PairSpec s : specs) {
                seeds.add(s.seed());
                out.add(new Generated(fill(s.seed()), fill(~s.seed())));
            }
            return out;
        }

        private static BufferedImage fill(long seed) {
            BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color((int) (seed & 0xFFFFFF)));
            g.fillRect(0, 0, 128, 128);
            g.dispose();
            return img;
        }
    }

    private static DatasetManifest run(FakeSource source, Path out, long seed) throws IOException {
        return GeneratedPairs.generate(source, DIRECTIONS, PER_DIRECTION, seed, PairConditions.FULL, BATCH, out, null,
                SHARD);
    }

    private static Map<String, byte[]> shards(Path dir, DatasetManifest m) throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (ShardInfo s : m.shards()) {
            bytes.put(s.name(), Files.readAllBytes(dir.resolve(s.name())));
        }
        return bytes;
    }

    @Test
    void aKilledGenerationResumesToTheSameBytes(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        FakeSource uninterrupted = new FakeSource(0);
        DatasetManifest expected = run(uninterrupted, whole, 7);
        assertThat(expected.count()).isEqualTo(10);
        assertThat(expected.shards()).extracting(ShardInfo::count).containsExactly(4, 4, 2);
        assertThat(expected.directions()).containsEntry("laughing", 5L).containsEntry("santa-claus", 5L);

        Path resumed = tmp.resolve("resumed");
        // batches never cross a shard boundary: [0,3) [3,4) [4,7) [7,8) [8,10); the fourth call dies, so shard 0
        // is complete and shard 1 holds three of its four pairs when the process "dies"
        FakeSource dying = new FakeSource(4);
        assertThatThrownBy(() -> run(dying, resumed, 7)).hasMessage("killed");
        assertThat(resumed.resolve(DatasetManifest.FILE)).doesNotExist();

        FakeSource second = new FakeSource(0);
        DatasetManifest m = run(second, resumed, 7);
        assertThat(second.seeds).as("only pairs of unfinished shards are generated again")
                .hasSize(6).containsExactlyElementsOf(uninterrupted.seeds.subList(4, 10));
        assertThat(m).isEqualTo(expected);
        Map<String, byte[]> a = shards(whole, expected);
        Map<String, byte[]> b = shards(resumed, m);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
        assertThat(Files.readAllBytes(resumed.resolve(DatasetManifest.FILE)))
                .isEqualTo(Files.readAllBytes(whole.resolve(DatasetManifest.FILE)));
    }

    @Test
    void aFinishedGenerationIsReturnedWithoutWork(@TempDir Path tmp) throws IOException {
        DatasetManifest first = run(new FakeSource(0), tmp, 7);
        FakeSource again = new FakeSource(0);
        assertThat(run(again, tmp, 7)).isEqualTo(first);
        assertThat(again.calls).isZero();
    }

    @Test
    void aDamagedShardIsGeneratedAgain(@TempDir Path tmp) throws IOException {
        DatasetManifest first = run(new FakeSource(0), tmp, 7);
        byte[] original = Files.readAllBytes(tmp.resolve("shard-000001.tar"));
        Files.write(tmp.resolve("shard-000001.tar"), new byte[] {1, 2, 3});
        Files.delete(tmp.resolve(DatasetManifest.FILE));
        FakeSource repair = new FakeSource(0);
        assertThat(run(repair, tmp, 7)).isEqualTo(first);
        assertThat(repair.seeds).hasSize(6);
        assertThat(Files.readAllBytes(tmp.resolve("shard-000001.tar"))).isEqualTo(original);
    }

    @Test
    void otherSettingsOnAStartedDirectoryAreRefused(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> run(new FakeSource(2), tmp, 7)).hasMessage("killed");
        assertThatThrownBy(() -> run(new FakeSource(0), tmp, 8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a pair generation with other settings")
                .hasMessageContaining("seed=7");
    }

    @Test
    void anotherGuidanceScaleIsAnotherGenerationAndEveryPairRecordsItsScale(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> run(new FakeSource(2, 2.0), tmp, 7)).hasMessage("killed");
        assertThatThrownBy(() -> run(new FakeSource(0), tmp, 7))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a pair generation with other settings")
                .hasMessageContaining("guidance=2.0");
        DatasetManifest m = run(new FakeSource(0, 2.0), tmp, 7);
        for (ShardInfo s : m.shards()) {
            for (Sample pair : ShardReader.readShard(ShardSource.directory(tmp), s.name())) {
                assertThat(DatasetManifest.JSON.readTree(pair.parts().get("json")).get("guidance").asDouble())
                        .as(pair.key()).isEqualTo(2.0);
            }
        }
    }

    @Test
    void aJournalFromBeforeTheGuidanceWasRecordedResumesAsThePapersScale(@TempDir Path tmp) throws IOException {
        DatasetManifest first = run(new FakeSource(0), tmp, 7);
        Path journal = tmp.resolve(GenerationJournal.FILE);
        com.fasterxml.jackson.databind.node.ObjectNode old =
                (com.fasterxml.jackson.databind.node.ObjectNode) DatasetManifest.JSON.readTree(journal.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("plan")).remove("guidance");
        DatasetManifest.JSON.writeValue(journal.toFile(), old);
        assertThat(Files.readString(journal)).doesNotContain("guidance");

        FakeSource again = new FakeSource(0);
        assertThat(run(again, tmp, 7)).isEqualTo(first);
        assertThat(again.calls).isZero();
        assertThatThrownBy(() -> run(new FakeSource(0, 2.0), tmp, 7))
                .hasMessageContaining("holds a pair generation with other settings");
    }

    @Test
    void shardsWithoutAJournalAreRefused(@TempDir Path tmp) throws IOException {
        Files.write(tmp.resolve("shard-000000.tar"), new byte[] {0});
        assertThatThrownBy(() -> run(new FakeSource(0), tmp, 7))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no progress.json");
    }

    @Test
    void oneGenerationAtATimePerDirectory(@TempDir Path tmp) throws IOException {
        try (DirectoryLock other = DirectoryLock.take(tmp, "pair generation")) {
            assertThatThrownBy(() -> run(new FakeSource(0), tmp, 7)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another pair generation");
        }
        assertThat(run(new FakeSource(0), tmp, 7).count()).isEqualTo(10);
    }
}
