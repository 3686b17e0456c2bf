package io.likeness.stack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One server of the stack running as a child process: its output goes to a log file, its pid to a pid file
 * (so {@code deploy/likeness down} can stop it even if the launcher died), and {@link #stop} ends it and every
 * process it started: SIGTERM first, SIGKILL after a grace period.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Optional<Path> pidFile;

    private ChildProcess(String name, Process process, Path logFile, Optional<Path> pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} in {@code workDir} with extra environment variables, appending stdout and stderr
     * to {@code logFile}. Writes the pid to {@code pidFile} when given.
     */
    public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
                                     Path logFile, Optional<Path> pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (pidFile.isPresent()) {
                Files.createDirectories(pidFile.get().getParent());
                Files.writeString(pidFile.get(), Long.toString(process.pid()), StandardCharsets.UTF_8);
            }
            return new ChildProcess(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the process to exit; true if it did within {@code timeout}. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exit code, if it has exited. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Fails fast with the tail of the log when the process died while we were waiting for it. */
    public void requireAlive(String whileDoing) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while "
                    + whileDoing + "; last lines of " + logFile + ":\n" + tail(40));
        }
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the process and its descendants, SIGKILL after {@code grace}; removes the pid file. */
    public void stop(Duration grace) {
        terminate(process.toHandle(), grace);
        pidFile.ifPresent(p -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort
            }
        });
    }

    /** Ends a process tree: SIGTERM, wait up to {@code grace}, then SIGKILL whatever is left. */
    public static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(root.descendants().toList());
        tree.addFirst(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception timeoutOrInterrupt) {
                // fall through to the forcible kill
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
