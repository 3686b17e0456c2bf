package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.DatasetManifest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

/** Plain progress lines on stderr (no terminal tricks, so logs stay readable). */
final class Progress {

    private Progress() {
    }

    static LongConsumer every(long total) {
        long step = Math.max(1, total / 10);
        return n -> {
            if (n % step == 0 || n == total) {
                System.err.printf(Locale.ROOT, "  %d / %d%n", n, total);
            }
        };
    }

    static void summary(DatasetManifest m, Path out, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d %s (%s split, %dpx) in %d shard(s) at %s; %.1f s, %.1f samples/s%n",
                m.format(), m.count(), m.kind(), m.split(), m.size(), m.shards().size(), out, s, m.count() / s);
    }
}
