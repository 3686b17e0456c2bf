package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.maxAbs;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.likeness.mcdm.nn.clip.WordContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The word path around the text tower: starts as the identity on the tower's output and learns from the loss. */
class WordContextTest {

    @Test
    void startsAsTheTowerOutputAndItsProjectionGetsAGradient() {
        try (NDManager model = TinyFixtures.manager(3); NDManager step = NDManager.newBaseManager("PyTorch")) {
            WordContext words = TinyPresets.wordContext(16, model);
            NDArray tower = normal(step, 2, 5, 16);
            NDArray embeddings = normal(step, 2, 5, 16).mul(0.05f);
            assertThat(maxAbs(words.apply(tower, embeddings).sub(tower))).isZero();

            NDArray target = normal(step, 2, 5, 16);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(words.apply(tower, embeddings).sub(target).square().mean());
            }
            Map<String, Parameter> p = words.namedParameters();
            assertThat(p).containsOnlyKeys("norm.weight", "norm.bias", "projection.weight");
            assertThat(maxAbs(p.get("projection.weight").getArray().getGradient())).isGreaterThan(0f);
        }
    }

    @Test
    void separatesWordsTheTowerMergedOnceItsProjectionIsTrained() {
        try (NDManager model = TinyFixtures.manager(4); NDManager step = NDManager.newBaseManager("PyTorch")) {
            WordContext words = TinyPresets.wordContext(16, model);
            // a projection that is no longer zero: the context now depends on the words themselves
            words.namedParameters().get("projection.weight").getArray().set(normal(step, 16, 16).toFloatArray());
            NDArray tower = normal(step, 1, 5, 16);
            NDArray angry = normal(step, 1, 5, 16).mul(0.02f);
            NDArray laughing = normal(step, 1, 5, 16).mul(0.02f);
            NDArray a = words.apply(tower, angry);
            NDArray b = words.apply(tower, laughing);
            // the same tower output (a tower that merged the two words) gives two different contexts
            assertThat(maxAbs(a.sub(b))).isGreaterThan(0.5f);
            // the LayerNorm makes the path insensitive to the embeddings' scale (token tables start at std 0.02)
            NDArray unit = normal(step, 1, 5, 16);
            assertThat(maxAbs(words.apply(tower, unit.mul(10f)).sub(words.apply(tower, unit)))).isLessThan(1e-3f);
        }
    }
}
