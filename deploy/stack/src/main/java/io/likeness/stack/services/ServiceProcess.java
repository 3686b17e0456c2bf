package io.likeness.stack.services;

import io.likeness.contracts.storage.StorageSettings;
import io.likeness.stack.infra.ChildProcess;
import io.likeness.stack.infra.JavaCommand;
import io.likeness.stack.infra.StackLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A packaged Quarkus service started as a child JVM, configured through environment variables. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final ChildProcess process;

    private ServiceProcess(ServiceSpec spec, ChildProcess process) {
        this.spec = spec;
        this.process = process;
    }

    /**
     * Starts the service's {@code target/quarkus-app/quarkus-run.jar} against the given Kafka and S3.
     *
     * @param extraEnv more configuration, e.g. {@code QUARKUS_LOG_CONSOLE_JSON=true}
     */
    public static ServiceProcess start(StackLayout layout, ServiceSpec spec, String bootstrap, StorageSettings s3,
                                       Path varDir, Optional<Path> runDir, Map<String, String> extraEnv) {
        Path jar = layout.serviceJar(spec.name());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(spec.name() + " is not built (" + jar + " missing): run ./mvnw -DskipTests package");
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        s3.endpoint().ifPresent(e -> env.put("LIKENESS_STORAGE_ENDPOINT", e.toString()));
        env.put("LIKENESS_STORAGE_BUCKET", s3.bucket());
        env.put("LIKENESS_STORAGE_REGION", s3.region());
        s3.accessKey().ifPresent(k -> env.put("LIKENESS_STORAGE_ACCESS_KEY", k));
        s3.secretKey().ifPresent(k -> env.put("LIKENESS_STORAGE_SECRET_KEY", k));
        env.put("LIKENESS_VAR_DIR", varDir.toAbsolutePath().toString());
        env.putAll(extraEnv);
        List<String> jvm = List.of("-Xmx" + spec.heap(), "--enable-native-access=ALL-UNNAMED",
                "-Dlikeness.root=" + layout.root());
        ChildProcess child = ChildProcess.start(spec.name(), JavaCommand.jar(jvm, jar, List.of()),
                layout.root(), env, varDir.resolve("log").resolve(spec.name() + ".log"),
                runDir.map(r -> r.resolve(spec.name() + ".pid")));
        return new ServiceProcess(spec, child);
    }

    public ServiceSpec spec() {
        return spec;
    }

    public ChildProcess process() {
        return process;
    }

    /** Waits until {@code /q/health/ready} answers 200 (status UP), or fails with the service's last log lines. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            process.requireAlive("waiting for readiness");
            Optional<HttpResponse<String>> ready = readiness(spec);
            if (ready.isPresent() && ready.get().statusCode() == 200) {
                return;
            }
            last = ready.map(r -> r.statusCode() + " " + r.body()).orElse("connection refused");
            sleep(500);
        }
        throw new IllegalStateException(spec.name() + " not ready after " + timeout + " (last: " + last + ")\n"
                + process.tail(40));
    }

    /** One readiness probe; empty when nothing answers. */
    public static Optional<HttpResponse<String>> readiness(ServiceSpec spec) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        stop();
    }
}
