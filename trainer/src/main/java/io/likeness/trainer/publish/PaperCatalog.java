package io.likeness.trainer.publish;

import io.likeness.contracts.model.EditDirection;
import io.likeness.trainer.studio.Direction;
import java.util.List;

/**
 * The paper's eight edit directions as a checkpoint catalog (supplementary §1.1): p_a = "a {subject}, [Y]",
 * p_b = "a {subject}, [Z]", λ 0.2 for costumes and 0.35 for expressions.
 */
public final class PaperCatalog {

    private PaperCatalog() {
    }

    public static List<EditDirection> directions() {
        return Direction.edits().stream()
                .map(d -> new EditDirection(d.id(), "a " + EditDirection.SUBJECT + ", " + d.sourcePhrase(),
                        "a " + EditDirection.SUBJECT + ", " + d.phrase(), d.defaultMaskThreshold()))
                .toList();
    }
}
