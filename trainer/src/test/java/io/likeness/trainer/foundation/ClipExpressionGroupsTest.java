package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClipExpressionGroupsTest {

    @Test
    void eachGroupIsOnePersonNeutralAndInTheFourExpressions() {
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        ClipStage.addExpressionGroups(2, new SplittableRandom(5), images, captions);

        assertThat(images).hasSize(10);
        assertThat(captions).hasSize(10);
        for (int g = 0; g < 2; g++) {
            List<String> group = captions.subList(5 * g, 5 * g + 5);
            String subject = group.get(0).substring(0, group.get(0).indexOf(','));
            assertThat(group).allMatch(c -> c.startsWith(subject + ", "));
            assertThat(group.stream().map(c -> c.substring(c.indexOf(", ") + 2)).toList())
                    .containsExactlyInAnyOrder("neutral expression", "angry", "shocked", "laughing", "crying");
            // same person and pose: the renders differ, but only a little (the face)
            BufferedImage neutral = images.get(5 * g);
            for (int k = 1; k < 5; k++) {
                double changed = changedShare(neutral, images.get(5 * g + k));
                assertThat(changed).isGreaterThan(0.0).isLessThan(0.2);
            }
        }
        // another group is another person or pose
        assertThat(changedShare(images.get(0), images.get(5))).isGreaterThan(0.2);
    }

    @Test
    void negativeGroupsAreRefused() {
        assertThatThrownBy(() -> ClipStage.Settings.defaults().withExpressionGroups(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThat(ClipStage.Settings.defaults().expressionGroups()).isZero();
    }

    private static double changedShare(BufferedImage a, BufferedImage b) {
        int changed = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                changed += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return changed / (double) (a.getWidth() * a.getHeight());
    }
}
