package io.likeness.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CooldownTest {

    @Test
    void constantUntilTheLastStepsThenOneMinusSquareRootToZero() {
        Cooldown c = new Cooldown(100, 20);
        assertThat(c.start()).isEqualTo(80);
        assertThat(c.factor(0)).isEqualTo(1.0);
        assertThat(c.factor(79)).isEqualTo(1.0);
        assertThat(c.factor(80)).isEqualTo(1.0);
        assertThat(c.factor(85)).isCloseTo(0.5, within(1e-12));
        assertThat(c.factor(90)).isCloseTo(1 - Math.sqrt(0.5), within(1e-12));
        assertThat(c.factor(99)).isCloseTo(1 - Math.sqrt(19.0 / 20), within(1e-12)).isPositive();
        assertThat(c.factor(100)).isZero();
        assertThat(c.factor(500)).isZero();
    }

    @Test
    void noCooldownKeepsTheRateConstant() {
        assertThat(Cooldown.NONE.factor(0)).isEqualTo(1.0);
        assertThat(new Cooldown(50, 0).factor(49)).isEqualTo(1.0);
    }

    @Test
    void aCooldownLongerThanTheRunIsRefused() {
        assertThatThrownBy(() -> new Cooldown(10, 11)).hasMessageContaining("does not fit a run of 10");
        assertThatThrownBy(() -> new TrainingLoop.Options(java.nio.file.Path.of("r"), 10, 2, 0, null, 1,
                TrainingLoop.ProgressMode.NONE, "v", "c", 1, 11)).hasMessageContaining("between 0 and the run's 10");
    }

    @Test
    void theOptimizerTakesTheFactorOnItsRate() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                AdamW opt = new AdamW(AdamW.Settings.of(1e-3, 1), java.util.Map.of(), m)) {
            assertThat(opt.learningRate()).isEqualTo(1e-3);
            opt.scale(0.25);
            assertThat(opt.learningRate()).isCloseTo(2.5e-4, within(1e-15));
            assertThatThrownBy(() -> opt.scale(1.5)).hasMessageContaining("[0, 1]");
        }
    }
}
