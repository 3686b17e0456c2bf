package io.likeness.trainer.mcdm;

import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.PairRenderer;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Held-out studio people with the exact answer: for person i and each direction, the exact pair (x_A, x_B, changed
 * region) of the same identity and pose. Evaluation uses the test split, training pictures the validation split —
 * the MCDM never sees either (its pairs come from train-split people).
 */
public final class StudioEditCases {

    private StudioEditCases() {
    }

    /** {@code people} held-out persons × the eight directions, person-major. */
    public static List<PairRenderer.Pair> cases(Split split, int people, long seed) {
        long[] ids = StudioDatasets.identitySeeds(seed, split, people);
        List<PairRenderer.Pair> out = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            Identity id = IdentitySampler.sample(ids[i]);
            Pose pose = PoseSampler.sample(Seeds.mix(seed, 0xE7A1, i));
            for (Direction d : Direction.edits()) {
                out.add(PairRenderer.render(id, pose, d, 128));
            }
        }
        return out;
    }
}
