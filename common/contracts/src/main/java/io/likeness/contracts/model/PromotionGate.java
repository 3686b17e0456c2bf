package io.likeness.contracts.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * "No regression": decides whether a candidate checkpoint may replace the active one, from their evaluation
 * metrics alone (pure; used by the trainer's publisher and by the gateway).
 *
 * <ul>
 *   <li>A metric counts when both records have it and its name has a higher-is-better token ({@code ssim},
 *       {@code psnr}, {@code iou}, {@code fidelity}, {@code identity}; tokens are separated by {@code _ - .}, so
 *       {@code val_psnr_db} and {@code mask-iou} count). Other metrics (losses, counts, timings) are ignored.</li>
 *   <li>Such a metric may not drop by more than {@code tolerance} × |active value| (relative; default 1 %).
 *       A candidate value that is not a finite number is a regression.</li>
 *   <li>No active model → promote.</li>
 * </ul>
 */
public record PromotionGate(double tolerance) {

    public static final double DEFAULT_TOLERANCE = 0.01;
    public static final Set<String> HIGHER_IS_BETTER = Set.of("ssim", "psnr", "iou", "fidelity", "identity");

    public PromotionGate {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), was " + tolerance);
        }
    }

    public static PromotionGate standard() {
        return new PromotionGate(DEFAULT_TOLERANCE);
    }

    /** The outcome, with one line per compared metric (why it passed or failed). */
    public record Decision(boolean promote, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }
    }

    public Decision evaluate(Map<String, Double> candidate, Optional<Map<String, Double>> active) {
        if (active.isEmpty()) {
            return new Decision(true, List.of("no active model: nothing to regress from"));
        }
        List<String> passed = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(active.get()).entrySet()) {
            String name = e.getKey();
            Double before = e.getValue();
            Double after = candidate.get(name);
            if (!higherIsBetter(name) || after == null || before == null || !Double.isFinite(before)) {
                continue;
            }
            double floor = before - tolerance * Math.abs(before);
            String line = String.format(Locale.ROOT, "%s: %.6g -> %.6g (floor %.6g)", name, before, after, floor);
            if (Double.isFinite(after) && after >= floor) {
                passed.add(line);
            } else {
                regressions.add(line + " regressed");
            }
        }
        if (!regressions.isEmpty()) {
            return new Decision(false, regressions);
        }
        if (passed.isEmpty()) {
            passed.add("no comparable metric: nothing regressed");
        }
        return new Decision(true, passed);
    }

    public Decision evaluate(ModelRecord candidate, Optional<ModelRecord> active) {
        return evaluate(candidate.metrics(), active.map(ModelRecord::metrics));
    }

    /** Whether the gate compares this metric: its name has a higher-is-better token (see the class comment). */
    public static boolean higherIsBetter(String metric) {
        for (String token : metric.toLowerCase(Locale.ROOT).split("[_\\-.]")) {
            if (HIGHER_IS_BETTER.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
