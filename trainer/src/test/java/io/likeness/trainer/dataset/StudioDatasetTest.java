package io.likeness.trainer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.metrics.Masks;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioDatasetTest {

    @TempDir
    Path tmp;

    static StudioDatasets.Options options(int threads, int perShard) {
        return new StudioDatasets.Options(7, Split.VALIDATION, 64, perShard, threads, 1);
    }

    @Test
    void splitsAreDisjointByIdentity() {
        Set<String> train = keys(StudioDatasets.identitySeeds(3, Split.TRAIN, 3000));
        Set<String> val = keys(StudioDatasets.identitySeeds(3, Split.VALIDATION, 300));
        Set<String> test = keys(StudioDatasets.identitySeeds(3, Split.TEST, 300));
        assertThat(train).doesNotContainAnyElementsOf(val).doesNotContainAnyElementsOf(test);
        assertThat(val).doesNotContainAnyElementsOf(test);
        // another dataset seed draws other identities, yet never crosses splits either
        Set<String> otherVal = keys(StudioDatasets.identitySeeds(99, Split.VALIDATION, 300));
        assertThat(train).doesNotContainAnyElementsOf(otherVal);
        // the split rule gives roughly the documented fractions over random identities
        int[] n = new int[3];
        for (long s = 0; s < 20_000; s++) {
            n[Split.of(IdentitySampler.sample(Seeds.mix(s, 77))).ordinal()]++;
        }
        assertThat(n[0] / 20_000.0).isBetween(0.87, 0.93);
        assertThat(n[1] / 20_000.0).isBetween(0.035, 0.065);
        assertThat(n[2] / 20_000.0).isBetween(0.035, 0.065);
    }

    private static Set<String> keys(long[] seeds) {
        Set<String> k = new HashSet<>();
        for (long s : seeds) {
            k.add(IdentitySampler.sample(s).key());
        }
        return k;
    }

    @Test
    void pairsRoundTripThroughShardsAndAreReproducible() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        DatasetManifest ma = StudioDatasets.renderPairs(a, 11, options(1, 4), null);
        DatasetManifest mb = StudioDatasets.renderPairs(b, 11, options(2, 4), null);
        assertThat(ma.shards()).extracting(ShardInfo::name)
                .containsExactly("shard-000000.tar", "shard-000001.tar", "shard-000002.tar");
        assertThat(ma.shards()).extracting(ShardInfo::count).containsExactly(4, 4, 3);
        // same seed, different thread count: byte-identical shards and manifest
        assertThat(mb).isEqualTo(ma);
        assertThat(Files.readAllBytes(b.resolve("manifest.json"))).isEqualTo(Files.readAllBytes(a.resolve("manifest.json")));
        assertThat(Files.readAllBytes(b.resolve("shard-000001.tar")))
                .isEqualTo(Files.readAllBytes(a.resolve("shard-000001.tar")));
        assertThat(DatasetManifest.read(a)).isEqualTo(ma);

        List<Sample> samples = new ArrayList<>();
        ShardReader.sequential(ShardSource.directory(a)).forEachRemaining(samples::add);
        assertThat(samples).hasSize(11);
        assertThat(samples.get(0).key()).isEqualTo("000000000");
        assertThat(samples.get(10).key()).isEqualTo("000000010");
        for (Sample s : samples) {
            assertThat(s.parts().keySet()).containsExactly("a.png", "b.png", "mask.png", "pose.png", "json");
            boolean[] mask = Masks.fromImage(s.image("mask.png"));
            assertThat(mask).isEqualTo(Masks.difference(s.image("a.png"), s.image("b.png")));
            JsonNode j = s.json();
            assertThat(j.get("split").asText()).isEqualTo("validation");
            assertThat(j.get("captions").get("p").asText()).matches("the same (man|woman) on the left and right");
            assertThat(Split.of(IdentitySampler.sample(j.get("identity").get("seed").asLong())))
                    .isEqualTo(Split.VALIDATION);
            assertThat(s.image("a.png").getWidth()).isEqualTo(64);
        }
        assertThat(samples.get(2).json().get("direction").asText()).isEqualTo("santa-claus");
    }

    @Test
    void portraitCorpusHasCaptionsAndPoseMaps() throws IOException {
        DatasetManifest m = StudioDatasets.renderPortraits(tmp, 12,
                new StudioDatasets.Options(5, Split.TRAIN, 48, 5, 2, 3), null);
        assertThat(m.kind()).isEqualTo("portraits");
        assertThat(m.directions().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
        List<Sample> samples = new ArrayList<>();
        ShardReader.sequential(ShardSource.directory(tmp)).forEachRemaining(samples::add);
        assertThat(samples).hasSize(12);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            assertThat(s.parts().keySet()).containsExactly("png", "pose.png", "json");
            assertThat(s.json().get("caption").asText()).matches("a (man|woman), .+");
            // three consecutive images per identity
            assertThat(s.json().get("identity_key").asText())
                    .isEqualTo(samples.get(i / 3 * 3).json().get("identity_key").asText());
        }
        assertThat(samples.get(0).json().get("identity_key").asText())
                .isNotEqualTo(samples.get(3).json().get("identity_key").asText());
    }

    @Test
    void shuffledReadingIsDeterministicCompleteAndResumable() throws IOException {
        StudioDatasets.renderPairs(tmp, 10, options(2, 3), null);
        ShardSource src = ShardSource.directory(tmp);
        List<String> epoch0 = keys(new ShardReader(src, true, 5, 1, ShardReader.Position.START), 100);
        List<String> again = keys(new ShardReader(src, true, 5, 1, ShardReader.Position.START), 100);
        List<String> otherSeed = keys(new ShardReader(src, true, 6, 1, ShardReader.Position.START), 100);
        assertThat(epoch0).hasSize(10).doesNotHaveDuplicates().isEqualTo(again);
        assertThat(new HashSet<>(otherSeed)).isEqualTo(new HashSet<>(epoch0));
        assertThat(otherSeed).isNotEqualTo(epoch0);

        // two epochs: each a permutation of all samples; resume mid-way from a saved position
        ShardReader r = new ShardReader(src, true, 5, 2, ShardReader.Position.START);
        List<String> full = keys(new ShardReader(src, true, 5, 2, ShardReader.Position.START), 100);
        assertThat(full).hasSize(20);
        assertThat(new HashSet<>(full.subList(10, 20))).isEqualTo(new HashSet<>(epoch0));
        List<String> head = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            head.add(r.next().key());
        }
        ShardReader.Position saved = r.position();
        assertThat(saved.epoch()).isEqualTo(1);
        List<String> resumed = keys(new ShardReader(src, true, 5, 2, saved), 100);
        head.addAll(resumed);
        assertThat(head).isEqualTo(full);

        // endless reading keeps going
        ShardReader endless = new ShardReader(src, true, 5, 0, ShardReader.Position.START);
        assertThat(keys(endless, 35)).hasSize(35);
    }

    private static List<String> keys(ShardReader r, int max) {
        List<String> k = new ArrayList<>();
        while (k.size() < max && r.hasNext()) {
            k.add(r.next().key());
        }
        return k;
    }

    @Test
    void uploadDownloadAndStreamFromObjectStore() throws IOException {
        Path local = tmp.resolve("local");
        DatasetManifest m = StudioDatasets.renderPairs(local, 5, options(2, 2), null);
        InMemoryObjectStore store = new InMemoryObjectStore();
        DatasetSync.upload(local, store, "datasets/pairs-v1");
        assertThat(store.list("datasets/pairs-v1/")).containsExactly("datasets/pairs-v1/manifest.json",
                "datasets/pairs-v1/shard-000000.tar", "datasets/pairs-v1/shard-000001.tar",
                "datasets/pairs-v1/shard-000002.tar");

        List<String> streamed = keys(ShardReader.sequential(ShardSource.objectStore(store, "datasets/pairs-v1")), 99);
        assertThat(streamed).containsExactly("000000000", "000000001", "000000002", "000000003", "000000004");

        Path copy = tmp.resolve("copy");
        assertThat(DatasetSync.download(store, "datasets/pairs-v1/", copy)).isEqualTo(m);
        for (ShardInfo s : m.shards()) {
            assertThat(Files.readAllBytes(copy.resolve(s.name()))).isEqualTo(Files.readAllBytes(local.resolve(s.name())));
        }

        byte[] bad = store.get("datasets/pairs-v1/shard-000001.tar").orElseThrow();
        bad[600] ^= 1;
        store.put("datasets/pairs-v1/shard-000001.tar", bad, DatasetSync.TAR);
        assertThatThrownBy(() -> DatasetSync.download(store, "datasets/pairs-v1", tmp.resolve("bad")))
                .isInstanceOf(IOException.class).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> DatasetSync.download(store, "datasets/none", tmp.resolve("none")))
                .isInstanceOf(IOException.class).hasMessageContaining("no dataset manifest");
    }

    @Test
    void writerRejectsKeysWebDatasetCannotGroup() throws IOException {
        try (ShardWriter w = new ShardWriter(tmp, 10)) {
            assertThatThrownBy(() -> w.write("a.b", java.util.Map.of("png", new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
