package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.IdentityHashMap;

/**
 * The memory discipline of every forward: intermediates live in a sub-manager of the caller's manager (the
 * manager of the first input) and die with it; the result is moved back to the caller's manager.
 *
 * <pre>{@code
 * try (Scope s = Scope.of(x, context)) {   // x, context temporarily attached to the sub-manager
 *     NDArray h = ...;                     // every op result whose first operand is in the scope lands there
 *     return s.keep(h);                    // h now belongs to x's original manager
 * }                                        // intermediates closed, inputs returned to their managers
 * }</pre>
 *
 * Arrays derived from parameters (reshapes) must be passed through {@link #local(NDArray, Shape)} so they
 * never accumulate on the model's manager.
 */
public final class Scope implements AutoCloseable {

    private final NDManager parent;
    private final NDManager sub;

    private Scope(NDArray anchor, NDArray... others) {
        this.parent = anchor.getManager();
        this.sub = parent.newSubManager();
        IdentityHashMap<NDArray, Boolean> seen = new IdentityHashMap<>();
        seen.put(anchor, Boolean.TRUE);
        anchor.tempAttach(sub);
        for (NDArray o : others) {
            if (o != null && seen.put(o, Boolean.TRUE) == null) {
                o.tempAttach(sub);
            }
        }
    }

    /** Opens a scope under {@code anchor}'s manager; {@code others} (nullable entries) are attached too. */
    public static Scope of(NDArray anchor, NDArray... others) {
        return new Scope(anchor, others);
    }

    /** The scope's sub-manager (for constants created inside the forward). */
    public NDManager manager() {
        return sub;
    }

    /** A reshaped view of a parameter array, owned by this scope. */
    public NDArray local(NDArray parameterArray, Shape shape) {
        NDArray v = parameterArray.reshape(shape);
        v.attach(sub);
        return v;
    }

    /** Moves {@code result} to the caller's manager so it survives the scope. */
    public NDArray keep(NDArray result) {
        result.attach(parent);
        return result;
    }

    @Override
    public void close() {
        sub.close();
    }
}
