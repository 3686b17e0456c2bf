package io.likeness.trainer.pairs;

import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.ShardWriter;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.PairRenderer;
import io.likeness.trainer.studio.PoseMapRenderer;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.studio.Seeds;
import io.likeness.trainer.train.DirectoryLock;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * A generated paired dataset: for each pair a studio person (train-split identities, never the validation or test
 * people the evaluation uses) gives a held-out identity reference (a fresh source-domain render in another pose —
 * the FFHQ stand-in) and the pose map of the shot; the synthesizer generates x_A and x_B. Because the person is a
 * studio person, the exact pair for the same identity and pose is stored next to it ({@code truth_a.png},
 * {@code truth_b.png}, {@code mask.png}), so pair quality can be measured — the MCDM trains only on {@code a.png}
 * and {@code b.png}.
 *
 * <p>Entries: {@code a.png}, {@code b.png}, {@code ref.png}, {@code pose.png}, {@code truth_a.png},
 * {@code truth_b.png}, {@code mask.png}, {@code json} (captions p, p_a, p_b, direction, λ, identity, conditions,
 * base model, guidance scale).
 */
public final class GeneratedPairs {

    public static final String KIND = "generated-pairs";
    static final long REFERENCE_POSE_SALT = 0x4EF;

    private GeneratedPairs() {
    }

    /** One direction to generate: id, [Y], [Z], λ. */
    public record DirectionSpec(String id, String source, String target, double lambda) {
        public static DirectionSpec of(Direction d) {
            return new DirectionSpec(d.id(), d.sourcePhrase(), d.phrase(), d.defaultMaskThreshold());
        }
    }

    /** Samples per tar shard of a generated dataset; a killed generation resumes at a shard boundary. */
    public static final int SHARD_SIZE = 200;

    /**
     * Generates {@code perDirection} pairs for each direction, {@code batch} canvases per forward, into {@code out}.
     * Resumable: run again with the same arguments after a kill and it continues at the first unfinished shard
     * ({@link GenerationJournal}); run again after it finished and it returns the finished dataset.
     *
     * @param progress receives the number of pairs written so far (including those of earlier runs)
     */
    public static DatasetManifest generate(PairSource synth, List<DirectionSpec> directions, int perDirection,
                                           long seed, PairConditions conditions, int batch, Path out,
                                           LongConsumer progress) throws IOException {
        return generate(synth, directions, perDirection, seed, conditions, batch, out, progress, SHARD_SIZE);
    }

    static DatasetManifest generate(PairSource synth, List<DirectionSpec> directions, int perDirection, long seed,
                                    PairConditions conditions, int batch, Path out, LongConsumer progress,
                                    int shardSize) throws IOException {
        if (directions.isEmpty() || perDirection <= 0 || batch <= 0) {
            throw new IllegalArgumentException("need at least one direction, one pair per direction and batch >= 1");
        }
        GenerationJournal.Plan plan = new GenerationJournal.Plan(List.copyOf(directions), perDirection, seed,
                conditions.id(), batch, synth.baseVersion(), shardSize, synth.guidance());
        try (DirectoryLock held = DirectoryLock.take(out, "pair generation")) {
            return generate(synth, plan, out, progress);
        }
    }

