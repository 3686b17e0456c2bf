package io.likeness.trainer.mcdm;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.edit.EditRequest;
import io.likeness.mcdm.edit.EditResult;
import io.likeness.mcdm.edit.Editor;
import io.likeness.mcdm.edit.PreparedImage;
import io.likeness.mcdm.engine.EditorModelsFactory;
import io.likeness.mcdm.mask.MaskMap;
import io.likeness.mcdm.metrics.Psnr;
import io.likeness.mcdm.metrics.Ssim;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.foundation.BaseProbe;
import io.likeness.trainer.foundation.DirectionClassifier;
import io.likeness.trainer.foundation.ExpressionReader;
import io.likeness.trainer.foundation.FoundationCheckpoints;
import io.likeness.trainer.foundation.IdentityEmbeddings;
import io.likeness.trainer.studio.PairRenderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluation of an MCDM checkpoint on held-out studio people (test split) with exact ground truth, through the
 * product's {@link Editor}, with and without mask guidance:
 * <ul>
 *   <li>SSIM and PSNR of the output against the exact x_B, overall and on the unchanged region (against x_A);</li>
 *   <li>mask IoU of the model's binary editing mask against the exact changed region (mask mode only);</li>
 *   <li>edit fidelity: the share of outputs the direction classifier reads as the requested direction;</li>
 *   <li>expression fidelity: the share of expression edits an {@link ExpressionReader} (trained for the evaluation
 *       on studio faces, seconds) reads as the requested expression ({@link ExpressionFidelity});</li>
 *   <li>identity similarity: cosine of the identity words of output and input.</li>
 * </ul>
 */
public final class McdmEvaluation implements AutoCloseable {

    private final NDManager manager;
    private final FoundationCheckpoints.Clip clip;
    private final IdentityMapper mapper;
    private final DirectionClassifier classifier;
    private final List<PairRenderer.Pair> cases;
    private final int steps;
    private final long seed;
    private ExpressionReader reader;

    public McdmEvaluation(Path foundation, int people, long seed) throws IOException {
        this(foundation, people, seed, EditRequest.DEFAULT_STEPS);
    }

    /** @param steps denoising steps per edit (the product's default is 20) */
    public McdmEvaluation(Path foundation, int people, long seed, int steps) throws IOException {
        this.steps = steps;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        this.clip = FoundationCheckpoints.clip(foundation.resolve("clip/final"), manager);
        this.mapper = FoundationCheckpoints.identityMapper(foundation.resolve("identity/final"), manager);
        this.classifier = DirectionClassifier.of(clip, manager);
        this.cases = StudioEditCases.cases(Split.TEST, people, seed);
    }

    public List<PairRenderer.Pair> cases() {
        return cases;
    }

    /** Outputs of one checkpoint on every case. */
    public record Outputs(List<BufferedImage> images, List<MaskMap> masks) {
    }

    public Outputs run(EditorModelsFactory.LoadedModels models, boolean mask, long seed, Consumer<Integer> progress) {
        Editor editor = new Editor(models.models(), models.schedule(), models.config());
        List<BufferedImage> images = new ArrayList<>();
        List<MaskMap> masks = new ArrayList<>();
        for (int p = 0; p < cases.size(); p += 8) {
            try (PreparedImage prepared = editor.prepare(cases.get(p).a())) {
                for (int k = p; k < Math.min(cases.size(), p + 8); k++) {
                    PairRenderer.Pair c = cases.get(k);
                    EditRequest.Builder b = EditRequest.builder(McdmSamples.prompt(c, false))
                            .sourcePrompt(McdmSamples.prompt(c, true)).seed(seed + k).steps(steps);
                    EditResult r = editor.edit(prepared, mask ? b.autoMask(c.direction().defaultMaskThreshold()).build()
                            : b.noMask().build());
                    images.add(r.image());
                    masks.add(r.mask() == null ? null : r.mask().binaryImage());
                    if (progress != null) {
                        progress.accept(images.size());
                    }
                }
            }
        }
        return new Outputs(images, masks);
    }

    public Map<String, Double> score(Outputs o) {
        int n = cases.size();
        double ssim = 0;
        double psnr = 0;
        double ssimKeep = 0;
        double psnrKeep = 0;
        double iou = 0;
        int iouCount = 0;
        List<String> subjects = new ArrayList<>();
        List<BufferedImage> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PairRenderer.Pair c = cases.get(i);
            BufferedImage out = o.images().get(i);
            boolean[] keep = new boolean[c.mask().length];
            for (int k = 0; k < keep.length; k++) {
                keep[k] = !c.mask()[k];
            }
            ssim += Ssim.ssim(out, c.b());
            psnr += Psnr.psnr(out, c.b());
            ssimKeep += Ssim.ssim(out, c.a(), keep);
            psnrKeep += Math.min(Psnr.psnr(out, c.a(), keep), 60);
            MaskMap m = o.masks().get(i);
            if (m != null) {
                iou += iou(m, c.mask());
                iouCount++;
            }
            subjects.add("person".equals(c.identity().genderWord()) ? "man" : c.identity().genderWord());
            inputs.add(c.a());
        }
        var read = classifier.classify(o.images(), subjects);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hits += read.get(i) == cases.get(i).direction() ? 1 : 0;
        }
        float[][] wo = IdentityEmbeddings.of(o.images(), clip.vision(), mapper, manager);
        float[][] wi = IdentityEmbeddings.of(inputs, clip.vision(), mapper, manager);
        double id = 0;
        for (int i = 0; i < n; i++) {
            id += IdentityEmbeddings.cosine(wo[i], wi[i]);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("ssim", ssim / n);
        out.put("psnr_db", psnr / n);
        out.put("ssim_unchanged", ssimKeep / n);
        out.put("psnr_unchanged_db", psnrKeep / n);
        if (iouCount > 0) {
            out.put("mask_iou", iou / iouCount);
        }
        out.put("edit_fidelity", hits / (double) n);
        ExpressionFidelity.Reading expressions = expressions(o);
        if (expressions.cases() > 0) {
            out.put("expression_fidelity", expressions.share());
        }
        out.put("identity_cos", id / n);
        out.put("cases", (double) n);
        return out;
    }

    /** How the expression edits among the outputs read (the reader is trained on first use). */
    public ExpressionFidelity.Reading expressions(Outputs o) {
        if (reader == null) {
            BaseProbe.ReaderSize size = BaseProbe.ReaderSize.standard();
            reader = ExpressionReader.train(seed, size.renders(), size.steps(), size.batch(), size.heldOut(), null);
        }
        return ExpressionFidelity.of(reader, cases, o.images());
    }

    static double iou(MaskMap predicted, boolean[] truth) {
        float[] v = predicted.values();
        int inter = 0;
        int union = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean p = v[i] >= 0.5f;
            inter += p && truth[i] ? 1 : 0;
            union += p || truth[i] ? 1 : 0;
        }
        return union == 0 ? 1.0 : inter / (double) union;
    }


    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        manager.close();
    }
}
