package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionReaderTest {

    @Test
    void aBrieflyTrainedReaderReadsExpressionsOnPeopleItNeverSaw() {
        try (ExpressionReader reader = ExpressionReader.train(7, 1200, 250, 32, 200, System.out)) {
            // half the held-out faces are neutral, so 0.5 is what "always none" scores
            assertThat(reader.fit().heldOutAccuracy()).isGreaterThan(0.75);

            // and through the public entry: whole portraits of validation people, the face found from the pose
            long[] ids = StudioDatasets.identitySeeds(7, Split.VALIDATION, 12);
            List<BufferedImage> images = new ArrayList<>();
            List<FaceRegion> faces = new ArrayList<>();
            List<Direction> truth = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                Identity id = IdentitySampler.sample(ids[i]);
                Pose pose = PoseSampler.sample(1000 + i);
                for (Direction d : List.of(Direction.SOURCE, Direction.LAUGHING, Direction.CRYING, Direction.SHOCKED,
                        Direction.ANGRY)) {
                    images.add(PortraitRenderer.render(id, pose, d, PortraitRenderer.DEFAULT_SIZE));
                    faces.add(FaceRegion.of(PortraitRenderer.keypoints(id, pose, PortraitRenderer.DEFAULT_SIZE)));
                    truth.add(d == Direction.SOURCE ? null : d);
                }
            }
            List<Direction> read = reader.read(images, faces);
            int right = 0;
            for (int i = 0; i < read.size(); i++) {
                right += read.get(i) == truth.get(i) ? 1 : 0;
            }
            // four fifths are expressions here: "always none" scores 0.2
            assertThat((double) right / read.size()).isGreaterThan(0.6);
        }
    }
}
