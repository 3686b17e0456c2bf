package io.likeness.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLogTest {

    @Test
    void reopeningDropsRowsAfterTheCheckpointAndPlotsAPng(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("losses.csv");
        try (LossLog log = new LossLog(csv)) {
            log.open(0);
            for (int s = 1; s <= 10; s++) {
                Map<String, Double> l = new LinkedHashMap<>();
                l.put("loss", 1.0 / s);
                l.put("mse", 2.0 / s);
                log.append(s, 0.5, 1e-3, 1.0, l);
            }
        }
        try (LossLog log = new LossLog(csv)) {
            log.open(6);
            log.append(7, 0.5, 1e-3, 1.0, Map.of("loss", 0.25, "mse", 0.5));
        }
        Map<String, double[]> cols = LossLog.read(csv);
        assertThat(cols.keySet()).containsExactly("step", "seconds", "lr", "grad_norm", "loss", "mse");
        assertThat(cols.get("step")).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(cols.get("loss")[6]).isEqualTo(0.25);
        Path png = dir.resolve("loss.png");
        LossLog.plot(csv, png, "test");
        assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void movingAverageUsesTheAvailablePrefix() {
        assertThat(LossLog.movingAverage(new double[] {2, 4, 6, 8}, 2)).containsExactly(2, 3, 5, 7);
    }
}
