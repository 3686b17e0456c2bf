package io.likeness.trainer.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FaceRegionTest {

    /** The keypoints of the first train render of seed 1 (a man in a Santa costume, 128 px). */
    private static final String KEYPOINTS = "[[67.21,68.73,1.0],[67.2,114.58,1.0],[31.84,114.1,1.0],[0,0,0],[0,0,0],"
            + "[102.55,115.05,1.0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],"
            + "[57.02,58.15,1.0],[77.41,58.16,1.0],[40.76,59.31,1.0],[93.66,59.35,1.0]]";

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void theFaceIsCentredBetweenEyesAndNoseAndAsWideAsTheEars() throws Exception {
        FaceRegion face = FaceRegion.fromKeypoints(json(KEYPOINTS));
        assertThat(face.x()).isCloseTo((67.21 + 57.02 + 77.41) / 3, within(1e-9));
        assertThat(face.y()).isCloseTo((68.73 + 58.15 + 58.16) / 3, within(1e-9));
        assertThat(face.radius()).isCloseTo(Math.hypot(93.66 - 40.76, 59.35 - 59.31) / 2, within(1e-9));
    }

    @Test
    void withAnEarOffTheCanvasTheEyeDistanceGivesTheWidth() throws Exception {
        FaceRegion face = FaceRegion.fromKeypoints(json(KEYPOINTS.replace("[93.66,59.35,1.0]", "[0,0,0]")));
        assertThat(face.radius()).isCloseTo(FaceRegion.EARS_PER_EYE_DISTANCE * (77.41 - 57.02) / 2, within(1e-3));
    }

    @Test
    void withoutTheNoseThereIsNoFace() throws Exception {
        assertThat(FaceRegion.fromKeypoints(json(KEYPOINTS.replaceFirst("\\[67.21,68.73,1.0]", "[0,0,0]"))))
                .isNull();
        assertThat(FaceRegion.fromKeypoints(null)).isNull();
        assertThat(FaceRegion.fromKeypoints(json("[[1,2,1]]"))).isNull();
    }

    @Test
    void faceCellsWeighMoreAndTheMapAveragesOne() throws Exception {
        FaceRegion face = FaceRegion.fromKeypoints(json(KEYPOINTS));
        float[] w = FaceRegion.latentWeights(face, 16, 16, 8, 4);
        double sum = 0;
        int faceCells = 0;
        float low = Float.MAX_VALUE;
        float high = 0;
        for (float v : w) {
            sum += v;
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        for (float v : w) {
            if (v == high) {
                faceCells++;
            }
        }
        assertThat(sum / w.length).isCloseTo(1.0, within(1e-5));
        assertThat((double) high / low).isCloseTo(4.0, within(1e-5));
        // a disc of radius 26.5 px on 8-px cells: π r² / 64 ≈ 34 cells, a seventh of the grid
        assertThat(faceCells).isBetween(30, 38);
        // the cell under the nose (67, 69) is in the face; the top-left corner is not
        assertThat(w[(69 / 8) * 16 + 67 / 8]).isEqualTo(high);
        assertThat(w[0]).isEqualTo(low);
    }

    @Test
    void noFaceMeansAnUnweightedLoss() {
        for (float v : FaceRegion.latentWeights(null, 16, 16, 8, 4)) {
            assertThat(v).isEqualTo(1f);
        }
    }
}
