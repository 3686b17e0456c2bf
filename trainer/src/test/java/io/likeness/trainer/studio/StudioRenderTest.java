package io.likeness.trainer.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.mcdm.metrics.Masks;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudioRenderTest {

    static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    @Test
    void sameSeedsGiveByteIdenticalImages() {
        for (long seed : new long[] {1, 42, -7}) {
            for (Direction d : Direction.values()) {
                BufferedImage a = PortraitRenderer.render(IdentitySampler.sample(seed), PoseSampler.sample(seed), d, 96);
                BufferedImage b = PortraitRenderer.render(IdentitySampler.sample(seed), PoseSampler.sample(seed), d, 96);
                assertThat(a.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
                assertThat(pixels(a)).as("seed %d %s", seed, d).isEqualTo(pixels(b));
            }
        }
        BufferedImage p1 = PoseMapRenderer.render(IdentitySampler.sample(3), PoseSampler.sample(3), 128);
        BufferedImage p2 = PoseMapRenderer.render(IdentitySampler.sample(3), PoseSampler.sample(3), 128);
        assertThat(pixels(p1)).isEqualTo(pixels(p2));
    }

    @Test
    void differentIdentitiesAndPosesGiveDifferentImages() {
        Pose pose = PoseSampler.sample(5);
        BufferedImage a = PortraitRenderer.render(IdentitySampler.sample(1), pose, Direction.SOURCE);
        BufferedImage b = PortraitRenderer.render(IdentitySampler.sample(2), pose, Direction.SOURCE);
        assertThat(pixels(a)).isNotEqualTo(pixels(b));
        BufferedImage c = PortraitRenderer.render(IdentitySampler.sample(1), PoseSampler.sample(6), Direction.SOURCE);
        assertThat(pixels(a)).isNotEqualTo(pixels(c));
    }

    @Test
    void sizeIsConfigurableAndImagesAreAntialiased() {
        BufferedImage img = PortraitRenderer.render(IdentitySampler.sample(9), Pose.frontal(), Direction.SOURCE, 200);
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(200);
        // antialiasing produces many more distinct colours than the palette has
        Set<Integer> colours = new HashSet<>();
        for (int p : pixels(img)) {
            colours.add(p & 0xffffff);
        }
        assertThat(colours.size()).isGreaterThan(200);
        assertThatThrownBy(() -> PortraitRenderer.render(IdentitySampler.sample(9), Pose.frontal(),
                Direction.SOURCE, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairMaskIsExactlyTheSetOfDifferingPixels() {
        for (long seed = 100; seed < 104; seed++) {
            Identity id = IdentitySampler.sample(seed);
            Pose pose = PoseSampler.sample(seed);
            for (Direction d : Direction.edits()) {
                PairRenderer.Pair p = PairRenderer.render(id, pose, d, 128);
                assertThat(pixels(p.a())).isEqualTo(pixels(PortraitRenderer.render(id, pose, Direction.SOURCE, 128)));
                assertThat(pixels(p.b())).isEqualTo(pixels(PortraitRenderer.render(id, pose, d, 128)));
                BufferedImage maskImage = p.maskImage();
                int changed = 0;
                for (int y = 0; y < 128; y++) {
                    for (int x = 0; x < 128; x++) {
                        boolean differs = (p.a().getRGB(x, y) & 0xffffff) != (p.b().getRGB(x, y) & 0xffffff);
                        assertThat(p.mask()[y * 128 + x]).as("%s (%d,%d)", d, x, y).isEqualTo(differs);
                        int m = maskImage.getRGB(x, y) & 0xffffff;
                        assertThat(m).isEqualTo(differs ? 0xffffff : 0);
                        changed += differs ? 1 : 0;
                    }
                }
                assertThat(changed).as("%s changes something", d).isPositive();
                assertThat(p.maskFraction()).isEqualTo(changed / (128.0 * 128.0));
            }
        }
    }

    @Test
    void expressionEditsChangeOnlyTheFaceAndLessThanCostumes() {
        for (long seed = 200; seed < 210; seed++) {
            Identity id = IdentitySampler.sample(seed);
            Pose pose = PoseSampler.sample(seed);
            double maxExpression = 0;
            double minCostume = 1;
            for (Direction d : Direction.edits()) {
                PairRenderer.Pair p = PairRenderer.render(id, pose, d, 128);
                if (d.isExpression()) {
                    maxExpression = Math.max(maxExpression, p.maskFraction());
                    // the changed region of an expression lies inside the head's bounding box around the face
                    PoseKeypoints k = p.keypoints();
                    double cx = k.x()[PoseKeypoints.NOSE];
                    double cy = k.y()[PoseKeypoints.NOSE];
                    for (int i = 0; i < p.mask().length; i++) {
                        if (p.mask()[i]) {
                            assertThat(Math.hypot(i % 128 - cx, i / 128 - cy)).as("%s pixel %d", d, i)
                                    .isLessThan(40);
                        }
                    }
                } else {
                    minCostume = Math.min(minCostume, p.maskFraction());
                }
            }
            assertThat(maxExpression).as("seed %d", seed).isLessThan(0.08).isLessThan(minCostume);
        }
    }

    @Test
    void everyExpressionChangesAnAreaNotOnlyLines() {
        // at 128 px a latent cell is 8 px: an expression drawn with one- or two-pixel lines only (angry in
        // likeness-studio/1: 1.8 % of the pixels) was never learned by the base; each now changes an area
        for (Direction d : Direction.edits()) {
            if (!d.isExpression()) {
                continue;
            }
            double sum = 0;
            int n = 40;
            for (long seed = 500; seed < 500 + n; seed++) {
                sum += PairRenderer.render(IdentitySampler.sample(seed), PoseSampler.sample(seed), d, 128)
                        .maskFraction();
            }
            assertThat(sum / n).as("%s mean changed fraction", d).isGreaterThan(0.025);
        }
    }

    @Test
    void tenThousandIdentitiesAreAlmostAllDistinct() {
        Set<String> keys = new HashSet<>();
        List<Identity> all = new ArrayList<>();
        for (long s = 0; s < 10_000; s++) {
            Identity id = IdentitySampler.sample(s);
            keys.add(id.key());
            all.add(id);
        }
        assertThat(keys.size()).isGreaterThanOrEqualTo(9_900);
        // every value of every categorical attribute occurs, and both gender words
        assertThat(all.stream().map(Identity::faceShape).distinct().count())
                .isEqualTo(Identity.FaceShape.values().length);
        assertThat(all.stream().map(Identity::hairStyle).distinct().count())
                .isEqualTo(Identity.HairStyle.values().length);
        assertThat(all.stream().map(Identity::glasses).distinct().count()).isEqualTo(Identity.Glasses.values().length);
        assertThat(all.stream().map(Identity::facialHair).distinct().count())
                .isEqualTo(Identity.FacialHair.values().length);
        assertThat(all.stream().map(Identity::skinTone).distinct().count()).isEqualTo(Identity.SKIN_TONES);
        assertThat(all.stream().map(Identity::genderWord).distinct().sorted().toList()).containsExactly("man", "woman");
        assertThat(all.stream().filter(i -> i.gender() == Identity.Gender.WOMAN)
                .allMatch(i -> i.facialHair() == Identity.FacialHair.NONE)).isTrue();
        // identity sampling is a pure function of the seed
        assertThat(IdentitySampler.sample(1234)).isEqualTo(IdentitySampler.sample(1234));
    }

    @Test
    void directionsAndCaptionsFollowThePaperTemplates() {
        assertThat(Direction.edits()).hasSize(8);
        assertThat(Direction.edits().stream().map(Direction::id)).containsExactly("cute-flower", "cute-white-sheep",
                "santa-claus", "golden-palace", "angry", "shocked", "laughing", "crying");
        assertThat(Direction.byId("santa-claus")).isEqualTo(Direction.SANTA_CLAUS);
        assertThat(Direction.SANTA_CLAUS.defaultMaskThreshold()).isEqualTo(0.2);
        assertThat(Direction.CRYING.defaultMaskThreshold()).isEqualTo(0.35);
        Identity woman = Arrays.stream(new long[] {1, 2, 3, 4, 5, 6, 7, 8}).mapToObj(IdentitySampler::sample)
                .filter(i -> i.gender() == Identity.Gender.WOMAN).findFirst().orElseThrow();
        Captions c = Captions.of(woman, Direction.SANTA_CLAUS);
        assertThat(c.shared()).isEqualTo("the same woman on the left and right");
        assertThat(c.source()).isEqualTo("a woman, normal costume");
        assertThat(c.target()).isEqualTo("a woman, Santa Claus costume");
        Captions e = Captions.of(woman, Direction.LAUGHING);
        assertThat(e.source()).isEqualTo("a woman, neutral expression");
        assertThat(e.target()).isEqualTo("a woman, laughing");
        assertThat(Captions.of(woman, Direction.CUTE_WHITE_SHEEP).target())
                .isEqualTo("a woman, cute white sheep costume");
        assertThat(Captions.of(woman, Direction.GOLDEN_PALACE).target())
                .isEqualTo("a woman, traditional golden palace costume");
        assertThat(Captions.forImage(woman, Direction.SOURCE, false)).isEqualTo("a woman, neutral expression");
        assertThatThrownBy(() -> Captions.of(woman, Direction.SOURCE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void poseMapHasOpenPoseColoursAtTheKeypoints() {
        Identity id = IdentitySampler.sample(11);
        Pose pose = Pose.frontal();
        PoseKeypoints k = PortraitRenderer.keypoints(id, pose, 128);
        for (int i : new int[] {PoseKeypoints.NOSE, PoseKeypoints.NECK, PoseKeypoints.R_SHOULDER,
            PoseKeypoints.L_SHOULDER, PoseKeypoints.R_EYE, PoseKeypoints.L_EYE, PoseKeypoints.R_EAR,
            PoseKeypoints.L_EAR}) {
            assertThat(k.visible()[i]).as(PoseKeypoints.NAMES.get(i)).isTrue();
        }
        assertThat(k.visible()[PoseKeypoints.R_KNEE]).isFalse();
        assertThat(k.x()[PoseKeypoints.R_EYE]).isLessThan(k.x()[PoseKeypoints.L_EYE]);
        assertThat(k.y()[PoseKeypoints.R_EYE]).isLessThan(k.y()[PoseKeypoints.NOSE]);
        assertThat(k.y()[PoseKeypoints.NOSE]).isLessThan(k.y()[PoseKeypoints.NECK]);
        BufferedImage map = PoseMapRenderer.render(k, 128);
        int nose = map.getRGB((int) Math.round(k.x()[0]), (int) Math.round(k.y()[0])) & 0xffffff;
        assertThat(nose).isEqualTo(0xff0000);
        int rEye = map.getRGB((int) Math.round(k.x()[14]), (int) Math.round(k.y()[14])) & 0xffffff;
        assertThat(rEye).isEqualTo(0xaa00ff);
        assertThat(map.getRGB(0, 0) & 0xffffff).isZero();
        // the pose map depends on the pose, not on the edit: a pair's pose map is the map of its keypoints
        PairRenderer.Pair p = PairRenderer.render(id, pose, Direction.ANGRY, 128);
        assertThat(pixels(p.poseMap())).isEqualTo(pixels(map));
        assertThat(Masks.count(Masks.difference(map, map))).isZero();
    }
}
