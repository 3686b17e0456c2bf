package io.likeness.trainer.foundation;

import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The base model's picture: rows = the eight directions ("a man, Santa Claus costume", …); for each of two
 * validation people, columns = identity reference, pose map, then samples from text only, text + pose,
 * text + identity words, text + identity words + pose. The four samples of a row and person start from the same
 * noise, so the columns show what each condition adds. During training: DDIM, 25 steps, classifier-free guidance
 * 7.5 (the unconditional branch keeps the pose map);
 * {@link #write(BaseStage, Path, int, float, boolean, boolean, Path, long)} draws it for a finished checkpoint with
 * other samplers, guidance scales, negative prompts and seeds.
 */
public final class BaseSampleGrid {

    public static final int STEPS = 25;

    private final List<BaseSampler.Person> people;
    private final BaseSampler sampler;

    BaseSampleGrid(Path validation, BaseStage stage, int steps) throws IOException {
        this(validation, new BaseSampler(stage, steps));
    }

    private BaseSampleGrid(Path validation, BaseSampler sampler) throws IOException {
        this.sampler = sampler;
        this.people = BaseSampler.people(validation, 2);
    }

    /**
     * The grid of a trained base model ({@code probe grid}): with DDIM, {@code steps} steps, guidance 7.5 and the
     * run's seed it is the grid the training wrote at its end; {@code stochastic} samples as pair generation does
     * (Karras/EDM Heun, S_churn 40), and other seeds draw other noise. With {@code negativeSource} each row is
     * guided away from its task's source caption ("a man, neutral expression" for an expression row) instead of
     * from the unconditional prediction: a negative prompt, so the guidance amplifies the edit itself.
     */
    public static void write(BaseStage stage, Path validation, int steps, float guidance, boolean stochastic,
                             boolean negativeSource, Path png, long seed) throws IOException {
        new BaseSampleGrid(validation, new BaseSampler(stage, steps, guidance, stochastic))
                .write(png, seed, negativeSource);
    }

    void write(Path png, long seed) throws IOException {
        write(png, seed, false);
    }

    private void write(Path png, long seed, boolean negativeSource) throws IOException {
        List<BaseSampler.Cell> cells = new ArrayList<>();
        List<Direction> rows = Direction.edits();
        for (int r = 0; r < rows.size(); r++) {
            for (int p = 0; p < people.size(); p++) {
                BaseSampler.Person person = people.get(p);
                String prompt = Captions.single(person.gender(), rows.get(r).phrase());
                String negative = negativeSource ? Captions.single(person.gender(), rows.get(r).sourcePhrase()) : "";
                int noise = r * people.size() + p;
                cells.add(new BaseSampler.Cell(prompt, person, false, false, noise).against(negative));
                cells.add(new BaseSampler.Cell(prompt, person, false, true, noise).against(negative));
                cells.add(new BaseSampler.Cell(prompt, person, true, false, noise).against(negative));
                cells.add(new BaseSampler.Cell(prompt, person, true, true, noise).against(negative));
            }
        }
        List<BufferedImage> out = sampler.sampleAll(cells, seed);
        List<List<BufferedImage>> grid = new ArrayList<>();
        int k = 0;
        for (int r = 0; r < rows.size(); r++) {
            List<BufferedImage> row = new ArrayList<>();
            for (BaseSampler.Person person : people) {
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
}
