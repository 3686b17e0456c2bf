package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The explicit state of one UniPC run (ALGORITHMS.md §3.6): the history of data predictions m_k, the sample the
 * last predictor started from, the warm-up counter and the step index. The history lives on a private sub-manager;
 * all per-step arithmetic uses scalars from double tables. Not thread-safe; create one per run.
 */
public final class UniPcRun implements SamplerRun {

    private final UniPcConfig config;
    private final int[] timesteps;
    private final double[] alpha;
    private final double[] sigma;
    private final double[] lambda;
    private final boolean[] zeroSigma;
    private final NDManager state;
    private final Deque<NDArray> history = new ArrayDeque<>(); // oldest first
    private NDArray lastSample;
    private int lowerOrderNums;
    private int prevOrder;
    private int index = -1;

    UniPcRun(UniPcConfig config, int[] timesteps, double[] sigmasVe, NDManager parent) {
        this.config = config;
        this.timesteps = timesteps;
        int n = sigmasVe.length;
        alpha = new double[n];
        sigma = new double[n];
        lambda = new double[n];
        zeroSigma = new boolean[n];
        for (int i = 0; i < n; i++) {
            double s = sigmasVe[i];
            alpha[i] = 1.0 / Math.sqrt(s * s + 1.0);
            sigma[i] = s * alpha[i];
            zeroSigma[i] = s == 0.0;
            lambda[i] = zeroSigma[i] ? Double.POSITIVE_INFINITY : Math.log(alpha[i]) - Math.log(sigma[i]);
        }
        this.state = parent.newSubManager();
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    /** The index of the next step (the first call fixes it from t), or −1 before the first step. */
    public int stepIndex() {
        return index;
    }

    @Override
    public NDArray step(NDArray eps, int t, NDArray x) {
        if (index < 0) {
            index = DdimSampler.indexOf(timesteps, t);
        } else if (index >= timesteps.length || timesteps[index] != t) {
            throw new IllegalStateException("UniPC run expected timestep "
                    + (index < timesteps.length ? timesteps[index] : "none (run finished)") + " but got " + t);
        }
        int k = index;
        int n = timesteps.length;
        NDManager target = x.getManager();

        NDArray m = LinearCombination.of(state, 1.0 / alpha[k], x, -sigma[k] / alpha[k], eps);
        NDArray current = x;
        NDArray corrected = null;
        if (k > 0 && lastSample != null && !config.disableCorrector().contains(k - 1)) {
            corrected = corrector(m, target);
            current = corrected;
        }
        history.addLast(m);
        if (history.size() > config.solverOrder()) {
            history.removeFirst().close();
        }
        int order = config.lowerOrderFinal() ? Math.min(config.solverOrder(), n - k) : config.solverOrder();
        order = Math.min(order, lowerOrderNums + 1);

        if (lastSample != null) {
            lastSample.close();
        }
        lastSample = current.duplicate();
        lastSample.attach(state);
        NDArray out = predictor(current, order, target);
        if (corrected != null) {
            corrected.close();
        }
        prevOrder = order;
        lowerOrderNums = Math.min(lowerOrderNums + 1, config.solverOrder());
        index = k + 1;
        return out;
    }

    /** UniP from index k to k+1 starting at x, with m0 = m_k (history last), m1 = m_{k−1}. */
    private NDArray predictor(NDArray x, int order, NDManager target) {
        int s = index;
        int t = s + 1;
        NDArray m0 = history.peekLast();
        if (zeroSigma[t]) {
            if (order != 1) {
                throw new IllegalStateException("a step to sigma 0 must be of order 1");
            }
            NDArray out = m0.duplicate();
            out.attach(target);
            return out;
        }
        double h = lambda[t] - lambda[s];
        double hh = -h;
        double e = Math.expm1(hh);
        double cx = sigma[t] / sigma[s];
        double cm0 = -alpha[t] * e;
        if (order == 1) {
            return LinearCombination.of(target, cx, x, cm0, m0);
        }
        NDArray m1 = secondLast();
        double b = bOf(hh, e);
        double r1 = (lambda[s - 1] - lambda[s]) / h;
        // base − α_t·B·½·(m1 − m0)/r1
        double c = alpha[t] * b * 0.5 / r1;
        return LinearCombination.of(target, cx, x, cm0 + c, m0, -c, m1);
    }

    /** UniC for the previous step (s = k−1 → t = k), from lastSample, with the new data prediction mT = m_k. */
    private NDArray corrector(NDArray mT, NDManager target) {
        int t = index;
        int s = t - 1;
        NDArray m0 = history.peekLast(); // m_{k−1}
        double h = lambda[t] - lambda[s];
        double hh = -h;
        double e = Math.expm1(hh);
        double b = bOf(hh, e);
        double cx = sigma[t] / sigma[s];
        double cm0 = -alpha[t] * e;
        if (prevOrder == 1) {
            double c = alpha[t] * b * 0.5;
            return LinearCombination.of(target, cx, lastSample, cm0 + c, m0, -c, mT);
        }
        NDArray mPrev = secondLast(); // m_{k−2}
        double r1 = (lambda[s - 1] - lambda[s]) / h;
        double g1 = e / hh - 1.0;
        double g2 = g1 / hh - 0.5;
        double b1 = g1 / b;
        double b2 = 2.0 * g2 / b;
        double rho0 = (b1 - b2) / (1.0 - r1);
        double rho1 = (b2 - r1 * b1) / (1.0 - r1);
        // base − α_t·B·(ρ0·(mPrev − m0)/r1 + ρ1·(mT − m0))
        double cPrev = alpha[t] * b * rho0 / r1;
        double cT = alpha[t] * b * rho1;
        return LinearCombination.of(target, new double[] {cx, cm0 + cPrev + cT, -cPrev, -cT},
                lastSample, m0, mPrev, mT);
    }

    private double bOf(double hh, double expm1) {
        return config.variant() == UniPcVariant.BH1 ? hh : expm1;
    }

    private NDArray secondLast() {
        var it = history.descendingIterator();
        it.next();
        return it.next();
    }

    @Override
    public void close() {
        history.clear();
        lastSample = null;
        state.close();
    }
}
