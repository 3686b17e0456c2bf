package io.likeness.stack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The pid files under var/run: how {@code down} and {@code status} find processes the launcher started. */
final class PidFiles {

    static final String LAUNCHER = "stack";

    private PidFiles() {
    }

    static Optional<ProcessHandle> alive(Path runDir, String name) {
        Path file = runDir.resolve(name + ".pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<String> names(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void write(Path runDir, String name, long pid) throws IOException {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve(name + ".pid"), Long.toString(pid), StandardCharsets.UTF_8);
    }

    static void delete(Path runDir, String name) {
        try {
            Files.deleteIfExists(runDir.resolve(name + ".pid"));
        } catch (IOException e) {
            // best effort
        }
    }
}
