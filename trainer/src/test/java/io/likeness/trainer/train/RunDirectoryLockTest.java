package io.likeness.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryLockTest {

    @TempDir
    Path root;

    @Test
    void oneTrainingAtATimePerRunDirectory() throws Exception {
        RunDirectory dir = new RunDirectory(root);
        try (DirectoryLock held = dir.lock()) {
            assertThatThrownBy(() -> new RunDirectory(root).lock()).isInstanceOf(IOException.class)
                    .hasMessageContaining("is in use by another training");
        }
        try (DirectoryLock again = dir.lock()) {
            assertThat(again).isNotNull();
        }
    }
}
