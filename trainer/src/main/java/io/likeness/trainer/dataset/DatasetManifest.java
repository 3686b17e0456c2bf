package io.likeness.trainer.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a studio dataset: WebDataset-style tar shards ({@code shard-000000.tar}, …) whose
 * samples are groups of entries sharing a key ({@code <key>.png}, {@code <key>.json}, …).
 *
 * @param format always {@value #FORMAT}
 * @param generator studio generator version that rendered the data ({@value #GENERATOR})
 * @param kind {@code portraits} (pretraining corpus) or {@code pairs} (exact validation pairs)
 * @param seed dataset seed
 * @param size image side in pixels
 * @param split identity split of every sample
 * @param count number of samples
 * @param samplesPerShard shard capacity (the last shard may hold fewer)
 * @param parts entry suffixes every sample has (e.g. {@code png}, {@code json}, {@code pose.png})
 * @param directions samples per direction id
 * @param shards the shards in order
 */
public record DatasetManifest(String format, String generator, String kind, long seed, int size, String split,
                              long count, int samplesPerShard, List<String> parts, Map<String, Long> directions,
                              List<ShardInfo> shards) {

    public static final String FILE = "manifest.json";
    public static final String FORMAT = "webdataset-tar/likeness-studio-1";
    public static final String GENERATOR = "likeness-studio/2";
    public static final String PORTRAITS = "portraits";
    public static final String PAIRS = "pairs";
    public static final String VIEWS = "views";

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    public static DatasetManifest fromJson(byte[] json) {
        try {
            return JSON.readValue(json, DatasetManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a studio dataset manifest: " + e.getMessage(), e);
        }
    }

    public static DatasetManifest read(Path dir) throws IOException {
        return fromJson(Files.readAllBytes(dir.resolve(FILE)));
    }

    public void write(Path dir) throws IOException {
        Files.write(dir.resolve(FILE), toJson());
    }
}
