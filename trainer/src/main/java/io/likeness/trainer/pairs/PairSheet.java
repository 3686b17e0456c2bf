package io.likeness.trainer.pairs;

import io.likeness.mcdm.metrics.Masks;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.ShardReader;
import io.likeness.trainer.dataset.ShardSource;
import io.likeness.trainer.studio.ContactSheet;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Figure 3 as a picture. Generated datasets made with the same seed share, pair by pair, the person,
 * pose and noise (pair i is drawn from (seed, i)), so the same pair under different conditions can be set side by
 * side. One row per pair: the identity reference and the pose map, then x_A | x_B of each dataset in the given
 * order, then the studio's exact x_A | x_B with the exact changed region tinted red (when the dataset has truth).
 */
public final class PairSheet {

    private PairSheet() {
    }

    /**
     * @param datasets generated pair datasets (the first decides which pairs are shown)
     * @param rows     how many pairs, from the start of the first dataset
     * @return the number of rows written
     */
    public static int write(Path png, List<Path> datasets, int rows) throws IOException {
        if (datasets.isEmpty() || rows <= 0) {
            throw new IllegalArgumentException("need at least one dataset and one row");
        }
        List<Map<String, Sample>> read = new ArrayList<>();
        for (Path d : datasets) {
            read.add(firstPairs(d, rows));
        }
        List<List<BufferedImage>> grid = new ArrayList<>();
        for (Map.Entry<String, Sample> e : read.get(0).entrySet()) {
            Sample first = e.getValue();
            List<BufferedImage> row = new ArrayList<>();
            row.add(first.image("ref.png"));
            row.add(first.image("pose.png"));
            for (int k = 0; k < read.size(); k++) {
                Sample s = read.get(k).get(e.getKey());
                if (s == null) {
                    throw new IllegalArgumentException("pair " + e.getKey() + " is not among the first " + rows
                            + " pairs of " + datasets.get(k));
                }
                String person = s.json().path("identity_key").asText();
                if (!person.equals(first.json().path("identity_key").asText())) {
                    throw new IllegalArgumentException("pair " + e.getKey() + " of " + datasets.get(k)
                            + " shows another person than in " + datasets.get(0)
                            + ": the datasets were generated with different seeds");
                }
                row.add(s.image("a.png"));
                row.add(s.image("b.png"));
            }
            if (first.parts().containsKey("mask.png")) {
                row.add(first.image("truth_a.png"));
                row.add(ContactSheet.overlay(first.image("truth_b.png"),
                        Masks.fromImage(first.image("mask.png"))));
            }
            grid.add(row);
        }
        Batches.writeGrid(png, grid);
        return grid.size();
    }

    private static Map<String, Sample> firstPairs(Path dataset, int rows) throws IOException {
        Map<String, Sample> out = new LinkedHashMap<>();
        ShardReader r = ShardReader.sequential(ShardSource.directory(dataset));
        while (r.hasNext() && out.size() < rows) {
            Sample s = r.next();
            out.put(s.key(), s);
        }
        return out;
    }
}
