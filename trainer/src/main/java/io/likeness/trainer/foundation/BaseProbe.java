package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseMapRenderer;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does the trained base model do what its conditions say? Validation people × the eight directions, each sampled
 * from one noise under two pose maps at opposite corners of the studio's range (offset (−7, −4) and (+7, +4) px)
 * and once with a blank pose map, with the person's identity words (unless told not to), taken from another shot
 * of the person in the source domain (as pair generation takes them). The studio renders the same person,
 * pose and direction exactly, so every sample has a truth to be compared with:
 * <ul>
 *   <li><b>pose</b>: {@link HeadPosition} reads where the figure is in each sample and in its truth.
 *       {@code pose_gain_x/y} is the sample's shift between the two poses over the truth's shift (1 = follows the
 *       pose map as the studio does, 0 = ignores it); {@code pose_error_px} is the distance between the sample's
 *       and the truth's position, with the pose map and, for the blank map, against both truths;</li>
 *   <li><b>direction</b>: the zero-shot {@link DirectionClassifier} reads each posed sample and each truth;
 *       the truth's reading is the judge's own ceiling, per direction (it reads costumes, hardly any
 *       expression);</li>
 *   <li><b>expression</b>: an {@link ExpressionReader} trained for the probe on studio face crops reads the face
 *       of each posed sample and truth prompted with an expression (the truth's reading is its ceiling; the truth
 *       encoded and decoded by the frozen autoencoder is the latent model's own ceiling), reports
 *       the share of those samples it reads as no expression at all, and reads the SDEdit column (did the model
 *       keep the expression of a half-noised truth);</li>
 *   <li><b>text</b>: how far apart the frozen text tower puts the directions' prompts ({@link TextSeparation}),
 *       costumes against expressions: what the conditioning can tell apart at all;</li>
 *   <li><b>identity</b>: identity-word cosine of the posed samples to the person's reference and to another
 *       person's.</li>
 * </ul>
 * The picture has one row per person and direction: the reference, then the truth and the sample under each pose
 * with the pose map drawn over them, then the sample with the blank map, and optionally the first pose's truth
 * half-noised and denoised by the model (SDEdit).
 */
public final class BaseProbe {

    /** The two framings, at opposite corners of {@code PoseSampler}'s offsets. */
    static final double[][] OFFSETS = {{-7, -4}, {7, 4}};

    private record Subject(Identity identity, Pose pose, BufferedImage reference, String gender) {
        Pose at(double[] offset) {
            return new Pose(offset[0], offset[1], pose.scale(), pose.rollDegrees(), pose.shoulderWidth(),
                    pose.shoulderTilt(), pose.backdropColour(), pose.backdrop());
        }
    }

    /**
     * The per-direction reading, for the table: the share of posed samples and of studio truths the zero-shot judge
     * reads right, and for the expressions the same by the {@link ExpressionReader} (NaN for costumes).
     */
    public record DirectionRow(Direction direction, double samples, double truth, double expressionSamples,
                               double expressionTruth) {
    }

    /** How the probe's {@link ExpressionReader} is trained: renders, steps, batch, held-out renders. */
    public record ReaderSize(int renders, int steps, int batch, int heldOut) {
        public static ReaderSize standard() {
            return new ReaderSize(1200, 250, 32, 200);
        }
    }

    /** Numbers, per-direction readings, and the pictures' rows. */
    public record Result(Map<String, Double> metrics, List<DirectionRow> directions) {
    }

    private final BaseStage stage;
    private final BaseSampler sampler;
    private final List<Subject> subjects = new ArrayList<>();
    private final double sdedit;
    private final ReaderSize readerSize;
    private final boolean identityWords;

    /**
     * @param sdedit if above 0, the picture gets a last column: the first pose's truth noised to this strength and
     *               denoised by the model (SDEdit), which shows what the model draws once the layout is given
     * @param identityWords whether the prompts carry the person's identity words (as pair generation samples); without
     *                      them the probe measures what text and pose alone draw (the sample grid's text-only
     *                      columns), and the identity cosines become the control: how close a person the model
     *                      draws by chance
     */
    public BaseProbe(BaseStage stage, Path validation, int people, int steps, float guidance, boolean stochastic,
                     double sdedit, ReaderSize readerSize, boolean identityWords) throws IOException {
        this.stage = stage;
        this.sdedit = sdedit;
        this.readerSize = readerSize;
        this.identityWords = identityWords;
        this.sampler = new BaseSampler(stage, steps, guidance, stochastic);
        for (Sample s : ViewStream.firstSamples(validation, people)) {
            JsonNode j = s.json();
            Identity id = IdentitySampler.sample(j.get("identity").get("seed").asLong());
            if (!id.key().equals(j.get("identity_key").asText())) {
                throw new IllegalStateException("sample " + s.key() + ": the studio no longer renders identity "
                        + j.get("identity_key").asText() + " from its seed; re-render the validation views");
            }
            Pose pose = pose(j.get("pose_a"));
            Pose other = pose(j.get("pose_b"));
            // the reference as pair generation uses it: another shot of the person, in the source domain
            subjects.add(new Subject(id, pose, PortraitRenderer.render(id, other, Direction.SOURCE), id.genderWord()));
        }
    }

    /** Samples, measures, and writes the picture of the first {@code sheetPeople} people to {@code sheet}. */
    public Result run(long seed, Path sheet, int sheetPeople) throws IOException {
        List<Direction> directions = Direction.edits();
        int size = PortraitRenderer.DEFAULT_SIZE;
        List<BaseSampler.Cell> cells = new ArrayList<>();
        List<BufferedImage> truths = new ArrayList<>();
        List<FaceRegion> faces = new ArrayList<>();
        List<BufferedImage> maps = new ArrayList<>();
        for (int p = 0; p < subjects.size(); p++) {
            Subject s = subjects.get(p);
            for (int d = 0; d < directions.size(); d++) {
                String prompt = Captions.single(s.gender(), directions.get(d).phrase());
                int noise = 2000 + p * directions.size() + d;
                for (double[] offset : OFFSETS) {
                    BufferedImage map = PoseMapRenderer.render(s.identity(), s.at(offset), size);
                    maps.add(map);
                    truths.add(PortraitRenderer.render(s.identity(), s.at(offset), directions.get(d), size));
                    faces.add(FaceRegion.of(PortraitRenderer.keypoints(s.identity(), s.at(offset), size)));
                    cells.add(new BaseSampler.Cell(prompt, new BaseSampler.Person(s.reference(), map, s.gender()),
                            identityWords, true, noise));
                }
                cells.add(new BaseSampler.Cell(prompt, new BaseSampler.Person(s.reference(), maps.getLast(),
                        s.gender()), identityWords, false, noise));
            }
        }
        List<BufferedImage> samples = sampler.sampleAll(cells, seed);
        List<BufferedImage> edited = List.of();
        if (sdedit > 0) {
            List<BaseSampler.Cell> from = new ArrayList<>();
            for (int i = 0; i < cells.size(); i += OFFSETS.length + 1) {
                BaseSampler.Cell c = cells.get(i);
                from.add(new BaseSampler.Cell(c.prompt(), c.person(), identityWords, true, c.noise(),
                        truths.get(i / (OFFSETS.length + 1) * OFFSETS.length)));
            }
            edited = sampler.sampleAll(from, seed, sdedit);
        }

        int per = OFFSETS.length + 1;
        int n = subjects.size() * directions.size();
        double shiftGenX = 0;
        double shiftGenY = 0;
        double shiftTruthX = 0;
        double shiftTruthY = 0;
        double errorPosed = 0;
        double errorBlank = 0;
        int posedCount = 0;
        int blankCount = 0;
        List<BufferedImage> posed = new ArrayList<>();
        List<String> posedSubjects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HeadPosition.Position blank = HeadPosition.locate(samples.get(i * per + OFFSETS.length));
            HeadPosition.Position[] gen = new HeadPosition.Position[OFFSETS.length];
            HeadPosition.Position[] truth = new HeadPosition.Position[OFFSETS.length];
            for (int o = 0; o < OFFSETS.length; o++) {
                gen[o] = HeadPosition.locate(samples.get(i * per + o));
                truth[o] = HeadPosition.locate(truths.get(i * OFFSETS.length + o));
                posed.add(samples.get(i * per + o));
                posedSubjects.add(subjects.get(i / directions.size()).gender());
                if (!Double.isNaN(gen[o].x())) {
                    errorPosed += distance(gen[o], truth[o]);
                    posedCount++;
                }
                if (!Double.isNaN(blank.x())) {
                    errorBlank += distance(blank, truth[o]);
                    blankCount++;
                }
            }
            if (!Double.isNaN(gen[0].x()) && !Double.isNaN(gen[1].x())) {
                shiftGenX += gen[1].x() - gen[0].x();
                shiftGenY += gen[1].y() - gen[0].y();
                shiftTruthX += truth[1].x() - truth[0].x();
                shiftTruthY += truth[1].y() - truth[0].y();
            }
        }

        DirectionClassifier judge = DirectionClassifier.of(stage.clip(), stage.manager());
        double[][] hits = hits(judge.classify(posed, posedSubjects), judge.classify(truths, posedSubjects));
        double[][] expressionHits;
        ExpressionReader.Fit readerFit;
        double sampleNone;
        double sdeditExpression = Double.NaN;
        double[] vaeExpression;
        // the faces are where the pose map puts them: the samples are read at their truth's face
        try (ExpressionReader reader = ExpressionReader.train(seed, readerSize.renders(), readerSize.steps(),
                readerSize.batch(), readerSize.heldOut(), null)) {
            readerFit = reader.fit();
            List<Direction> readSamples = reader.read(posed, faces);
            expressionHits = hits(readSamples, reader.read(truths, faces));
            sampleNone = noneShare(readSamples);
            vaeExpression = hits(reader.read(roundTrip(truths), faces), reader.read(truths, faces))[0];
            if (!edited.isEmpty()) {
                List<FaceRegion> firstPose = new ArrayList<>();
                for (int i = 0; i < edited.size(); i++) {
                    firstPose.add(faces.get(i * OFFSETS.length));
                }
                sdeditExpression = expressionShare(reader.read(edited, firstPose));
            }
        }
        int perDirection = subjects.size() * OFFSETS.length;
        List<DirectionRow> rows = new ArrayList<>();
        double accSamples = 0;
        double accTruths = 0;
        double expSamples = 0;
        double expTruths = 0;
        double expVae = 0;
        int expressionCount = 0;
        for (int d = 0; d < directions.size(); d++) {
            boolean expression = directions.get(d).kind() == Direction.Kind.EXPRESSION;
            rows.add(new DirectionRow(directions.get(d), hits[0][d] / perDirection, hits[1][d] / perDirection,
                    expression ? expressionHits[0][d] / perDirection : Double.NaN,
                    expression ? expressionHits[1][d] / perDirection : Double.NaN));
            accSamples += hits[0][d];
            accTruths += hits[1][d];
            if (expression) {
                expSamples += expressionHits[0][d];
                expTruths += expressionHits[1][d];
                expVae += vaeExpression[d];
                expressionCount += perDirection;
            }
        }

        List<BufferedImage> references = subjects.stream().map(Subject::reference).toList();
        float[][] sampleIds = IdentityEmbeddings.of(posed, stage.clip().vision(), stage.mapper(), stage.manager());
        float[][] refIds = IdentityEmbeddings.of(references, stage.clip().vision(), stage.mapper(), stage.manager());
        double own = 0;
        double other = 0;
        for (int k = 0; k < posed.size(); k++) {
            int person = k / (OFFSETS.length * directions.size());
            own += IdentityEmbeddings.cosine(sampleIds[k], refIds[person]);
            other += IdentityEmbeddings.cosine(sampleIds[k], refIds[(person + 1) % subjects.size()]);
        }

        Map<String, Double> m = new LinkedHashMap<>();
        m.put("people", (double) subjects.size());
        m.put("samples", (double) samples.size());
        m.put("pose_gain_x", shiftGenX / shiftTruthX);
        m.put("pose_gain_y", shiftGenY / shiftTruthY);
        m.put("pose_error_px_with_pose", errorPosed / posedCount);
        m.put("pose_error_px_blank_pose", errorBlank / blankCount);
        m.put("direction_acc_samples", accSamples / posed.size());
        m.put("direction_acc_studio_truth", accTruths / posed.size());
        m.put("expression_acc_samples", expSamples / expressionCount);
        m.put("expression_acc_studio_truth", expTruths / expressionCount);
        m.put("expression_acc_vae_round_trip", expVae / expressionCount);
        m.put("expression_samples_read_as_none", sampleNone);
        if (!Double.isNaN(sdeditExpression)) {
            m.put("expression_acc_sdedit", sdeditExpression);
        }
        m.put("expression_reader_held_out_acc", readerFit.heldOutAccuracy());
        TextSeparation separation = TextSeparation.of(stage.tokenizer(), stage.clip().text(), stage.manager());
        m.put("text_distance_costumes", separation.costumes());
        m.put("text_distance_expressions", separation.expressions());
        if (stage.hasWordContext()) {
            TextSeparation context = TextSeparation.of((mm, prompts) -> stage.context(mm, prompts, null, null),
                    stage.manager());
            m.put("context_distance_costumes", context.costumes());
            m.put("context_distance_expressions", context.expressions());
        }
        m.put("identity_cos_own_reference", own / posed.size());
        m.put("identity_cos_other_reference", other / posed.size());
        if (sheet != null) {
            writeSheet(sheet, Math.min(sheetPeople, subjects.size()), samples, truths, maps, edited);
        }
        return new Result(m, rows);
    }

    /**
     * The truths encoded to latent means and decoded by the frozen autoencoder: the best any sample of the latent
     * model can look, so the reader's accuracy on them is the ceiling of {@code expression_acc_samples}.
     */
    private List<BufferedImage> roundTrip(List<BufferedImage> images) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i += 16) {
            try (NDManager m = stage.manager().newSubManager()) {
                List<BufferedImage> chunk = images.subList(i, Math.min(images.size(), i + 16));
                NDArray z = stage.vae().encodeMean(Batches.images(m, chunk));
                out.addAll(Batches.toImages(stage.vae().decode(z).clip(-1f, 1f)));
            }
        }
        return out;
    }

    private void writeSheet(Path png, int people, List<BufferedImage> samples, List<BufferedImage> truths,
                            List<BufferedImage> maps, List<BufferedImage> edited) throws IOException {
        int dirs = Direction.edits().size();
        int per = OFFSETS.length + 1;
        List<List<BufferedImage>> grid = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            for (int d = 0; d < dirs; d++) {
                int i = p * dirs + d;
                List<BufferedImage> row = new ArrayList<>();
                row.add(subjects.get(p).reference());
                for (int o = 0; o < OFFSETS.length; o++) {
                    BufferedImage map = maps.get(i * OFFSETS.length + o);
                    row.add(PoseImages.overlay(truths.get(i * OFFSETS.length + o), map));
                    row.add(PoseImages.overlay(samples.get(i * per + o), map));
                }
                row.add(samples.get(i * per + OFFSETS.length));
                if (!edited.isEmpty()) {
                    row.add(edited.get(i));
                }
                grid.add(row);
            }
        }
        Batches.writeGrid(png, grid);
    }

    /** Per direction: how many of the samples' readings [0] and of the truths' readings [1] are right. */
    private static double[][] hits(List<Direction> samples, List<Direction> truths) {
        List<Direction> directions = Direction.edits();
        double[][] out = new double[2][directions.size()];
        for (int k = 0; k < samples.size(); k++) {
            int d = (k / OFFSETS.length) % directions.size();
            out[0][d] += samples.get(k) == directions.get(d) ? 1 : 0;
            out[1][d] += truths.get(k) == directions.get(d) ? 1 : 0;
        }
        return out;
    }

    /** Of the samples prompted with an expression (posed, {@link #OFFSETS} per cell), the share read as none. */
    private static double noneShare(List<Direction> read) {
        List<Direction> directions = Direction.edits();
        int none = 0;
        int count = 0;
        for (int k = 0; k < read.size(); k++) {
            if (directions.get((k / OFFSETS.length) % directions.size()).kind() == Direction.Kind.EXPRESSION) {
                count++;
                none += read.get(k) == null ? 1 : 0;
            }
        }
        return (double) none / count;
    }

    /** Of the SDEdit cells (one per person and direction) prompted with an expression, the share read as it. */
    private static double expressionShare(List<Direction> read) {
        List<Direction> directions = Direction.edits();
        int hit = 0;
        int count = 0;
        for (int k = 0; k < read.size(); k++) {
            Direction d = directions.get(k % directions.size());
            if (d.kind() == Direction.Kind.EXPRESSION) {
                count++;
                hit += read.get(k) == d ? 1 : 0;
            }
        }
        return (double) hit / count;
    }

    static Pose pose(JsonNode p) {
        return new Pose(p.get("dx").asDouble(), p.get("dy").asDouble(), p.get("scale").asDouble(),
                p.get("rollDegrees").asDouble(), p.get("shoulderWidth").asDouble(), p.get("shoulderTilt").asDouble(),
                p.get("backdropColour").asInt(), Pose.Backdrop.valueOf(p.get("backdrop").asText()));
    }

    private static double distance(HeadPosition.Position a, HeadPosition.Position b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
