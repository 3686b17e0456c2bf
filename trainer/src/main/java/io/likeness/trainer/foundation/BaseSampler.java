package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.sampling.DdimSampler;
import io.likeness.mcdm.sampling.NoisePredictor;
import io.likeness.mcdm.sampling.NoiseSource;
import io.likeness.mcdm.sampling.SamplerRun;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.pairs.PairSynthesizer;
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

    /**
     * One sample. With a {@code start} image the sample is SDEdit-style (Meng et al., 2022): the image's latent is
     * noised to the strength given to {@link #sampleAll(List, long, double)} and denoised from there. The guidance
     * pushes away from the {@code negative} prompt ("" = the unconditional prediction, as in training's condition
     * dropout; a caption = a negative prompt, Composable Diffusion's negation, without identity words).
     */
    record Cell(String prompt, Person person, boolean identity, boolean pose, int noise, BufferedImage start,
                String negative) {
        Cell {
            if (negative == null) {
                throw new IllegalArgumentException("negative prompt: use \"\" for the unconditional prediction");
            }
        }

        Cell(String prompt, Person person, boolean identity, boolean pose, int noise) {
            this(prompt, person, identity, pose, noise, null, "");
        }

        Cell(String prompt, Person person, boolean identity, boolean pose, int noise, BufferedImage start) {
            this(prompt, person, identity, pose, noise, start, "");
        }

        /** This cell guided away from {@code negative} instead of from the unconditional prediction. */
        Cell against(String negative) {
            return new Cell(prompt, person, identity, pose, noise, start, negative);
        }
    }

    private final BaseStage stage;
    private final int steps;
    private final float guidance;
    private final boolean stochastic;

    BaseSampler(BaseStage stage, int steps) {
        this(stage, steps, GUIDANCE, false);
    }

    /**
     * @param steps      sampler steps (pair generation's Karras sampler takes {@link PairSynthesizer#STEPS})
     * @param stochastic sample as pair generation does (Karras/EDM Heun, S_churn 40) instead of DDIM; SDEdit
     *                   cells always use DDIM with the same steps
     */
    BaseSampler(BaseStage stage, int steps, float guidance, boolean stochastic) {
        this.stage = stage;
        this.steps = steps;
        this.guidance = guidance;
        this.stochastic = stochastic;
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
        return sampleAll(cells, seed, 1.0);
    }

    /**
     * @param strength for cells with a start image, the fraction of the schedule to denoise (SDEdit): their
     *                 latent is noised to the first DDIM timestep at or below strength × 1000; 1 = from pure noise
     */
    List<BufferedImage> sampleAll(List<Cell> cells, long seed, double strength) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i += 16) {
            out.addAll(sample(cells.subList(i, Math.min(cells.size(), i + 16)), seed, strength));
        }
        return out;
    }

    /**
     * The denoised latents (scaled, as the autoencoder decodes them) of {@code cells}, in order, attached to
     * {@code into}: the denoising of {@link #sampleAll(List, long, double)}, except that each chunk of 16 cells
     * draws its own noise ({@code seed + offset}). Used for the decoder fine-tune on generated latents
     * ({@link GeneratedLatents}).
     */
    NDArray latentsAll(List<Cell> cells, long seed, double strength, NDManager into) {
        NDList parts = new NDList();
        for (int i = 0; i < cells.size(); i += 16) {
            try (NDManager m = stage.manager().newSubManager()) {
                NDArray x = denoise(m, cells.subList(i, Math.min(cells.size(), i + 16)), seed + i, strength);
                x.attach(into);
                parts.add(x);
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    private List<BufferedImage> sample(List<Cell> cells, long seed, double strength) {
        try (NDManager m = stage.manager().newSubManager()) {
            return Batches.toImages(stage.vae().decode(denoise(m, cells, seed, strength)).clip(-1f, 1f));
        }
    }

    private NDArray denoise(NDManager m, List<Cell> cells, long seed, double strength) {
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
        NDArray uncond = stage.context(m, cells.stream().map(Cell::negative).toList(), null, null);
        NDArray ctx = cond.concat(uncond, 0);
        NDArray poseImages = PoseImages.batch(m, poses, blank);
        NDArray pose2 = poseImages.concat(poseImages, 0);
        NDArray x = m.create(noise, new Shape(n, 4, 16, 16));
        long started = cells.stream().filter(c -> c.start() != null).count();
        if (started != 0 && started != cells.size()) {
            throw new IllegalArgumentException("sample cells with and without a start image separately");
        }
        if (stochastic && started == 0) {
            NoisePredictor predictor = (z, t) -> {
                try (NDManager step = m.newSubManager()) {
                    NDArray guided = guidedNoise(step, z, (float) t, ctx, pose2, n);
                    guided.attach(z.getManager());
                    return guided;
                }
            };
            x = PairSynthesizer.sampler(stage.schedule()).sampleLatent(predictor, stage.schedule(), x,
                    steps, NoiseSource.seeded(seed ^ cells.get(0).noise()));
        } else {
            x = ddim(m, cells, x, started > 0 ? strength : 1.0, ctx, pose2, n);
        }
        return x;
    }

    /** DDIM, optionally SDEdit-style from the cells' start images noised to {@code strength}. */
    private NDArray ddim(NDManager m, List<Cell> cells, NDArray x, double strength, NDArray ctx, NDArray pose2,
                         int n) {
        DdimSampler ddim = DdimSampler.stableDiffusion(stage.schedule());
        try (SamplerRun run = ddim.newRun(m, steps)) {
            int first = Integer.MAX_VALUE;
            if (strength < 1.0) {
                first = firstTimestep(run.timesteps(), strength);
                x = startLatents(m, cells, x, first);
            }
            for (int t : run.timesteps()) {
                if (t > first) {
                    continue;
                }
                try (NDManager step = m.newSubManager()) {
                    NDArray next = run.step(guidedNoise(step, x, t, ctx, pose2, n), t, x);
                    next.attach(m);
                    x = next;
                }
            }
            return x;
        }
    }

    /**
     * ε̂ = ε_u + w·(ε_c − ε_u), both rows in one forward; the unconditional row (or the negative prompt's) keeps the
     * pose map.
     */
    private NDArray guidedNoise(NDManager step, NDArray x, float t, NDArray ctx, NDArray pose2, int n) {
        NDArray xs = x.concat(x, 0);
        xs.attach(step);
        NDArray tt = step.full(new Shape(2L * n), t);
        PoseControlNet.Residuals r = stage.pose().forward(xs, tt, ctx, pose2, 1f);
        NDArray eps = stage.unet().forward(xs, tt, ctx, r.down(), r.mid());
        NDArray ec = eps.get("0:" + n);
        NDArray eu = eps.get(n + ":");
        return eu.add(ec.sub(eu).mul(guidance));
    }

    private static int firstTimestep(int[] timesteps, double strength) {
        for (int t : timesteps) {
            if (t <= strength * 1000) {
                return t;
            }
        }
        throw new IllegalArgumentException("strength " + strength + " leaves no denoising step");
    }

    /** x_t = α_t·z₀ + σ_t·noise for cells with a start image (z₀ its latent mean); the others keep pure noise. */
    private NDArray startLatents(NDManager m, List<Cell> cells, NDArray noise, int t) {
        NDList rows = new NDList();
        for (int i = 0; i < cells.size(); i++) {
            BufferedImage start = cells.get(i).start();
            NDArray z = noise.get(i);
            if (start != null) {
                NDArray z0 = stage.vae().encodeMean(Batches.images(m, List.of(start))).get(0);
                z = z0.mul((float) stage.schedule().alpha(t)).add(z.mul((float) stage.schedule().sigma(t)));
            }
            rows.add(z);
        }
        return NDArrays.stack(rows, 0);
    }
}
