package io.likeness.trainer.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.PairRenderer;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseKeypoints;
import io.likeness.trainer.studio.PoseMapRenderer;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.studio.Seeds;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders studio datasets to shards. Everything is a function of (seed, split, index): the same arguments give
 * byte-identical shards and manifest, whatever the thread count.
 *
 * <ul>
 *   <li>portraits: {@code <key>.png} (the portrait), {@code <key>.pose.png} (its pose map), {@code <key>.json}
 *       (identity, pose, direction, caption, description, keypoints). A third of the images are source-domain,
 *       the rest spread uniformly over the eight directions.</li>
 *   <li>pairs: {@code <key>.a.png} (x_A), {@code <key>.b.png} (x_B), {@code <key>.mask.png} (exact changed
 *       region, white = changed), {@code <key>.pose.png}, {@code <key>.json} (captions p, p_a, p_b, identity, pose,
 *       direction, mask fraction, default λ). Directions cycle through the eight edits.</li>
 * </ul>
 */
public final class StudioDatasets {

    static final long IDENTITY_SALT = 0x1D;
    static final long POSE_SALT = 0x905E;
    static final long DIRECTION_SALT = 0xD1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudioDatasets() {
    }

    /** Options shared by both dataset kinds. */
    public record Options(long seed, Split split, int size, int samplesPerShard, int threads, int imagesPerIdentity) {
        public Options {
            if (size < 16 || samplesPerShard <= 0 || threads <= 0 || imagesPerIdentity <= 0) {
                throw new IllegalArgumentException("bad options " + size + "/" + samplesPerShard + "/" + threads
                        + "/" + imagesPerIdentity);
            }
        }
    }

    /** The first {@code count} identity seeds of a split for a dataset seed (seed stream filtered by split). */
    public static long[] identitySeeds(long seed, Split split, int count) {
        long[] out = new long[count];
        int n = 0;
        for (long j = 0; n < count; j++) {
            long s = Seeds.mix(seed, IDENTITY_SALT, j);
            if (Split.of(IdentitySampler.sample(s)) == split) {
                out[n++] = s;
            }
        }
        return out;
    }

    public static DatasetManifest renderPortraits(Path out, int count, Options o, LongConsumer progress)
            throws IOException {
        long[] ids = identitySeeds(o.seed(), o.split(), (count + o.imagesPerIdentity() - 1) / o.imagesPerIdentity());
        Map<String, Long> directions = new TreeMap<>();
        IntFunction<Rendered> job = i -> {
            Identity id = IdentitySampler.sample(ids[i / o.imagesPerIdentity()]);
            long poseSeed = Seeds.mix(o.seed(), POSE_SALT, i);
            Pose pose = PoseSampler.sample(poseSeed);
            SplittableRandom r = new SplittableRandom(Seeds.mix(o.seed(), DIRECTION_SALT, i));
            Direction d = r.nextInt(3) == 0 ? Direction.SOURCE : Direction.edits().get(r.nextInt(8));
            boolean costumeTask = r.nextBoolean();
            BufferedImage img = PortraitRenderer.render(id, pose, d, o.size());
            PoseKeypoints k = PortraitRenderer.keypoints(id, pose, o.size());
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("key", key(i));
            meta.put("split", o.split().id());
            meta.put("direction", d.id());
            meta.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
            meta.put("caption", Captions.forImage(id, d, costumeTask));
            meta.put("description", id.description());
            meta.put("identity_key", id.key());
            meta.put("identity", id);
            meta.put("pose_seed", poseSeed);
            meta.put("pose", pose);
            meta.put("keypoints", keypoints(k));
            Map<String, byte[]> parts = new LinkedHashMap<>();
            parts.put("png", png(img));
            parts.put("pose.png", png(PoseMapRenderer.render(k, o.size())));
            parts.put("json", json(meta));
            return new Rendered(key(i), d.id(), parts);
        };
        return write(out, count, o, DatasetManifest.PORTRAITS, List.of("png", "pose.png", "json"), job, directions,
                progress);
    }

    /**
     * Views: two renders of one identity per sample, each with its own pose and direction (a third source-domain),
     * for the foundation models: {@code a.png} and {@code b.png} with their pose maps {@code a.pose.png}, {@code b.pose.png};
     * each view is the other's identity reference. {@code json}: both captions, poses and the identity description.
     */
    public static DatasetManifest renderViews(Path out, int count, Options o, LongConsumer progress)
            throws IOException {
        long[] ids = identitySeeds(o.seed(), o.split(), (count + o.imagesPerIdentity() - 1) / o.imagesPerIdentity());
        Map<String, Long> directions = new TreeMap<>();
        IntFunction<Rendered> job = i -> {
            Identity id = IdentitySampler.sample(ids[i / o.imagesPerIdentity()]);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("key", key(i));
            meta.put("split", o.split().id());
            meta.put("description", id.description());
            meta.put("identity_key", id.key());
            meta.put("identity", id);
            Map<String, byte[]> parts = new LinkedHashMap<>();
            String firstDirection = null;
            for (String view : List.of("a", "b")) {
                long poseSeed = Seeds.mix(o.seed(), POSE_SALT + view.charAt(0), i);
                Pose pose = PoseSampler.sample(poseSeed);
                SplittableRandom r = new SplittableRandom(Seeds.mix(o.seed(), DIRECTION_SALT + view.charAt(0), i));
                Direction d = r.nextInt(3) == 0 ? Direction.SOURCE : Direction.edits().get(r.nextInt(8));
                boolean costumeTask = r.nextBoolean();
                BufferedImage img = PortraitRenderer.render(id, pose, d, o.size());
                PoseKeypoints k = PortraitRenderer.keypoints(id, pose, o.size());
                meta.put("direction_" + view, d.id());
                meta.put("caption_" + view, Captions.forImage(id, d, costumeTask));
                meta.put("pose_" + view, pose);
                parts.put(view + ".png", png(img));
                parts.put(view + ".pose.png", png(PoseMapRenderer.render(k, o.size())));
                meta.put("keypoints_" + view, keypoints(k));
                if (view.equals("a")) {
                    firstDirection = d.id();
                }
            }
            parts.put("json", json(meta));
            return new Rendered(key(i), firstDirection, parts);
        };
        return write(out, count, o, DatasetManifest.VIEWS, List.of("a.png", "a.pose.png", "b.png", "b.pose.png", "json"), job,
                directions, progress);
    }

