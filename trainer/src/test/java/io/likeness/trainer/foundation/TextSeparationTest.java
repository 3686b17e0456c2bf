package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.likeness.trainer.studio.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSeparationTest {

    @Test
    void relativeDistanceIsTheDifferenceOverTheFirstNorm() {
        assertThat(TextSeparation.relativeDistance(new float[] {3, 4}, new float[] {3, 4})).isZero();
        assertThat(TextSeparation.relativeDistance(new float[] {3, 4}, new float[] {0, 0})).isCloseTo(1.0, within(1e-9));
        assertThat(TextSeparation.relativeDistance(new float[] {3, 4}, new float[] {3, 5})).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void averagesWithinOneKindOnly() {
        List<Direction> directions = Direction.edits();
        float[][] c = new float[directions.size()][];
        int expression = 0;
        for (int i = 0; i < c.length; i++) {
            if (directions.get(i).kind() == Direction.Kind.COSTUME) {
                c[i] = new float[] {1, 0};       // all costumes the same context
            } else {
                c[i] = expression++ == 0 ? new float[] {0, 1} : new float[] {0, 2};
            }
        }
        assertThat(TextSeparation.within(c, directions, Direction.Kind.COSTUME)).isZero();
        // expressions: one at (0,1), three at (0,2). Ordered pairs: 3 from the first (|1|/1 = 1), 3 towards it
        // (|1|/2 = 0.5), 6 among the three (0): (3 + 1.5) / 12
        assertThat(TextSeparation.within(c, directions, Direction.Kind.EXPRESSION)).isCloseTo(4.5 / 12, within(1e-9));
    }
}
