package io.likeness.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private final PromotionGate gate = PromotionGate.standard();

    @Test
    void withoutAnActiveModelTheCandidateIsPromoted() {
        PromotionGate.Decision d = gate.evaluate(Map.of("val_ssim", 0.1), Optional.empty());
        assertThat(d.promote()).isTrue();
        assertThat(d.reasons()).singleElement().asString().contains("no active model");
    }

    @Test
    void aDropWithinTheToleranceIsNoRegression() {
        PromotionGate.Decision d = gate.evaluate(Map.of("val_ssim", 0.895, "val_psnr_db", 24.9),
                Optional.of(Map.of("val_ssim", 0.90, "val_psnr_db", 25.0)));
        assertThat(d.promote()).isTrue();
        assertThat(d.reasons()).hasSize(2);
    }

    @Test
    void aDropBeyondTheToleranceRefusesAndSaysWhichMetric() {
        PromotionGate.Decision d = gate.evaluate(Map.of("val_ssim", 0.80, "val_psnr_db", 26.0, "mask-iou", 0.7),
                Optional.of(Map.of("val_ssim", 0.90, "val_psnr_db", 25.0, "mask-iou", 0.7)));
        assertThat(d.promote()).isFalse();
        assertThat(d.reasons()).singleElement().asString().startsWith("val_ssim").contains("regressed");
    }

    @Test
    void unknownAndOneSidedMetricsAreIgnored() {
        PromotionGate.Decision d = gate.evaluate(Map.of("loss", 9.0, "steps", 1.0, "identity_cosine", 0.5),
                Optional.of(Map.of("loss", 0.1, "steps", 5000.0, "fidelity", 0.99)));
        assertThat(d.promote()).isTrue();
        assertThat(d.reasons()).singleElement().asString().contains("no comparable metric");
    }

    @Test
    void aNonFiniteCandidateValueIsARegression() {
        assertThat(gate.evaluate(Map.of("ssim", Double.NaN), Optional.of(Map.of("ssim", 0.5))).promote()).isFalse();
    }

    @Test
    void higherIsBetterIsReadFromNameTokens() {
        assertThat(PromotionGate.higherIsBetter("val_psnr_db")).isTrue();
        assertThat(PromotionGate.higherIsBetter("mask.iou")).isTrue();
        assertThat(PromotionGate.higherIsBetter("identity")).isTrue();
        assertThat(PromotionGate.higherIsBetter("psnrloss")).isFalse();
        assertThat(PromotionGate.higherIsBetter("train_seconds")).isFalse();
    }

    @Test
    void toleranceMustBeAFraction() {
        assertThatThrownBy(() -> new PromotionGate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PromotionGate(0).evaluate(Map.of("ssim", 0.4999), Optional.of(Map.of("ssim", 0.5))).promote())
                .isFalse();
    }
}
