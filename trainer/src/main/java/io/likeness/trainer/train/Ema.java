package io.likeness.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of weights, with the usual warm-up of the decay (min(decay, (1 + n) / (10 + n))) so
 * early averages are not dominated by the random initialisation. The averaged weights are what a stage publishes.
 */
public final class Ema implements AutoCloseable {

    /** Indexed writes (not byte copies) into parameter arrays, which PyTorch may forbid raw access to. */
    private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

    private final double decay;
    private final Map<String, Parameter> parameters;
    private final NDManager state;
    private final Map<String, NDArray> shadow = new LinkedHashMap<>();
    private long updates;

    public Ema(double decay, Map<String, Parameter> parameters, NDManager parent) {
        this.decay = decay;
        this.parameters = new LinkedHashMap<>(parameters);
        this.state = parent.newSubManager();
        for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
            NDArray copy = e.getValue().getArray().duplicate();
            copy.attach(state);
            shadow.put(e.getKey(), copy);
        }
    }

    public void update() {
        updates++;
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        try (NDManager tmp = state.newSubManager()) {
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray s = shadow.get(e.getKey());
                NDArray delta = s.sub(e.getValue().getArray());
                delta.attach(tmp);
                s.subi(delta.muli((float) (1 - d)));
            }
        }
    }

    /** Copies the averaged weights into the live parameters (for publishing; training then stops). */
    public void copyToParameters() {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            e.getValue().getArray().set(ALL, shadow.get(e.getKey()));
        }
    }

    /** Swaps live and averaged weights (call twice to swap back), e.g. to draw samples from the average. */
    public void swap() {
        try (NDManager tmp = state.newSubManager()) {
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray live = e.getValue().getArray();
                NDArray s = shadow.get(e.getKey());
                NDArray keep = live.duplicate();
                keep.attach(tmp);
                live.set(ALL, s);
                s.set(ALL, keep);
            }
        }
    }

    public void save(Path file) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        NDArray n = state.create(new long[] {updates});
        n.setName("updates");
        list.add(n);
        Files.write(file, list.encode());
        n.close();
    }

    public void load(Path file) throws IOException {
        try (NDManager tmp = state.newSubManager()) {
            NDList list = NDList.decode(tmp, Files.readAllBytes(file));
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
                NDArray a = byName.get(e.getKey());
                if (a == null || !a.getShape().equals(e.getValue().getShape())) {
                    throw new IOException(file + ": EMA weight " + e.getKey() + " missing or of another shape");
                }
                a.copyTo(e.getValue());
            }
            updates = byName.get("updates").getLong();
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
