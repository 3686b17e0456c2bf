package io.likeness.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.trainer.foundation.BaseStage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train base --text-only-share}: the share reaches the stage's settings, and shares outside [0, 1] are refused. */
class TrainBaseOptionsTest {

    @TempDir
    Path work;

    @Test
    void theTextOnlyShareReplacesTheDefaultAndKeepsEverythingElse() {
        BaseStage.Settings d = BaseStage.Settings.defaults();
        BaseStage.Settings s = d.withFaceWeight(4).withWordContext(true).withTextOnlyShare(0.75);
        assertThat(s.noIdentity()).isEqualTo(0.75);
        assertThat(d.noIdentity()).isEqualTo(0.40);
        assertThat(s).isEqualTo(new BaseStage.Settings(d.batch(), d.learningRate(), d.emptyPrompt(), 0.75,
                d.noPose(), d.minSnrGamma(), d.ema(), d.sampleSteps(), 4, true));
        assertThat(d.withTextOnlyShare(0).noIdentity()).isZero();
        assertThat(d.withTextOnlyShare(1).noIdentity()).isEqualTo(1);
        for (double bad : new double[] {-0.1, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> d.withTextOnlyShare(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("text-only share");
        }
    }

    @Test
    void theCommandRefusesASharePastOneBeforeTouchingAnyFile() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainerMain());
        cli.setErr(new PrintWriter(err));
        Path missing = work.resolve("missing");
        int exit = cli.execute("train", "base", "--text-only-share", "1.5", "--data", missing.toString(),
                "--validation", missing.toString(), "--vae", missing.toString(), "--clip", missing.toString(),
                "--identity", missing.toString(), "--run-dir", work.resolve("run").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--text-only-share must be between 0 and 1, not 1.5");
        assertThat(work.resolve("run")).doesNotExist();
    }
}
