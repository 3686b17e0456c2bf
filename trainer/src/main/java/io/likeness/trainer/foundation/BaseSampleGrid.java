package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.sampling.DdimSampler;
import io.likeness.mcdm.sampling.SamplerRun;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.StepRandom;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The base model's picture: rows = the eight directions ("a man, Santa Claus costume", …); for each of two
 * validation people, columns = identity reference, pose map, then samples from text only, text + pose,
 * text + identity words, text + identity words + pose. The four samples of a row and person start from the same
 * noise, so the columns show what each condition adds. DDIM, 25 steps, classifier-free guidance 7.5 (the
 * unconditional branch keeps the pose map).
 */
final class BaseSampleGrid {

    static final int STEPS = 25;
    static final float GUIDANCE = 7.5f;

    private record Person(BufferedImage reference, BufferedImage pose, String gender) {
    }

    private record Cell(String prompt, int person, boolean identity, boolean pose, int noise) {
    }

    private final List<Person> people = new ArrayList<>();
    private final BaseStage stage;
    private final int steps;

    BaseSampleGrid(Path validation, BaseStage stage, int steps) throws IOException {
        this.stage = stage;
        this.steps = steps;
        for (Sample s : ViewStream.firstSamples(validation, 2)) {
            JsonNode j = s.json();
            people.add(new Person(s.image("b.png"), s.image("a.pose.png"),
                    j.get("description").asText().startsWith("a woman") ? "woman" : "man"));
        }
    }

    void write(Path png, long seed) throws IOException {
        List<Cell> cells = new ArrayList<>();
        List<Direction> rows = Direction.edits();
        for (int r = 0; r < rows.size(); r++) {
            for (int p = 0; p < people.size(); p++) {
                String prompt = Captions.single(people.get(p).gender(), rows.get(r).phrase());
                int noise = r * people.size() + p;
                cells.add(new Cell(prompt, p, false, false, noise));
                cells.add(new Cell(prompt, p, false, true, noise));
                cells.add(new Cell(prompt, p, true, false, noise));
                cells.add(new Cell(prompt, p, true, true, noise));
            }
        }
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i += 16) {
            out.addAll(sample(cells.subList(i, Math.min(cells.size(), i + 16)), seed));
        }
        List<List<BufferedImage>> grid = new ArrayList<>();
        int k = 0;
        for (int r = 0; r < rows.size(); r++) {
            List<BufferedImage> row = new ArrayList<>();
            for (Person person : people) {
                row.add(person.reference());
                row.add(person.pose());
                for (int v = 0; v < 4; v++) {
                    row.add(out.get(k++));
                }
            }
            grid.add(row);
        }
        Batches.writeGrid(png, grid);
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
                Person p = people.get(c.person());
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
                        NDArray guided = eu.add(ec.sub(eu).mul(GUIDANCE));
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
