package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.ContactSheet;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code studio sheet}: a contact sheet, rows = identities, columns = source + the eight directions. */
@Command(name = "sheet", mixinStandardHelpOptions = true,
        description = "Render a contact sheet PNG: rows = identities, columns = source, cute-flower, "
                + "cute-white-sheep, santa-claus, golden-palace, angry, shocked, laughing, crying.")
public final class SheetCommand implements Callable<Integer> {

    @Option(names = "--identities", defaultValue = "8", description = "Rows (default ${DEFAULT-VALUE}).")
    int identities;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output PNG.")
    Path out;

    @Option(names = "--cell", defaultValue = "128", description = "Cell size in pixels (default ${DEFAULT-VALUE}).")
    int cell;

    @Option(names = "--masks", description = "Tint the exact changed region of every edit red.")
    boolean masks;

    @Option(names = "--split", defaultValue = "test", description = "Identity split to draw from (default ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        long[] seeds = StudioDatasets.identitySeeds(seed, Split.byId(split), identities);
        List<Identity> ids = new ArrayList<>();
        List<Pose> poses = new ArrayList<>();
        for (int i = 0; i < identities; i++) {
            ids.add(IdentitySampler.sample(seeds[i]));
            poses.add(PoseSampler.sample(Seeds.mix(seed, 0x5EE7, i)));
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        ImageIO.write(ContactSheet.render(ids, poses, cell, 2, masks), "png", out.toFile());
        System.out.println("wrote " + out + " (" + identities + " identities x 9 columns, cell " + cell + " px)");
        return 0;
    }
}
