package io.likeness.maskworker;

import io.likeness.mcdm.edit.EditCanceledException;
import io.likeness.mcdm.engine.EditEngine;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Test engine (replaces the production MCDM engine in tests): a deterministic disc mask whose radius depends on
 * λ; a target prompt containing {@code EXPLODE} throws an unexpected exception (a bug), one containing
 * {@code CANCEL-ME} polls the cancel check until it fires.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestEditEngine implements EditEngine {

    @Override
    public MaskOutput mask(MaskInput in) {
        if (in.targetPrompt().contains("EXPLODE")) {
            throw new IllegalStateException("test engine: injected bug");
        }
        if (in.canceled().getAsBoolean()) {
            throw new EditCanceledException(0, 0);
        }
        int n = in.modelInput().getWidth();
        float[] soft = new float[n * n];
        float[] binary = new float[n * n];
        double c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double d = Math.hypot(x - c, y - c) / (n / 2.0);
                float s = (float) Math.max(0, 1 - d);
                soft[y * n + x] = s;
                binary[y * n + x] = s > in.lambda() ? 1f : 0f;
            }
        }
        return new MaskOutput(n, soft, binary);
    }

    @Override
    public EditOutput edit(EditInput in) {
        throw new UnsupportedOperationException("the mask stage does not edit");
    }
}
