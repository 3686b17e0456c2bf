package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code studio bench}: render throughput (images/s), render only and render + PNG encode, per thread count. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure render throughput in images/s.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per case (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per case (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--size", defaultValue = "128", description = "Image side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "studio render throughput, %dpx, %d CPU(s) visible to the JVM%n", size,
                Runtime.getRuntime().availableProcessors());
        for (boolean png : new boolean[] {false, true}) {
            for (int t : threads) {
                run(t, png, warmup);
                double rate = run(t, png, seconds);
                System.out.printf(Locale.ROOT, "  %-18s threads=%d  %8.1f images/s%n",
                        png ? "render+png" : "render", t, rate);
            }
        }
        return 0;
    }

    private double run(int threads, boolean png, double secs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Direction> all = List.of(Direction.values());
        try {
            long t0 = System.nanoTime();
            Future<?>[] f = new Future<?>[threads];
            for (int k = 0; k < threads; k++) {
                int worker = k;
                f[k] = pool.submit(() -> {
                    long i = worker;
                    while (!stop.get()) {
                        BufferedImage img = PortraitRenderer.render(IdentitySampler.sample(i), PoseSampler.sample(i),
                                all.get((int) (i % all.size())), size);
                        if (png) {
                            StudioDatasets.png(img);
                        }
                        done.incrementAndGet();
                        i += threads;
                    }
                });
            }
            Thread.sleep((long) (secs * 1000));
            stop.set(true);
            for (Future<?> x : f) {
                x.get();
            }
            return done.get() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
