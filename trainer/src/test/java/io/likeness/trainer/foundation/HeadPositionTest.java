package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PortraitRenderer;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader must recover the studio's own pose offsets from the pixels, on every backdrop and direction. */
class HeadPositionTest {

    @Test
    void recoversTheStudiosOffsetsAcrossPeopleBackdropsAndDirections() {
        List<Direction> directions = List.of(Direction.SOURCE, Direction.byId("santa-claus"),
                Direction.byId("cute-white-sheep"), Direction.byId("laughing"), Direction.byId("golden-palace"));
        double sumDx = 0;
        double sumDy = 0;
        int n = 0;
        double worst = 0;
        double leastDy = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 30; i++) {
            Identity id = IdentitySampler.sample(1000 + i);
            Pose.Backdrop backdrop = Pose.Backdrop.values()[i % 3];
            Direction d = directions.get(i % directions.size());
            HeadPosition.Position a = HeadPosition.locate(PortraitRenderer.render(id,
                    new Pose(-7, -4, 1, 0, 1, 0, i % Pose.BACKDROP_COLOURS, backdrop), d));
            HeadPosition.Position b = HeadPosition.locate(PortraitRenderer.render(id,
                    new Pose(7, 4, 1, 0, 1, 0, i % Pose.BACKDROP_COLOURS, backdrop), d));
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            sumDx += dx;
            sumDy += dy;
            worst = Math.max(worst, Math.abs(dx - 14));
            leastDy = Math.min(leastDy, dy);
            n++;
        }
        assertThat(sumDx / n).as("mean horizontal shift for a 14 px offset").isCloseTo(14, within(1.5));
        assertThat(worst).as("worst horizontal error").isLessThan(4);
        // Vertically the fixed row window compresses the reading (figure mass enters and leaves it): a response in
        // the right direction for everyone, about two thirds of the offset. PoseFollowing therefore compares a
        // sample's shift with the studio truth's shift read the same way, never with the offset itself.
        assertThat(leastDy).as("smallest vertical shift for an 8 px offset").isGreaterThan(1);
        assertThat(sumDy / n).as("mean vertical shift for an 8 px offset").isBetween(4.0, 8.5);
    }

    @Test
    void aBlankImageHasNoPosition() {
        BufferedImage blank = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        assertThat(HeadPosition.locate(blank).x()).isNaN();
    }
}
