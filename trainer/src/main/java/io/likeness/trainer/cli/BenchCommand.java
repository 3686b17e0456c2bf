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

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per case (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per case (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Interleaved measurement rounds; the median and range are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--size", defaultValue = "128", description = "Image side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "studio render throughput, %dpx, %d CPU(s) visible to the JVM%n", size,
                Runtime.getRuntime().availableProcessors());
        boolean[] modes = {false, true};
        double[][][] rates = new double[2][threads.size()][rounds];
        double[][][] perCpu = new double[2][threads.size()][rounds];
        for (int m = 0; m < 2; m++) {
            for (int t = 0; t < threads.size(); t++) {
                run(threads.get(t), modes[m], warmup);
            }
        }
        // rounds interleave the cases so that load from other processes hits all of them alike
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < 2; m++) {
                for (int t = 0; t < threads.size(); t++) {
                    double[] res = measure(threads.get(t), modes[m], seconds);
                    rates[m][t][r] = res[0];
                    perCpu[m][t][r] = res[1];
                }
            }
        }
        for (int m = 0; m < 2; m++) {
            for (int t = 0; t < threads.size(); t++) {
                double[] v = rates[m][t].clone();
                java.util.Arrays.sort(v);
                double[] c = perCpu[m][t].clone();
                java.util.Arrays.sort(c);
                System.out.printf(Locale.ROOT, "  %-10s threads=%d  median %7.1f images/s  (min %.1f, max %.1f, %d x %.0f s)"
                        + "  |  %.1f images per CPU-second%n",
                        modes[m] ? "render+png" : "render", threads.get(t), v[v.length / 2], v[0], v[v.length - 1],
                        rounds, seconds, c[c.length / 2]);
            }
        }
        return 0;
    }

    private double run(int threads, boolean png, double secs) throws Exception {
        return measure(threads, png, secs)[0];
    }

    /** {wall-clock images/s, images per CPU-second of the render threads}. */
    private double[] measure(int threads, boolean png, double secs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Direction> all = List.of(Direction.values());
        try {
            long t0 = System.nanoTime();
            Future<?>[] f = new Future<?>[threads];
            for (int k = 0; k < threads; k++) {
                int worker = k;
                f[k] = pool.submit(() -> {
                    long i = worker;
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    while (!stop.get()) {
                        BufferedImage img = PortraitRenderer.render(IdentitySampler.sample(i), PoseSampler.sample(i),
                                all.get((int) (i % all.size())), size);
                        if (png) {
                            StudioDatasets.png(img);
                        }
                        done.incrementAndGet();
                        i += threads;
                    }
                    cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                });
            }
            Thread.sleep((long) (secs * 1000));
            stop.set(true);
            for (Future<?> x : f) {
                x.get();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return new double[] {done.get() / wall, done.get() / (cpuNanos.get() / 1e9)};
        } finally {
            pool.shutdownNow();
        }
    }
}
