package io.likeness.trainer.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.trainer.studio.Direction;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Figure 3 sheet sets the same pairs of several datasets side by side, and refuses datasets that differ. */
class PairSheetTest {

    private static final List<GeneratedPairs.DirectionSpec> DIRECTIONS = List.of(
            GeneratedPairs.DirectionSpec.of(Direction.byId("laughing")),
            GeneratedPairs.DirectionSpec.of(Direction.byId("santa-claus")));

    @TempDir
    Path tmp;

    private Path generate(String name, long seed, PairConditions conditions, int perDirection) throws Exception {
        Path out = tmp.resolve(name);
        GeneratedPairs.generate(new GeneratedPairsResumeTest.FakeSource(0), DIRECTIONS, perDirection, seed,
                conditions, 2, out, null);
        return out;
    }

    @Test
    void rowsArePairsAndColumnsAreReferencePoseEachDatasetAndTruth() throws Exception {
        Path full = generate("full", 7, PairConditions.FULL, 3);
        Path noPose = generate("no-pose", 7, PairConditions.of("no-pose"), 2);
        Path png = tmp.resolve("sheet.png");

        int rows = PairSheet.write(png, List.of(full, noPose), 4);

        assertThat(rows).isEqualTo(4);
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertThat(sheet.getWidth()).isEqualTo(8 * 130 + 2);  // ref, pose, 2 × (A, B), truth A, B; 128 px + 2 px gaps
        assertThat(sheet.getHeight()).isEqualTo(4 * 130 + 2);
        // the fake's x_A of pair 0 is a flat colour: the third cell of the first row shows it
        BufferedImage a0 = io.likeness.trainer.dataset.ShardReader.sequential(
                io.likeness.trainer.dataset.ShardSource.directory(full)).next().image("a.png");
        assertThat(sheet.getRGB(2 + 2 * 130 + 64, 2 + 64)).isEqualTo(a0.getRGB(64, 64));
    }

    @Test
    void refusesDatasetsOfAnotherSeedOrTooFewPairs() throws Exception {
        Path full = generate("full", 7, PairConditions.FULL, 3);
        Path other = generate("other", 8, PairConditions.FULL, 3);
        Path small = generate("small", 7, PairConditions.FULL, 1);

        assertThatThrownBy(() -> PairSheet.write(tmp.resolve("x.png"), List.of(full, other), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different seeds");
        assertThatThrownBy(() -> PairSheet.write(tmp.resolve("y.png"), List.of(full, small), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not among the first 4");
    }
}
