package io.likeness.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {

    /** Reference AdamW in doubles for one scalar weight w of a matrix-shaped parameter (decay applies). */
    private static double[] reference(double w, double[] grads, double lr, double wd, int warmup) {
        double m = 0;
        double v = 0;
        double[] out = new double[grads.length];
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            double rate = lr * Math.min(1.0, t / (double) warmup);
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            w *= 1 - rate * wd;
            w -= rate * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            out[t - 1] = w;
        }
        return out;
    }

    private static Parameter parameter(NDManager m, float value) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        p.setArray(m.create(new float[] {value}, new Shape(1, 1)));
        p.getArray().setRequiresGradient(true);
        return p;
    }

    @Test
    void matchesTheReferenceUpdateRuleWithWarmupAndDecoupledDecay() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, 1.5f);
            AdamW opt = new AdamW(new AdamW.Settings(0.1, 0.9, 0.999, 1e-8, 0.01, 3, 0), Map.of("w", p), m);
            double[] grads = new double[5];
            for (int step = 0; step < 5; step++) {
                try (NDManager s = m.newSubManager()) {
                    float w = p.getArray().getFloat();
                    grads[step] = 2 * (w - 0.5); // d/dw (w − 0.5)²
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = p.getArray().sub(0.5f).square().sum();
                        gc.backward(loss);
                    }
                    opt.update(s);
                }
            }
            // replay the reference with the gradients the optimizer saw
            double[] ref = reference(1.5, grads, 0.1, 0.01, 3);
            assertThat((double) p.getArray().getFloat()).isCloseTo(ref[4], within(1e-5));
            assertThat(opt.steps()).isEqualTo(5);
        }
    }

    @Test
    void nonFiniteGradientsSkipTheUpdateAndLeaveTheWeightsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, 2f);
            AdamW opt = new AdamW(AdamW.Settings.of(0.1, 1), Map.of("w", p), m);
            try (NDManager s = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(p.getArray().mul(Float.POSITIVE_INFINITY).sum());
                }
                double norm = opt.update(s);
                assertThat(Double.isFinite(norm)).isFalse();
            }
            assertThat(p.getArray().getFloat()).isEqualTo(2f);
            assertThat(opt.steps()).isZero();
            assertThat(opt.skipped()).isEqualTo(1);
            assertThat(p.getArray().getGradient().getFloat()).as("gradient zeroed").isZero();
        }
    }

    @Test
    void savedStateRestoresTheSameFutureUpdates(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, 1f);
            Parameter b = parameter(m, 1f);
            AdamW optA = new AdamW(AdamW.Settings.of(0.05, 2), Map.of("w", a), m);
            AdamW optB = new AdamW(AdamW.Settings.of(0.05, 2), Map.of("w", b), m);
            for (int i = 0; i < 3; i++) {
                step(m, a, optA);
            }
            optA.save(dir.resolve("opt.ndlist"));
            assertThat(Files.size(dir.resolve("opt.ndlist"))).isPositive();
            b.getArray().set(new float[] {a.getArray().getFloat()});
            optB.load(dir.resolve("opt.ndlist"));
            assertThat(optB.steps()).isEqualTo(3);
            step(m, a, optA);
            step(m, b, optB);
            assertThat(b.getArray().getFloat()).isEqualTo(a.getArray().getFloat());
        }
    }

    private static void step(NDManager m, Parameter p, AdamW opt) {
        try (NDManager s = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.getArray().sub(3f).square().sum());
            }
            opt.update(s);
        }
    }
}
