package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.ArrayList;
import java.util.List;

/** transformers {@code CLIPEncoder}: {@code layers.N}. */
public final class ClipEncoder extends NnBlock {

    private final ModuleList<ClipEncoderLayer> layers;

    public ClipEncoder(ClipConfig cfg) {
        this.layers = child("layers", new ModuleList<>());
        for (int i = 0; i < cfg.layers(); i++) {
            layers.add(new ClipEncoderLayer(cfg.width(), cfg.heads()));
        }
    }

    public int depth() {
        return layers.size();
    }

    /** @return hidden states: the input followed by every layer's output (depth + 1 arrays, on x's manager) */
    public List<NDArray> forward(NDArray x, NDArray mask) {
        try (Scope sc = Scope.of(x, mask)) {
            List<NDArray> states = new ArrayList<>();
            NDArray h = x;
            states.add(h);
            for (ClipEncoderLayer l : layers.items()) {
                h = l.forward(h, mask);
                states.add(h);
            }
            List<NDArray> kept = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                // the first state is the caller's own array when x has no other use: duplicate to keep ownership clear
                kept.add(sc.keep(i == 0 ? states.get(0).duplicate() : states.get(i)));
            }
            return kept;
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
    }
}
