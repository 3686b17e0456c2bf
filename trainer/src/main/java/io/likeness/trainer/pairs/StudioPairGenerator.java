package io.likeness.trainer.pairs;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.trainer.config.TrainerConfig;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Exact pairs from the synthetic studio ({@link StudioDatasets#renderPairs}): for each requested direction the
 * studio knows by id, {@code pairsPerDirection} pairs of training identities. The studio renders its own
 * directions, so the request's descriptions and λ are not used; a direction id the studio does not know makes
 * the request unsupported.
 */
@ApplicationScoped
@Identifier("studio")
public class StudioPairGenerator implements PairGenerator {

    private static final Map<String, Direction> EDITS = Direction.edits().stream()
            .collect(Collectors.toUnmodifiableMap(Direction::id, Function.identity()));

    @Inject
    TrainerConfig config;

    @Override
    public DatasetManifest generate(DatasetRequest request, Path outDir, LongConsumer progress) throws IOException {
        List<Direction> directions = directions(request);
        long total = request.totalPairs();
        if (total > Integer.MAX_VALUE) {
            throw new UnsupportedRequestException("a studio dataset holds at most " + Integer.MAX_VALUE + " pairs");
        }
        TrainerConfig.Pairs p = config.pairs();
        StudioDatasets.Options options = new StudioDatasets.Options(request.seed(), Split.TRAIN, p.size(),
                p.samplesPerShard(), p.threads(), 1);
        return StudioDatasets.renderPairs(outDir, (int) total, options, directions, progress);
    }

    static List<Direction> directions(DatasetRequest request) {
        List<Direction> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (DatasetRequest.Direction d : request.directions()) {
            Direction studio = EDITS.get(d.id());
            if (studio == null) {
                unknown.add(d.id());
            } else {
                known.add(studio);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnsupportedRequestException("the studio generator cannot render direction(s) " + unknown
                    + "; it knows " + EDITS.keySet().stream().sorted().toList());
        }
        return known;
    }
}
