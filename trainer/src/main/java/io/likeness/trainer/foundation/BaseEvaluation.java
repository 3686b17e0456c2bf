package io.likeness.trainer.foundation;

import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base model's numbers, judged by the frozen encoders on validation people × the eight directions, each
 * sampled twice from the same noise with the person's pose map: with and without the person's identity words.
 * <ul>
 *   <li>{@code val_direction_acc[_no_identity]}: the zero-shot {@link DirectionClassifier} reads the prompted
 *       direction in the sample (chance 1/9);</li>
 *   <li>{@code val_identity_cos_with_words} / {@code _without_words}: identity-word cosine of the sample and the
 *       person's reference render; {@code val_identity_cos_other_person}: the same for another person's reference,
 *       the floor the words must rise above.</li>
 * </ul>
 */
final class BaseEvaluation {

    private final BaseSampler sampler;
    private final List<BaseSampler.Person> people;

    BaseEvaluation(Path validation, BaseStage stage, int people, int steps) throws IOException {
        this.sampler = new BaseSampler(stage, steps);
        this.people = BaseSampler.people(validation, people);
    }

    Map<String, Double> run(long seed) {
        List<BaseSampler.Cell> cells = new ArrayList<>();
        List<Direction> directions = Direction.edits();
        for (int p = 0; p < people.size(); p++) {
            for (int d = 0; d < directions.size(); d++) {
                BaseSampler.Person person = people.get(p);
                String prompt = Captions.single(person.gender(), directions.get(d).phrase());
                int noise = 1000 + p * directions.size() + d;
                cells.add(new BaseSampler.Cell(prompt, person, true, true, noise));
                cells.add(new BaseSampler.Cell(prompt, person, false, true, noise));
            }
        }
        List<BufferedImage> samples = sampler.sampleAll(cells, seed);
        BaseStage stage = sampler.stage();
        List<String> subjects = cells.stream().map(c -> c.person().gender()).toList();
        List<Direction> read = DirectionClassifier.of(stage.clip(), stage.manager()).classify(samples, subjects);
        List<BufferedImage> references = people.stream().map(BaseSampler.Person::reference).toList();
        float[][] sampleIds = IdentityEmbeddings.of(samples, stage.clip().vision(), stage.mapper(), stage.manager());
        float[][] refIds = IdentityEmbeddings.of(references, stage.clip().vision(), stage.mapper(), stage.manager());

        double[] acc = new double[2];
        double[] cos = new double[2];
        double other = 0;
        int perVariant = cells.size() / 2;
        for (int i = 0; i < cells.size(); i++) {
            int variant = i % 2; // 0 = with identity words, 1 = without
            int person = i / (2 * directions.size());
            int direction = (i / 2) % directions.size();
            acc[variant] += read.get(i) == directions.get(direction) ? 1 : 0;
            cos[variant] += IdentityEmbeddings.cosine(sampleIds[i], refIds[person]);
            if (variant == 0) {
                other += IdentityEmbeddings.cosine(sampleIds[i], refIds[(person + 1) % people.size()]);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("val_samples", (double) cells.size());
        out.put("val_direction_acc", acc[0] / perVariant);
        out.put("val_direction_acc_no_identity", acc[1] / perVariant);
        out.put("val_identity_cos_with_words", cos[0] / perVariant);
        out.put("val_identity_cos_without_words", cos[1] / perVariant);
        out.put("val_identity_cos_other_person", other / perVariant);
        return out;
    }
}
