package io.likeness.mcdm.nn.identity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Identity;
import io.likeness.mcdm.nn.layers.LayerNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * ELITE-style global mapping network (ALGORITHMS §9): word i = MLP_i(CLS of hidden state d_i) +
 * mean over patches of MLP'_i(patch tokens of d_i); each MLP is Linear → LayerNorm → LeakyReLU → Linear →
 * LayerNorm → LeakyReLU → Linear (ELITE names {@code mapping_i.{0,1,3,4,6}}, {@code mapping_patch_i.*}).
 * Output: k word embeddings (B, k, textWidth) to insert before the subject word.
 */
public final class IdentityMapper extends NnBlock {

    private final List<Integer> depths;
    private final List<Mlp> cls = new ArrayList<>();
    private final List<Mlp> patch = new ArrayList<>();

    /**
     * @param visionWidth width of the image-encoder hidden states
     * @param textWidth   width of the text token embeddings
     * @param depths      for each word, which hidden state it reads (index into the vision tower's hidden-state
     *                    list; the last index is last_hidden_state); the number of words k = depths.size()
     */
    public IdentityMapper(int visionWidth, int textWidth, List<Integer> depths) {
        this.depths = List.copyOf(depths);
        for (int i = 0; i < depths.size(); i++) {
            cls.add(child("mapping_" + i, new Mlp(visionWidth, textWidth)));
            patch.add(child("mapping_patch_" + i, new Mlp(visionWidth, textWidth)));
        }
    }

    public int words() {
        return depths.size();
    }

    public List<Integer> depths() {
        return depths;
    }

    /** @param hiddenStates the vision tower's hidden states (each (B, T, visionWidth), CLS first) → (B, k, textWidth) */
    public NDArray forward(List<NDArray> hiddenStates) {
        try (Scope sc = Scope.of(hiddenStates.get(0), hiddenStates.toArray(NDArray[]::new))) {
            NDList words = new NDList();
            for (int i = 0; i < depths.size(); i++) {
                NDArray h = hiddenStates.get(depths.get(i));
                NDArray c = cls.get(i).forward(h.get(new NDIndex(":, 0, :")));
                NDArray p = patch.get(i).forward(h.get(new NDIndex(":, 1:, :"))).mean(new int[] {1});
                words.add(c.add(p));
            }
            return sc.keep(NDArrays.stack(words, 1));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs));
    }

    /** Linear → LN → LeakyReLU → Linear → LN → LeakyReLU → Linear (nn.Sequential indices 0..6). */
    static final class Mlp extends NnBlock {
        private final Linear l0;
        private final LayerNorm n1;
        private final Linear l3;
        private final LayerNorm n4;
        private final Linear l6;

        Mlp(int in, int out) {
            this.l0 = child("0", new Linear(in, in, true));
            this.n1 = child("1", new LayerNorm(in, 1e-5f));
            child("2", new Identity());
            this.l3 = child("3", new Linear(in, in, true));
            this.n4 = child("4", new LayerNorm(in, 1e-5f));
            child("5", new Identity());
            this.l6 = child("6", new Linear(in, out, true));
        }

        NDArray forward(NDArray x) {
            try (Scope sc = Scope.of(x)) {
                NDArray h = Activations.leakyRelu(n1.forward(l0.forward(x)));
                h = Activations.leakyRelu(n4.forward(l3.forward(h)));
                return sc.keep(l6.forward(h));
            }
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            return new NDList(forward(inputs.head()));
        }
    }
}
