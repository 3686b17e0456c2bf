package io.likeness.trainer.pairs;

import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.ShardWriter;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.PairRenderer;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.studio.Seeds;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
 * {@code truth_b.png}, {@code mask.png}, {@code json} (captions p, p_a, p_b, direction, λ, identity, conditions).
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

    /**
     * Generates {@code perDirection} pairs for each direction, {@code batch} canvases per forward.
     *
     * @param progress receives the number of pairs written so far
     */
    public static DatasetManifest generate(PairSynthesizer synth, List<DirectionSpec> directions, int perDirection,
                                           long seed, PairConditions conditions, int batch, Path out,
                                           LongConsumer progress) throws IOException {
        int total = directions.size() * perDirection;
        long[] ids = StudioDatasets.identitySeeds(seed, Split.TRAIN, total);
        Map<String, Long> counts = new TreeMap<>();
        try (ShardWriter writer = new ShardWriter(out, 200)) {
            for (int start = 0; start < total; start += batch) {
                int end = Math.min(total, start + batch);
                List<PairSpec> specs = new ArrayList<>();
                List<Map<String, byte[]>> parts = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    DirectionSpec d = directions.get(i % directions.size());
                    Identity id = IdentitySampler.sample(ids[i]);
                    Pose pose = PoseSampler.sample(Seeds.mix(seed, 0x905E, i));
                    Pose refPose = PoseSampler.sample(Seeds.mix(seed, REFERENCE_POSE_SALT, i));
                    BufferedImage ref = PortraitRenderer.render(id, refPose, Direction.SOURCE, 128);
                    BufferedImage poseMap = io.likeness.trainer.studio.PoseMapRenderer.render(id, pose, 128);
                    specs.add(new PairSpec(ref, poseMap, id.genderWord(), d.source(), d.target(),
                            Seeds.mix(seed, 0x9A1, i)));
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
                    meta.put("captions", Map.of("p", specs.get(specs.size() - 1).jointPrompt(),
                            "p_a", specs.get(specs.size() - 1).sourcePrompt(),
                            "p_b", specs.get(specs.size() - 1).targetPrompt()));
                    meta.put("lambda", d.lambda());
                    meta.put("subject", id.genderWord());
                    meta.put("identity_key", id.key());
                    meta.put("description", id.description());
                    meta.put("conditions", conditions.id());
                    meta.put("base_model", synth.baseVersion());
                    p.put("json", io.likeness.trainer.dataset.DatasetManifest.JSON.writeValueAsBytes(meta));
                    parts.add(p);
                    keys.add(StudioDatasets.key(i));
                    counts.merge(d.id(), 1L, Long::sum);
                }
                List<PairSynthesizer.Generated> gen = synth.generate(specs, conditions);
                for (int k = 0; k < gen.size(); k++) {
                    Map<String, byte[]> p = new LinkedHashMap<>();
                    p.put("a.png", StudioDatasets.png(gen.get(k).a()));
                    p.put("b.png", StudioDatasets.png(gen.get(k).b()));
                    p.putAll(parts.get(k));
                    writer.write(keys.get(k), p);
                }
                if (progress != null) {
                    progress.accept(writer.count());
                }
            }
            writer.close();
            DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.GENERATOR, KIND, seed, 128,
                    Split.TRAIN.id(), total, 200, List.of("a.png", "b.png", "ref.png", "pose.png", "truth_a.png",
                    "truth_b.png", "mask.png", "json"), counts, writer.shards());
            m.write(out);
            return m;
        }
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
