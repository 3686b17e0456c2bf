package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.Map;

/**
 * Initialises a fresh block from another block's parameters by state-dict name: every target parameter whose
 * name and shape match a source parameter starts as a detached copy of it (on the target's manager); the
 * others keep their own initialiser unless an override is given. Copies never share storage with the source.
 */
public final class WeightCopy {

    private WeightCopy() {
    }

    /** A detached copy of {@code source} on {@code manager}. */
    public static NDArray copyOf(NDArray source, NDManager manager) {
        NDArray detached = source.stopGradient();
        NDArray copy = detached.duplicate();
        if (detached != source && detached != copy) {
            detached.close();
        }
        copy.attach(manager);
        return copy;
    }

    /** Initialiser returning a detached copy of {@code source}. */
    public static Initializer copying(Parameter source) {
        return (m, shape, dt) -> {
            if (!shape.equals(source.getShape())) {
                throw new IllegalArgumentException("shape " + shape + " ≠ source " + source.getShape());
            }
            return copyOf(source.getArray(), m);
        };
    }

    /**
     * @param overrides initialisers by target parameter name, taking precedence over copying
     * @return number of parameters copied from the source
     */
    public static int initializeFrom(NnBlock target, NnBlock source, NDManager manager,
                                     Map<String, Initializer> overrides) {
        Map<String, Parameter> src = source.namedParameters();
        int copied = 0;
        for (Map.Entry<String, Parameter> e : target.namedParameters().entrySet()) {
            Initializer o = overrides.get(e.getKey());
            Parameter s = src.get(e.getKey());
            if (o != null) {
                e.getValue().setInitializer(o);
            } else if (s != null && s.getShape().equals(e.getValue().getShape())) {
                e.getValue().setInitializer(copying(s));
                copied++;
            }
        }
        target.initialize(manager);
        return copied;
    }

    /**
     * Initialiser for a conv weight (out, inNew, k, k) whose first {@code source} input channels are copied and
     * the remaining ones are zero (widening conv_in from 4 to 8 channels).
     */
    public static Initializer widenedInput(Parameter source) {
        return (m, shape, dt) -> {
            Shape s = source.getShape();
            long extra = shape.get(1) - s.get(1);
            if (extra < 0 || shape.get(0) != s.get(0) || shape.get(2) != s.get(2) || shape.get(3) != s.get(3)) {
                throw new IllegalArgumentException("cannot widen " + s + " to " + shape);
            }
            NDArray copy = copyOf(source.getArray(), m);
            if (extra == 0) {
                return copy;
            }
            NDArray zeros = m.zeros(new Shape(s.get(0), extra, s.get(2), s.get(3)), dt);
            NDArray widened = copy.concat(zeros, 1);
            copy.close();
            zeros.close();
            return widened;
        };
    }
}
