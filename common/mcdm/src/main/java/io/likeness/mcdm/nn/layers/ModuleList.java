package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/** {@code torch.nn.ModuleList}: children named 0, 1, 2, ... (no forward of its own). */
public final class ModuleList<B extends NnBlock> extends NnBlock {

    private final List<B> items = new ArrayList<>();

    public <T extends B> T add(T block) {
        child(Integer.toString(items.size()), block);
        items.add(block);
        return block;
    }

    public B get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public List<B> items() {
        return List.copyOf(items);
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        throw new UnsupportedOperationException("ModuleList is a container; call its items");
    }
}
