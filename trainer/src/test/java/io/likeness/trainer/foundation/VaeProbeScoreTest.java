package io.likeness.trainer.foundation;

import static io.likeness.trainer.studio.Direction.ANGRY;
import static io.likeness.trainer.studio.Direction.CRYING;
import static io.likeness.trainer.studio.Direction.LAUGHING;
import static io.likeness.trainer.studio.Direction.SHOCKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.likeness.trainer.studio.Direction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeProbeScoreTest {

    @Test
    void scoresEachExpressionOnItsOwnFacesAndNeutralsApart() {
        // truth: two people, neutral then the four expressions (null = neutral, as the probe renders them)
        List<Direction> truth = Arrays.asList(null, ANGRY, SHOCKED, LAUGHING, CRYING,
                null, ANGRY, SHOCKED, LAUGHING, CRYING);
        List<Direction> read = Arrays.asList(null, null, SHOCKED, LAUGHING, CRYING,
                SHOCKED, ANGRY, SHOCKED, CRYING, CRYING);

        VaeProbe.Score s = VaeProbe.Score.of(truth, read);

        assertThat(s.expressionAcc()).isEqualTo(6 / 8.0);
        assertThat(s.neutralReadAsNone()).isEqualTo(0.5);
        assertThat(s.perExpression()).containsExactly(
                entry(ANGRY, 0.5),
                entry(SHOCKED, 1.0),
                entry(LAUGHING, 0.5),
                entry(CRYING, 1.0));
    }

    @Test
    void leavesOutExpressionsWithNoFacesAndRefusesMismatchedLists() {
        VaeProbe.Score s = VaeProbe.Score.of(Arrays.asList(null, CRYING), Arrays.asList(null, ANGRY));

        assertThat(s.perExpression()).containsOnlyKeys(CRYING);
        assertThat(s.perExpression().get(CRYING)).isZero();
        assertThat(s.neutralReadAsNone()).isEqualTo(1.0);
        assertThatThrownBy(() -> VaeProbe.Score.of(List.of(ANGRY), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 truths but 0 readings");
    }
}
