package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * diffusers {@code FeedForward} with GEGLU: {@code net.0} = GEGLU ({@code proj}: dim → 2·inner, value·GELU(gate)),
 * {@code net.1} = dropout (p = 0, no parameters), {@code net.2} = Linear(inner → dim).
 */
public final class FeedForward extends NnBlock {

    private final Geglu geglu;
    private final Linear out;

    public FeedForward(int dim, int mult) {
        int inner = dim * mult;
        ModuleList<NnBlock> net = child("net", new ModuleList<>());
        this.geglu = net.add(new Geglu(dim, inner));
        net.add(new Identity());
        this.out = net.add(new Linear(inner, dim, true));
    }

    public NDArray forward(NDArray x) {
        try (Scope sc = Scope.of(x)) {
            return sc.keep(out.forward(geglu.forward(x)));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }

    /** diffusers {@code GEGLU}: one projection to twice the width, first half gated by GELU of the second. */
    public static final class Geglu extends NnBlock {
        private final Linear proj;

        public Geglu(int dim, int inner) {
            this.proj = child("proj", new Linear(dim, 2 * inner, true));
        }

        public NDArray forward(NDArray x) {
            try (Scope sc = Scope.of(x)) {
                NDArray h = proj.forward(x);
                NDList parts = h.split(2, h.getShape().dimension() - 1);
                return sc.keep(parts.get(0).mul(Activations.gelu(parts.get(1))));
            }
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            return new NDList(forward(inputs.head()));
        }
    }
}
