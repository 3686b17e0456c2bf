package io.likeness.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.trainer.dataset.DatasetManifest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StudioCommandTest {

    @TempDir
    Path tmp;

    @Test
    void sheetRenderAndPairsCommands() throws Exception {
        CommandLine cli = new CommandLine(new StudioCommand());
        Path sheet = tmp.resolve("docs/sheet.png");
        assertThat(cli.execute("sheet", "--identities", "2", "--cell", "48", "--masks", "--out", sheet.toString()))
                .isZero();
        BufferedImage img = ImageIO.read(sheet.toFile());
        assertThat(img.getWidth()).isEqualTo(2 + 9 * 50);
        assertThat(img.getHeight()).isEqualTo(2 + 2 * 50);

        Path corpus = tmp.resolve("corpus");
        assertThat(new CommandLine(new StudioCommand()).execute("render", "--count", "6", "--seed", "3", "--size",
                "32", "--shard-size", "4", "--out", corpus.toString())).isZero();
        DatasetManifest m = DatasetManifest.read(corpus);
        assertThat(m.count()).isEqualTo(6);
        assertThat(m.split()).isEqualTo("train");
        assertThat(m.shards()).hasSize(2);

        Path pairs = tmp.resolve("pairs");
        assertThat(new CommandLine(new StudioCommand()).execute("pairs", "--count", "3", "--size", "32",
                "--out", pairs.toString())).isZero();
        assertThat(DatasetManifest.read(pairs).split()).isEqualTo("validation");
        assertThat(Files.exists(pairs.resolve("shard-000000.tar"))).isTrue();

        assertThat(new CommandLine(new StudioCommand()).execute("render", "--count", "2", "--out",
                tmp.resolve("x").toString(), "--split", "nonsense")).isNotZero();
    }
}
