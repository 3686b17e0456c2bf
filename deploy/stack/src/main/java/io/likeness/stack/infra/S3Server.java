package io.likeness.stack.infra;

import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real S3 API server: S3Proxy with its filesystem backend, run from its Maven Central jar in a child JVM.
 * Objects are plain files under the data directory, so they survive restarts.
 */
public final class S3Server implements AutoCloseable {

    /** Credentials of the local server. Not secrets: it listens on loopback only. */
    public static final String ACCESS_KEY = "likeness";
    public static final String SECRET_KEY = "likeness-local-secret";

    public record Options(Path dataDir, Path logFile, Optional<Path> pidFile, int port, String bucket) {
    }

    private final Options options;
    private final ChildProcess process;

    private S3Server(Options options, ChildProcess process) {
        this.options = options;
        this.process = process;
    }

    public static S3Server start(StackLayout layout, Options options, Duration readyTimeout) {
        Path config = writeConfig(options);
        ChildProcess child = ChildProcess.start("s3proxy",
                JavaCommand.jar(List.of("-Xms64m", "-Xmx384m"), layout.s3proxyJar(),
                        List.of("--properties", config.toString())),
                options.dataDir(), Map.of(), options.logFile(), options.pidFile());
        S3Server server = new S3Server(options, child);
        try {
            server.awaitReadyAndBucket(readyTimeout);
        } catch (RuntimeException e) {
            child.stop(Duration.ofSeconds(5));
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + options.port());
    }

    public StorageSettings settings() {
        return StorageSettings.local(endpoint(), options.bucket(), ACCESS_KEY, SECRET_KEY);
    }

    public ChildProcess process() {
        return process;
    }

    private void awaitReadyAndBucket(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            process.requireAlive("starting");
            if (Ports.inUse(options.port())) {
                try (S3ObjectStore store = new S3ObjectStore(settings())) {
                    store.ensureBucket();
                    if (store.isReachable()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("S3Proxy did not become ready within " + timeout + ": "
                + (last == null ? "" : last.getMessage()) + "\n" + process.tail(40), last);
    }

    private static Path writeConfig(Options o) {
        try {
            Path objects = Files.createDirectories(o.dataDir().resolve("objects"));
            String config = String.join("\n",
                    "# written by the Likeness stack launcher",
                    "s3proxy.endpoint=http://127.0.0.1:" + o.port(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + objects,
                    "");
            Path file = o.dataDir().resolve("s3proxy.properties");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        stop();
    }
}
