package io.likeness.trainer.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code losses.csv} (one row per step: step, seconds, learning rate, gradient norm, then each loss) and its plot
 * {@code loss.png} (raw values faint, a moving average bold, log scale). On resume, rows after the checkpoint's step
 * are dropped, because the resumed run recomputes them.
 */
public final class LossLog implements AutoCloseable {

    private final Path csv;
    private BufferedWriter out;
    private List<String> columns;

    public LossLog(Path csv) {
        this.csv = csv;
    }

    /** Opens for appending after keeping only the rows with step ≤ {@code keepThrough}. */
    public void open(long keepThrough) throws IOException {
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("step,")) {
                    kept.add(line);
                    columns = List.of(line.split(","));
                } else if (!line.isBlank() && Long.parseLong(line.substring(0, line.indexOf(','))) <= keepThrough) {
                    kept.add(line);
                }
            }
            Files.write(csv, kept, StandardCharsets.UTF_8);
        }
        out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public void append(long step, double seconds, double lr, double gradNorm, Map<String, Double> losses)
            throws IOException {
        if (columns == null) {
            columns = new ArrayList<>(List.of("step", "seconds", "lr", "grad_norm"));
            columns.addAll(losses.keySet());
            out.write(String.join(",", columns));
            out.newLine();
        }
        StringBuilder b = new StringBuilder();
        b.append(step).append(',').append(String.format(Locale.ROOT, "%.3f,%.3e,%.4f", seconds, lr, gradNorm));
        for (String column : columns.subList(4, columns.size())) {
            Double v = losses.get(column);
            b.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6f", v));
        }
        out.write(b.toString());
        out.newLine();
    }

    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** Reads the CSV: column → values (step first). */
    public static Map<String, double[]> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Map<String, double[]> out = new LinkedHashMap<>();
        if (lines.isEmpty()) {
            return out;
        }
        String[] head = lines.get(0).split(",");
        int n = lines.size() - 1;
        for (String h : head) {
            out.put(h, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int c = 0; c < head.length && c < cells.length; c++) {
                out.get(head[c])[i] = Double.parseDouble(cells[c]);
            }
        }
        return out;
    }

    /** Plots every loss column of {@code csv} against the step into {@code png}. */
    public static void plot(Path csv, Path png, String title) throws IOException {
        Map<String, double[]> cols = read(csv);
        double[] steps = cols.get("step");
        if (steps == null || steps.length < 2) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("loss (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#"); // "12000", not "12,000": grouped labels ran into each other
        chart.getStyler().setXAxisTickMarkSpacingHint(100);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        int window = Math.max(1, steps.length / 50);
        for (Map.Entry<String, double[]> e : cols.entrySet()) {
            String name = e.getKey();
            if (List.of("step", "seconds", "lr", "grad_norm").contains(name)) {
                continue;
            }
            double[] y = positive(e.getValue());
            XYSeries raw = chart.addSeries(name + " (raw)", steps, y);
            raw.setMarker(SeriesMarkers.NONE);
            raw.setLineWidth(0.5f);
            raw.setLineColor(new java.awt.Color(180, 180, 180));
            XYSeries avg = chart.addSeries(name + " (mean of " + window + ")", steps, movingAverage(y, window));
            avg.setMarker(SeriesMarkers.NONE);
            avg.setLineWidth(2f);
        }
        BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] positive(double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-8);
        }
        return out;
    }

    static double[] movingAverage(double[] y, int window) {
        double[] out = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i];
            if (i >= window) {
                sum -= y[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
