package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.sampling.DdimSampler;
import io.likeness.mcdm.sampling.SamplerRun;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.StepRandom;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples of the base model: DDIM, classifier-free guidance 7.5 unless told otherwise (the unconditional branch
 * keeps the pose map), each cell with its prompt, person (identity reference and pose map), conditions and noise
 * index; up to 16 cells per forward. Used by the sample grid, the evaluation and {@link BaseProbe}.
 */
final class BaseSampler {

    static final float GUIDANCE = 7.5f;

    /** A validation person: another render as identity reference, the pose map of the shot, the subject word. */
    record Person(BufferedImage reference, BufferedImage pose, String gender) {
    }

    record Cell(String prompt, Person person, boolean identity, boolean pose, int noise) {
    }

    private final BaseStage stage;
    private final int steps;
    private final float guidance;

    BaseSampler(BaseStage stage, int steps) {
        this(stage, steps, GUIDANCE);
    }

    BaseSampler(BaseStage stage, int steps, float guidance) {
        this.stage = stage;
        this.steps = steps;
        this.guidance = guidance;
    }

    BaseStage stage() {
        return stage;
    }

    /** The first {@code n} validation people: reference = view b, pose = the pose map of view a. */
    static List<Person> people(Path validation, int n) throws IOException {
        List<Person> people = new ArrayList<>();
        for (Sample s : ViewStream.firstSamples(validation, n)) {
            JsonNode j = s.json();
            people.add(new Person(s.image("b.png"), s.image("a.pose.png"),
                    j.get("description").asText().startsWith("a woman") ? "woman" : "man"));
        }
        return people;
    }

    List<BufferedImage> sampleAll(List<Cell> cells, long seed) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i += 16) {
            out.addAll(sample(cells.subList(i, Math.min(cells.size(), i + 16)), seed));
        }
        return out;
    }

    private List<BufferedImage> sample(List<Cell> cells, long seed) {
        try (NDManager m = stage.manager().newSubManager()) {
            int n = cells.size();
            List<String> prompts = new ArrayList<>();
            List<BufferedImage> refs = new ArrayList<>();
            List<BufferedImage> poses = new ArrayList<>();
            boolean[] withIdentity = new boolean[n];
            boolean[] blank = new boolean[n];
            float[] noise = new float[n * 4 * 16 * 16];
            for (int i = 0; i < n; i++) {
                Cell c = cells.get(i);
                Person p = c.person();
                prompts.add(c.prompt());
                refs.add(p.reference());
                poses.add(p.pose());
                withIdentity[i] = c.identity();
                blank[i] = !c.pose();
                float[] z = StepRandom.normal(m, StepRandom.of(seed, c.noise(), 7), new Shape(4 * 16 * 16))
                        .toFloatArray();
                System.arraycopy(z, 0, noise, i * z.length, z.length);
            }
            NDArray words = stage.conditioner().identityWords(Batches.images(m, refs));
            NDArray cond = stage.context(m, prompts, words, withIdentity);
            List<String> empty = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                empty.add("");
            }
            NDArray uncond = stage.context(m, empty, null, null);
            NDArray ctx = cond.concat(uncond, 0);
            NDArray poseImages = PoseImages.batch(m, poses, blank);
            NDArray pose2 = poseImages.concat(poseImages, 0);
            NDArray x = m.create(noise, new Shape(n, 4, 16, 16));
            DdimSampler ddim = DdimSampler.stableDiffusion(stage.schedule());
            try (SamplerRun run = ddim.newRun(m, steps)) {
                for (int t : run.timesteps()) {
                    try (NDManager step = m.newSubManager()) {
                        NDArray xs = x.concat(x, 0);
                        xs.attach(step);
                        NDArray tt = step.full(new Shape(2L * n), (float) t);
                        PoseControlNet.Residuals r = stage.pose().forward(xs, tt, ctx, pose2, 1f);
                        NDArray eps = stage.unet().forward(xs, tt, ctx, r.down(), r.mid());
                        NDArray ec = eps.get("0:" + n);
                        NDArray eu = eps.get(n + ":");
                        NDArray guided = eu.add(ec.sub(eu).mul(guidance));
                        NDArray next = run.step(guided, t, x);
                        next.attach(m);
                        x = next;
                    }
                }
            }
            return Batches.toImages(stage.vae().decode(x).clip(-1f, 1f));
        }
    }
}
