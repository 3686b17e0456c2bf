package io.likeness.mcdm.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.model.TextConditioner;
import java.util.List;
import java.util.Map;

/** Tokens of constant value per prompt: from a map if given, else a hash in [−0.25, 0.25]; "" gives 0. */
public final class FakeTextConditioner implements TextConditioner {

    private final int tokens;
    private final int width;
    private final Map<String, Float> values;
    private int calls;

    public FakeTextConditioner(int tokens, int width, Map<String, Float> values) {
        this.tokens = tokens;
        this.width = width;
        this.values = values;
    }

    public static float hashValue(String prompt) {
        return prompt.isEmpty() ? 0f : (Math.floorMod(prompt.hashCode(), 1000) - 500) / 2000f;
    }

    @Override
    public NDArray encode(NDManager manager, List<String> prompts) {
        calls++;
        float[] data = new float[prompts.size() * tokens * width];
        for (int b = 0; b < prompts.size(); b++) {
            String p = prompts.get(b);
            float v = values.getOrDefault(p, hashValue(p));
            java.util.Arrays.fill(data, b * tokens * width, (b + 1) * tokens * width, v);
        }
        return manager.create(data, new Shape(prompts.size(), tokens, width));
    }

    public int calls() {
        return calls;
    }

    @Override
    public int maxTokens() {
        return tokens;
    }

    @Override
    public int width() {
        return width;
    }
}