    private static DatasetManifest generate(PairSource synth, GenerationJournal.Plan plan, Path out,
                                            LongConsumer progress) throws IOException {
        List<DirectionSpec> directions = plan.directions();
        long seed = plan.seed();
        int shardSize = plan.samplesPerShard();
        int batch = plan.batch();
        PairConditions conditions = PairConditions.of(plan.conditions());
        int total = plan.total();
        GenerationJournal journal = GenerationJournal.open(out, plan);
        if (journal.done() == total && Files.exists(out.resolve(DatasetManifest.FILE))) {
            if (progress != null) {
                progress.accept(total);
            }
            return DatasetManifest.read(out);
        }
        journal.write(out);
        long[] ids = StudioDatasets.identitySeeds(seed, Split.TRAIN, total);
        try (ShardWriter writer = new ShardWriter(out, shardSize, journal.shards())) {
            int start = (int) journal.done();
            if (start > 0 && progress != null) {
                progress.accept(start);
            }
            while (start < total) {
                int shardEnd = (start / shardSize + 1) * shardSize;
                int end = Math.min(Math.min(total, start + batch), shardEnd);
                List<PairSpec> specs = new ArrayList<>();
                List<Map<String, byte[]>> parts = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    DirectionSpec d = directions.get(i % directions.size());
                    Identity id = IdentitySampler.sample(ids[i]);
                    Pose pose = PoseSampler.sample(Seeds.mix(seed, 0x905E, i));
                    Pose refPose = PoseSampler.sample(Seeds.mix(seed, REFERENCE_POSE_SALT, i));
                    BufferedImage ref = PortraitRenderer.render(id, refPose, Direction.SOURCE, 128);
                    BufferedImage poseMap = PoseMapRenderer.render(id, pose, 128);
                    PairSpec spec = new PairSpec(ref, poseMap, id.genderWord(), d.source(), d.target(),
                            Seeds.mix(seed, 0x9A1, i));
                    specs.add(spec);
                    parts.add(entries(i, d, id, pose, ref, poseMap, spec, conditions, plan));
                }
                List<PairSource.Generated> gen = synth.generate(specs, conditions);
                for (int k = 0; k < gen.size(); k++) {
                    Map<String, byte[]> p = new LinkedHashMap<>();
                    p.put("a.png", StudioDatasets.png(gen.get(k).a()));
                    p.put("b.png", StudioDatasets.png(gen.get(k).b()));
                    p.putAll(parts.get(k));
                    writer.write(StudioDatasets.key(start + k), p);
                }
                if (writer.shards().size() > journal.shards().size()) {
                    journal = journal.with(writer.shards());
                    journal.write(out);
                }
                start = end;
                if (progress != null) {
                    progress.accept(writer.count());
                }
            }
            writer.close();
            journal = journal.with(writer.shards());
            journal.write(out);
            Map<String, Long> counts = new TreeMap<>();
            for (int i = 0; i < total; i++) {
                counts.merge(directions.get(i % directions.size()).id(), 1L, Long::sum);
            }
            List<String> entryNames = new ArrayList<>(List.of("a.png", "b.png", "ref.png", "pose.png"));
            if (directions.stream().allMatch(d -> known(d.id()) != null)) {
                entryNames.addAll(List.of("truth_a.png", "truth_b.png", "mask.png"));
            }
            entryNames.add("json");
            DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.GENERATOR, KIND, seed, 128,
                    Split.TRAIN.id(), total, shardSize, entryNames, counts, writer.shards());
            m.write(out);
            return m;
        }
    }

    /** The stored entries of pair {@code i} besides the generated halves: inputs, studio truth, metadata. */
    private static Map<String, byte[]> entries(int i, DirectionSpec d, Identity id, Pose pose, BufferedImage ref,
                                               BufferedImage poseMap, PairSpec spec, PairConditions conditions,
                                               GenerationJournal.Plan plan) throws IOException {
        Map<String, byte[]> p = new LinkedHashMap<>();
        p.put("ref.png", StudioDatasets.png(ref));
        p.put("pose.png", StudioDatasets.png(poseMap));
        Direction known = known(d.id());
        if (known != null) {
            PairRenderer.Pair truth = PairRenderer.render(id, pose, known, 128);
            p.put("truth_a.png", StudioDatasets.png(truth.a()));
            p.put("truth_b.png", StudioDatasets.png(truth.b()));
            p.put("mask.png", StudioDatasets.png(truth.maskImage()));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("key", StudioDatasets.key(i));
        meta.put("direction", d.id());
        meta.put("captions", Map.of("p", spec.jointPrompt(), "p_a", spec.sourcePrompt(), "p_b", spec.targetPrompt()));
        meta.put("lambda", d.lambda());
        meta.put("subject", id.genderWord());
        meta.put("identity_key", id.key());
        meta.put("description", id.description());
        meta.put("conditions", conditions.id());
        meta.put("base_model", plan.baseModel());
        meta.put("guidance", plan.guidance());
        p.put("json", DatasetManifest.JSON.writeValueAsBytes(meta));
        return p;
    }

    static Direction known(String id) {
        for (Direction d : Direction.edits()) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        return null;
    }
}
