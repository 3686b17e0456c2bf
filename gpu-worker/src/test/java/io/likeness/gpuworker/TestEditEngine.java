package io.likeness.gpuworker;

import io.likeness.mcdm.edit.EditCanceledException;
import io.likeness.mcdm.engine.EditEngine;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test engine (replaces the production MCDM engine in tests). The "edit" inverts the prepared image's colours
 * (deterministic). Target prompt markers inject behaviour: {@code SLOW} sleeps {@value #SLOW_STEP_MILLIS} ms per
 * step, {@code EXPLODE} throws an unexpected exception (a bug). The cancel check is polled before every step,
 * like the real Editor.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestEditEngine implements EditEngine {

    static final long SLOW_STEP_MILLIS = 1500;

    @Override
    public MaskOutput mask(MaskInput in) {
        throw new UnsupportedOperationException("the edit stage does not mask");
    }

    @Override
    public EditOutput edit(EditInput in) {
        if (in.targetPrompt().contains("EXPLODE")) {
            throw new IllegalStateException("test engine: injected bug");
        }
        boolean slow = in.targetPrompt().contains("SLOW");
        for (int k = 0; k < in.steps(); k++) {
            if (in.canceled().getAsBoolean()) {
                throw new EditCanceledException(k, in.steps());
            }
            if (slow) {
                try {
                    Thread.sleep(SLOW_STEP_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            in.progress().onStep(k + 1, in.steps());
        }
        BufferedImage p = in.prepared();
        BufferedImage out = new BufferedImage(p.getWidth(), p.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < p.getHeight(); y++) {
            for (int x = 0; x < p.getWidth(); x++) {
                out.setRGB(x, y, ~p.getRGB(x, y) & 0xffffff);
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("likeness.seed", Long.toString(in.seed()));
        settings.put("likeness.steps", Integer.toString(in.steps()));
        settings.put("likeness.checkpoint", in.checkpointVersion());
        settings.put("likeness.targetPrompt", in.targetPrompt());
        return new EditOutput(out, settings);
    }
}