    public static DatasetManifest renderPairs(Path out, int count, Options o, LongConsumer progress)
            throws IOException {
        return renderPairs(out, count, o, Direction.edits(), progress);
    }

    /** Pairs whose directions cycle through {@code edits} (edit directions only, in the given order). */
    public static DatasetManifest renderPairs(Path out, int count, Options o, List<Direction> edits,
                                              LongConsumer progress) throws IOException {
        if (edits.isEmpty() || edits.contains(Direction.SOURCE)) {
            throw new IllegalArgumentException("pairs need at least one edit direction (not the source), got " + edits);
        }
        long[] ids = identitySeeds(o.seed(), o.split(), (count + o.imagesPerIdentity() - 1) / o.imagesPerIdentity());
        Map<String, Long> directions = new TreeMap<>();
        List<Direction> cycle = List.copyOf(edits);
        IntFunction<Rendered> job = i -> {
            Identity id = IdentitySampler.sample(ids[i / o.imagesPerIdentity()]);
            long poseSeed = Seeds.mix(o.seed(), POSE_SALT, i);
            Pose pose = PoseSampler.sample(poseSeed);
            Direction d = cycle.get(i % cycle.size());
            PairRenderer.Pair p = PairRenderer.render(id, pose, d, o.size());
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("key", key(i));
            meta.put("split", o.split().id());
            meta.put("direction", d.id());
            meta.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
            meta.put("captions", Map.of("p", p.captions().shared(), "p_a", p.captions().source(),
                    "p_b", p.captions().target()));
            meta.put("mask_fraction", p.maskFraction());
            meta.put("mask_threshold", d.defaultMaskThreshold());
            meta.put("identity_key", id.key());
            meta.put("identity", id);
            meta.put("pose_seed", poseSeed);
            meta.put("pose", pose);
            meta.put("keypoints", keypoints(p.keypoints()));
            Map<String, byte[]> parts = new LinkedHashMap<>();
            parts.put("a.png", png(p.a()));
            parts.put("b.png", png(p.b()));
            parts.put("mask.png", png(p.maskImage()));
            parts.put("pose.png", png(p.poseMap()));
            parts.put("json", json(meta));
            return new Rendered(key(i), d.id(), parts);
        };
        return write(out, count, o, DatasetManifest.PAIRS,
                List.of("a.png", "b.png", "mask.png", "pose.png", "json"), job, directions, progress);
    }

    public static String key(long index) {
        return String.format("%09d", index);
    }

    private record Rendered(String key, String direction, Map<String, byte[]> parts) {
    }

    private static DatasetManifest write(Path out, int count, Options o, String kind, List<String> partNames,
                                         IntFunction<Rendered> job, Map<String, Long> directions,
                                         LongConsumer progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
            Thread t = new Thread(r, "studio-render");
            t.setDaemon(true);
            return t;
        });
        try (ShardWriter writer = new ShardWriter(out, o.samplesPerShard())) {
            int window = Math.max(16, o.threads() * 8);
            for (int start = 0; start < count; start += window) {
                List<Future<Rendered>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + window); i++) {
                    int index = i;
                    batch.add(pool.submit(() -> job.apply(index)));
                }
                for (Future<Rendered> f : batch) {
                    Rendered r = f.get();
                    writer.write(r.key(), r.parts());
                    directions.merge(r.direction(), 1L, Long::sum);
                    if (progress != null) {
                        progress.accept(writer.count());
                    }
                }
            }
            writer.close();
            DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.GENERATOR, kind, o.seed(),
                    o.size(), o.split().id(), count, o.samplesPerShard(), partNames, directions, writer.shards());
            m.write(out);
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("rendering failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<double[]> keypoints(PoseKeypoints k) {
        List<double[]> l = new ArrayList<>();
        for (int i = 0; i < PoseKeypoints.COUNT; i++) {
            l.add(k.visible()[i] ? new double[] {round(k.x()[i]), round(k.y()[i]), 1} : new double[] {0, 0, 0});
        }
        return l;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** One PNG writer per thread: ImageIO's registry lookup and its default disk cache are slow when shared. */
    private static final ThreadLocal<ImageWriter> PNG = ThreadLocal.withInitial(() -> {
        java.util.Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
        if (!it.hasNext()) {
            throw new IllegalStateException("no PNG writer");
        }
        return it.next();
    });

    /** PNG bytes of an image (default ImageIO PNG encoder settings, in memory). */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(16 * 1024);
        ImageWriter w = PNG.get();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(b)) {
            w.setOutput(out);
            w.write(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.setOutput(null);
        }
        return b.toByteArray();
    }

    private static byte[] json(Map<String, Object> meta) {
        try {
            return JSON.writeValueAsBytes(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
