package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every network block in this library: a DJL block whose parameters have fixed shapes from the
 * configuration (no shape inference) and carry diffusers/transformers state-dict names.
 *
 * <p>Children and parameters are registered with their PyTorch attribute names; {@link #namedParameters()}
 * returns the dotted names ({@code down_blocks.0.resnets.1.conv1.weight}) in registration order, which is also
 * the order of {@link #saveParameters}. Blocks are initialised with {@code initialize(manager, FLOAT32)} (no
 * input shapes needed). The typed {@code forward(...)} methods of subclasses are the real API; the DJL
 * {@code forward(ParameterStore, NDList, ...)} entry delegates to them.
 */
public abstract class NnBlock extends AbstractBlock {

    private final LinkedHashMap<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, NnBlock> ownChildren = new LinkedHashMap<>();

    protected <B extends NnBlock> B child(String name, B block) {
        addChildBlock(name, block);
        ownChildren.put(name, block);
        return block;
    }

    protected Parameter param(String name, Shape shape, Initializer init, Parameter.Type type) {
        Parameter p = addParameter(Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(shape)
                .optInitializer(init)
                .build());
        ownParameters.put(name, p);
        return p;
    }

    /** All parameters with their dotted state-dict names, in registration (= save) order. */
    public final Map<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    /** Name → shape of every parameter, without allocating anything. */
    public final Map<String, Shape> parameterShapes() {
        LinkedHashMap<String, Shape> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.getShape()));
        return Collections.unmodifiableMap(out);
    }

    /** Total number of scalar parameters (from the configured shapes; no allocation). */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.getShape().size();
        }
        return n;
    }

    /** Named child blocks in registration order. */
    public final Map<String, NnBlock> namedChildren() {
        return Collections.unmodifiableMap(ownChildren);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        ownParameters.forEach((n, p) -> out.put(prefix + n, p));
        ownChildren.forEach((n, c) -> c.collect(prefix + n + ".", out));
    }

    /** Initialises every parameter on {@code manager} in float32 (the model's manager). */
    public final void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (NnBlock c : ownChildren.values()) {
            c.initialize(manager, dataType, inputShapes);
        }
    }

    /**
     * DJL entry point: subclasses map the {@link NDList} onto their typed forward. Blocks whose typed forward
     * needs more than arrays (e.g. token lists) document the expected list layout.
     */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return forwardList(inputs);
    }

    /** Typed forward over an {@link NDList}; see each subclass for the layout. */
    protected abstract NDList forwardList(NDList inputs);

    /**
     * Output shapes by running the block once on zeros of the given shapes in a scratch manager (parameter
     * shapes are fixed by configuration, so there is nothing to infer). Requires an initialised block.
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (!isInitialized()) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + ": output shapes are computed by a trial forward and need initialised parameters");
        }
        java.util.Iterator<Parameter> params = namedParameters().values().iterator();
        try (NDManager scratch = params.hasNext() ? params.next().getArray().getManager().newSubManager()
                : NDManager.newBaseManager()) {
            NDList in = new NDList();
            for (Shape s : inputShapes) {
                in.add(scratch.zeros(s));
            }
            NDList out = forwardList(in);
            Shape[] shapes = new Shape[out.size()];
            for (int i = 0; i < shapes.length; i++) {
                shapes[i] = out.get(i).getShape();
            }
            return shapes;
        }
    }

    /** Convenience for parameter arrays. */
    protected static NDArray arr(Parameter p) {
        return p == null ? null : p.getArray();
    }
}
