package io.likeness.trainer.mcdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.foundation.BaseProbe;
import io.likeness.trainer.foundation.ExpressionReader;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.PairRenderer;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionFidelityTest {

    @Test
    void theExactEditsReadAsTheirExpressionAndUneditedSourcesDoNot() {
        List<PairRenderer.Pair> cases = StudioEditCases.cases(Split.TEST, 6, 11);
        BaseProbe.ReaderSize size = BaseProbe.ReaderSize.standard();
        try (ExpressionReader reader = ExpressionReader.train(11, size.renders(), size.steps(), size.batch(),
                size.heldOut(), null)) {
            List<BufferedImage> exact = cases.stream().map(PairRenderer.Pair::b).toList();
            List<BufferedImage> unedited = cases.stream().map(PairRenderer.Pair::a).toList();

            ExpressionFidelity.Reading right = ExpressionFidelity.of(reader, cases, exact);
            ExpressionFidelity.Reading none = ExpressionFidelity.of(reader, cases, unedited);

            // only the expression cases count: 6 people x 4 expressions, costumes left out
            assertThat(right.cases()).isEqualTo(24);
            assertThat(right.perDirection()).containsOnlyKeys(Direction.ANGRY, Direction.SHOCKED,
                    Direction.LAUGHING, Direction.CRYING);
            assertThat(right.share()).isGreaterThan(0.6);
            assertThat(none.share()).isLessThan(0.2);
        }
    }

    @Test
    void outputsMustMatchTheCases() {
        List<PairRenderer.Pair> cases = StudioEditCases.cases(Split.TEST, 1, 11);
        assertThatThrownBy(() -> ExpressionFidelity.of(null, cases, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 cases but 0 outputs");
    }
}
