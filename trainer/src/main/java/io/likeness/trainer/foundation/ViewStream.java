package io.likeness.trainer.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.ShardReader;
import io.likeness.trainer.dataset.ShardSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training stream of a studio {@code views} dataset: endless, shuffled per epoch (seeded), resumable from a
 * saved {@link #position()}.
 */
public final class ViewStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShardSource source;
    private final long seed;
    private ShardReader reader;

    public ViewStream(Path dataset, long seed) throws IOException {
        this.source = ShardSource.directory(dataset);
        this.seed = seed;
        this.reader = new ShardReader(source, true, seed, 0, ShardReader.Position.START);
    }

    /** The next {@code n} samples. */
    public List<Sample> next(int n) {
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(reader.next());
        }
        return out;
    }

    public JsonNode position() {
        return JSON.valueToTree(reader.position());
    }

    public void seek(JsonNode position) throws IOException {
        ShardReader.Position p = JSON.treeToValue(position, ShardReader.Position.class);
        reader = new ShardReader(source, true, seed, 0, p);
    }

    /** The first {@code n} samples of a dataset in file order (validation sets). */
    public static List<Sample> firstSamples(Path dataset, int n) throws IOException {
        ShardReader r = ShardReader.sequential(ShardSource.directory(dataset));
        List<Sample> out = new ArrayList<>();
        while (out.size() < n && r.hasNext()) {
            out.add(r.next());
        }
        return out;
    }
}
