package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code studio render}: a captioned corpus of single portraits (with pose maps) for pretraining. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a corpus of N captioned portraits (png + pose.png + json) into tar shards.")
public final class RenderCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions opts;

    @Option(names = "--split", defaultValue = "train",
            description = "Identity split: train, validation or test (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--kind", defaultValue = "portraits",
            description = "portraits (one image per sample) or views (two renders of one identity per sample, "
                    + "for the foundation models); default ${DEFAULT-VALUE}.")
    String kind;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        DatasetManifest m = switch (kind) {
            case "portraits" -> StudioDatasets.renderPortraits(opts.out, opts.count, opts.options(Split.byId(split)),
                    Progress.every(opts.count));
            case "views" -> StudioDatasets.renderViews(opts.out, opts.count, opts.options(Split.byId(split)),
                    Progress.every(opts.count));
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--kind must be portraits or views, not " + kind);
        };
        Progress.summary(m, opts.out, t0);
        return 0;
    }
}
