package io.likeness.trainer.pairs;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.metrics.Masks;
import io.likeness.mcdm.metrics.Psnr;
import io.likeness.mcdm.metrics.Ssim;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.ShardReader;
import io.likeness.trainer.dataset.ShardSource;
import io.likeness.trainer.foundation.DirectionClassifier;
import io.likeness.trainer.foundation.FoundationCheckpoints;
import io.likeness.trainer.foundation.IdentityEmbeddings;
import io.likeness.trainer.studio.Direction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pair quality against studio truth — the paper's Figure 3 claims as numbers. For a generated dataset:
 * <ul>
 *   <li>layout alignment: SSIM and PSNR between x_A and x_B on the region the edit must not change (the exact
 *       studio mask of that person, pose and direction) — aligned halves agree there;</li>
 *   <li>identity alignment: cosine of the identity words of x_A and x_B (same person in both halves), and of x_B
 *       and the identity reference (the person carried over);</li>
 *   <li>pose/layout fidelity: SSIM of x_A to the studio truth x_A of the same person and pose;</li>
 *   <li>edit fidelity: the share of x_B the direction classifier reads as the requested direction, and of x_A read
 *       as the source domain.</li>
 * </ul>
 */
public final class PairQuality implements AutoCloseable {

    private final NDManager manager;
    private final FoundationCheckpoints.Clip clip;
    private final IdentityMapper mapper;
    private final DirectionClassifier classifier;

    public PairQuality(Path clipCheckpoint, Path identityCheckpoint) throws IOException {
        this.manager = NDManager.newBaseManager();
        this.clip = FoundationCheckpoints.clip(clipCheckpoint, manager);
        this.mapper = FoundationCheckpoints.identityMapper(identityCheckpoint, manager);
        this.classifier = DirectionClassifier.of(clip, manager);
    }

    /** Mean of each metric over the dataset's pairs (those with studio truth). */
    public Map<String, Double> measure(Path dataset) throws IOException {
        return measure(dataset, Integer.MAX_VALUE);
    }

    /**
     * The same over the first {@code limit} pairs: datasets generated with the same seed share person, pose and noise
     * pair by pair, so a larger dataset's first pairs are the fair comparison with a smaller ablation.
     */
    public Map<String, Double> measure(Path dataset, int limit) throws IOException {
        ShardReader r = ShardReader.sequential(ShardSource.directory(dataset));
        List<BufferedImage> as = new ArrayList<>();
        List<BufferedImage> bs = new ArrayList<>();
        List<BufferedImage> refs = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        double ssimUnchanged = 0;
        double psnrUnchanged = 0;
        double ssimTruthA = 0;
        int n = 0;
        while (r.hasNext() && n < limit) {
            Sample s = r.next();
            if (!s.parts().containsKey("mask.png")) {
                continue;
            }
            JsonNode j = s.json();
            BufferedImage a = s.image("a.png");
            BufferedImage b = s.image("b.png");
            boolean[] changed = Masks.fromImage(s.image("mask.png"));
            boolean[] keep = new boolean[changed.length];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = !changed[i];
            }
            ssimUnchanged += Ssim.ssim(a, b, keep);
            psnrUnchanged += Math.min(Psnr.psnr(a, b, keep), 60);
            ssimTruthA += Ssim.ssim(a, s.image("truth_a.png"));
            as.add(a);
            bs.add(b);
            refs.add(s.image("ref.png"));
            subjects.add(j.get("subject").asText());
            directions.add(j.get("direction").asText());
            n++;
        }
        float[][] wa = IdentityEmbeddings.of(as, clip.vision(), mapper, manager);
        float[][] wb = IdentityEmbeddings.of(bs, clip.vision(), mapper, manager);
        float[][] wr = IdentityEmbeddings.of(refs, clip.vision(), mapper, manager);
        double idAB = 0;
        double idBRef = 0;
        for (int i = 0; i < n; i++) {
            idAB += IdentityEmbeddings.cosine(wa[i], wb[i]);
            idBRef += IdentityEmbeddings.cosine(wb[i], wr[i]);
        }
        List<Direction> readB = classifier.classify(bs, subjects);
        List<Direction> readA = classifier.classify(as, subjects);
        int hitB = 0;
        int hitA = 0;
        for (int i = 0; i < n; i++) {
            hitB += readB.get(i).id().equals(directions.get(i)) ? 1 : 0;
            hitA += readA.get(i) == Direction.SOURCE ? 1 : 0;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("pairs", (double) n);
        out.put("layout_ssim_unchanged", ssimUnchanged / n);
        out.put("layout_psnr_unchanged_db", psnrUnchanged / n);
        out.put("identity_cos_a_b", idAB / n);
        out.put("identity_cos_b_reference", idBRef / n);
        out.put("ssim_a_to_truth", ssimTruthA / n);
        out.put("edit_fidelity_b", hitB / (double) n);
        out.put("source_fidelity_a", hitA / (double) n);
        return out;
    }



    @Override
    public void close() {
        manager.close();
    }
}
