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
 * AdamW (Loshchilov and Hutter) with linear warm-up, global-norm gradient clipping and decoupled weight decay on
 * matrices and kernels only (not on biases, norms or embeddings' 1-D parameters).
 *
 * <p>Written here rather than taken from DJL because DJL's optimizers keep their moments in private maps that
 * {@code Model.save} does not write (DJL-NOTES): exact resume needs the first and second moments and the step
 * count, which {@link #save}/{@link #load} persist as an {@link NDList} file (bit-exact).
 *
 * <p>Call {@link #update} outside a gradient collector (grad mode off), once per step, after backward.
 */
public final class AdamW implements AutoCloseable {

    /** Hyper-parameters. */
    public record Settings(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                           int warmupSteps, double clipNorm) {
        public static Settings of(double learningRate, int warmupSteps) {
            return new Settings(learningRate, 0.9, 0.999, 1e-8, 0.01, warmupSteps, 1.0);
        }

        public Settings withWeightDecay(double wd) {
            return new Settings(learningRate, beta1, beta2, epsilon, wd, warmupSteps, clipNorm);
        }
    }

    private final Settings settings;
    private final Map<String, Parameter> parameters;
    private final NDManager state;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long steps;
    private double scale = 1.0;
    private long skipped;
    private int consecutiveSkips;

    /** Non-finite gradients tolerated in a row before the run is declared diverged. */
    static final int MAX_CONSECUTIVE_SKIPS = 10;

    /** @param parameters name → parameter, in a stable order (the names key the saved state) */
    public AdamW(Settings settings, Map<String, Parameter> parameters, NDManager parent) {
        this.settings = settings;
        this.parameters = new LinkedHashMap<>(parameters);
        this.state = parent.newSubManager();
        for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
            NDArray p = e.getValue().getArray();
            m.put(e.getKey(), state.zeros(p.getShape(), p.getDataType()));
            v.put(e.getKey(), state.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** Updates taken so far (the bias-correction step t). */
    public long steps() {
        return steps;
    }

    /** Steps whose gradient was not finite and that therefore made no update (this process). */
    public long skipped() {
        return skipped;
    }

    /** The learning rate of the next update: the warm-up's, times the factor last given to {@link #scale}. */
    public double learningRate() {
        return scale * settings.learningRate() * Math.min(1.0, (steps + 1.0) / Math.max(1, settings.warmupSteps()));
    }

    /**
     * Multiplies the learning rate of the following updates by {@code factor} (1 until called). Not saved with the
     * state: the training loop sets it before every update from the step number ({@link Cooldown}), so a resumed
     * run takes the same learning rates as one never interrupted.
     */
    public void scale(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("learning-rate factor must be in [0, 1], not " + factor);
        }
        scale = factor;
    }

    /**
     * Applies one update from the parameters' gradients and zeroes the gradients.
     *
     * @param stepManager manager for this step's temporaries (closed by the caller)
     * @return the global gradient norm before clipping
     */
    public double update(NDManager stepManager) {
        try (NDManager tmp = stepManager.newSubManager()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            NDList squares = new NDList();
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray g = e.getValue().getArray().getGradient();
                g.attach(tmp);
                grads.put(e.getKey(), g);
                squares.add(g.square().sum());
            }
            double norm = Math.sqrt(ai.djl.ndarray.NDArrays.stack(squares).sum().getFloat());
            double clip = settings.clipNorm() > 0 && norm > settings.clipNorm() ? settings.clipNorm() / norm : 1.0;
            if (!Double.isFinite(norm)) {
                // as mixed-precision loss scalers do: skip the update, keep the moments; give up if it persists
                zero(grads);
                skipped++;
                if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS) {
                    throw new IllegalStateException("gradient norm is " + norm + " for " + consecutiveSkips
                            + " steps in a row (update " + (steps + 1) + "); the loss diverged — lower the "
                            + "learning rate or resume from an earlier checkpoint");
                }
                return norm;
            }
            consecutiveSkips = 0;
            double lr = learningRate();
            steps++;
            double b1 = settings.beta1();
            double b2 = settings.beta2();
            double c1 = 1 - Math.pow(b1, steps);
            double c2 = 1 - Math.pow(b2, steps);
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                String name = e.getKey();
                NDArray p = e.getValue().getArray();
                NDArray g = grads.get(name);
                if (clip != 1.0) {
                    g = g.mul((float) clip);
                }
                NDArray mi = m.get(name);
                NDArray vi = v.get(name);
                mi.muli((float) b1).addi(g.mul((float) (1 - b1)));
                vi.muli((float) b2).addi(g.square().muli((float) (1 - b2)));
                if (settings.weightDecay() > 0 && p.getShape().dimension() >= 2) {
                    p.muli((float) (1 - lr * settings.weightDecay()));
                }
                NDArray denom = vi.duplicate();
                denom.attach(tmp);
                denom.divi((float) c2).powi(0.5f).addi((float) settings.epsilon());
                NDArray stepArr = mi.duplicate();
                stepArr.attach(tmp);
                stepArr.muli((float) (lr / c1)).divi(denom);
                p.subi(stepArr);
            }
            zero(grads);
            return norm;
        }
    }

    private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

    /**
     * Overwrites the gradients with zeros through an indexed write (g − g would keep NaN/∞ and poison every later
     * step; a byte copy into a gradient can hit a storage PyTorch forbids raw access to and abort the JVM).
     */
    private static void zero(Map<String, NDArray> grads) {
        for (NDArray g : grads.values()) {
            g.set(ALL, 0f);
        }
    }

    /** Writes the moments and the step count. */
    public void save(Path file) throws IOException {
        NDList list = new NDList();
        for (String name : parameters.keySet()) {
            NDArray a = m.get(name);
            a.setName("m." + name);
            list.add(a);
            NDArray b = v.get(name);
            b.setName("v." + name);
            list.add(b);
        }
        NDArray t = state.create(new long[] {steps});
        t.setName("steps");
        list.add(t);
        Files.write(file, list.encode());
        t.close();
    }

    /** Restores what {@link #save} wrote; the parameter names and shapes must match. */
    public void load(Path file) throws IOException {
        try (NDManager tmp = state.newSubManager()) {
            NDList list = NDList.decode(tmp, Files.readAllBytes(file));
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            for (String name : parameters.keySet()) {
                copy(byName, "m." + name, m.get(name), file);
                copy(byName, "v." + name, v.get(name), file);
            }
            NDArray t = byName.get("steps");
            if (t == null) {
                throw new IOException(file + " has no step count");
            }
            steps = t.getLong();
        }
    }

    private static void copy(Map<String, NDArray> byName, String name, NDArray into, Path file) throws IOException {
        NDArray a = byName.get(name);
        if (a == null || !a.getShape().equals(into.getShape())) {
            throw new IOException(file + ": optimizer state " + name + " is missing or has another shape ("
                    + (a == null ? "absent" : a.getShape()) + " vs " + into.getShape() + ")");
        }
        a.copyTo(into);
    }

    @Override
    public void close() {
        state.close();
    }
}
