package io.likeness.stack.cli;

import io.likeness.contracts.kafka.TopicSpec;
import io.likeness.contracts.kafka.Topics;
import io.likeness.stack.infra.LocalInfra;
import io.likeness.stack.infra.Ports;
import io.likeness.stack.infra.StackLayout;
import io.likeness.stack.services.ServiceProcess;
import io.likeness.stack.services.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Starts everything in the foreground and keeps it running until Ctrl-C (or {@code down}), then stops every
 * child process: services first, then S3 and Kafka. A second {@code up} reuses the data under var/.
 */
@Command(name = "up", description = "Start Kafka, S3Proxy and the four services; wait until all are ready; run until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--infra-only", description = "Start only Kafka and S3 (for running services from an IDE).")
    boolean infraOnly;

    @Option(names = "--json-logs", description = "Services log in JSON (one object per line).")
    boolean jsonLogs;

    @Option(names = "--otlp-endpoint", description = "Export traces to this OTLP endpoint (e.g. http://127.0.0.1:4317); default: tracing off.")
    String otlpEndpoint;

    @Option(names = "--no-demo", description = "Do not submit the bundled sample portrait once everything is ready.")
    boolean noDemo;

    @Option(names = "--demo-edit", defaultValue = "santa-claus", description = "Edit direction of the demo job (default ${DEFAULT-VALUE}).")
    String demoEdit;

    @Option(names = "--ready-timeout", defaultValue = "PT4M", description = "How long each service may take to become ready (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    private final List<ServiceProcess> services = new ArrayList<>();
    private volatile LocalInfra infra;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        StackLayout layout = options.layout();
        var run = options.runDir();
        Optional<ProcessHandle> other = PidFiles.alive(run, PidFiles.LAUNCHER);
        if (other.isPresent()) {
            System.err.println("likeness: the stack is already running (launcher pid " + other.get().pid()
                    + "). Use 'deploy/likeness status' or 'deploy/likeness down'.");
            return 2;
        }
        List<ServiceSpec> specs = infraOnly ? List.of() : ServiceSpec.ALL;
        List<String> busy = busyPorts(specs);
        if (!busy.isEmpty()) {
            System.err.println("likeness: ports already in use: " + String.join(", ", busy)
                    + ". Stop whatever listens there (or an old stack: 'deploy/likeness down') and retry.");
            return 2;
        }
        PidFiles.write(run, PidFiles.LAUNCHER, ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "likeness-stop"));

        long t0 = System.nanoTime();
        say("starting Kafka (KRaft) and S3Proxy, data under " + options.varDir());
        infra = LocalInfra.start(layout, new LocalInfra.Options(options.varDir(), options.kafkaPort,
                options.kafkaControllerPort, options.s3Port, options.bucket, Optional.of(run), "768m"));
        say("Kafka ready at " + infra.bootstrapServers() + " (" + (infra.createdTopics().isEmpty()
                ? "topics already present" : "created " + infra.createdTopics().size() + " topics") + ")");
        say("S3 ready at " + infra.storage().endpoint().orElseThrow() + ", bucket '" + options.bucket + "'");

        Map<String, String> env = new HashMap<>();
        env.put("LIKENESS_WEBHOOKS_SECRETS", WebhookSecret.loadOrCreate(options.varDir()));
        // a local stack delivers to receivers on this machine too (production keeps them refused)
        env.put("LIKENESS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
        // when nothing is promoted yet (or only the untrained bootstrap or an earlier shipped default), the trainer
        // publishes the shipped default checkpoint (models/default), or an (honestly labelled) untrained one if this
        // checkout has no default
        java.nio.file.Path shipped = layout.root().resolve("models/default");
        if (java.nio.file.Files.exists(shipped.resolve("manifest.json"))) {
            env.put("LIKENESS_TRAINER_DEFAULT_CHECKPOINT", shipped.toString());
        }
        env.put("LIKENESS_TRAINER_BOOTSTRAP_UNTRAINED", "true");
        // training requests and the diffusion pair generator use the same work directory as 'deploy/likeness
        // trainer' (var/train): runs started from either resume in the other; a run directory lock keeps them apart
        env.put("LIKENESS_TRAINER_TRAINING_WORK_DIR", options.varDir().resolve("train").toString());
        env.put("LIKENESS_TRAINER_PAIRS_FOUNDATION", options.varDir().resolve("train/runs").toString());
        if (otlpEndpoint == null) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true"); // no collector locally: don't log failed exports
        } else {
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlpEndpoint);
        }
        if (jsonLogs) {
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        }
        for (ServiceSpec spec : specs) {
            services.add(ServiceProcess.start(layout, spec, infra.bootstrapServers(), infra.storage(),
                    options.varDir(), Optional.of(run), env));
        }
        say("starting " + specs.size() + " services (logs: deploy/likeness logs)");
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(() -> {
                    s.awaitReady(readyTimeout);
                    say(String.format("%-12s ready  %s", s.spec().name(), s.spec().baseUrl()));
                })).toArray(CompletableFuture[]::new)).join();

        double seconds = (System.nanoTime() - t0) / 1e9;
        printSummary(seconds);
        if (!noDemo && !services.isEmpty()) {
            awaitCatalog();
            Demo.run(ServiceSpec.API_GATEWAY.baseUrl(), layout.root().resolve("deploy/demo/portrait.png"), demoEdit,
                    options.varDir().resolve("demo"));
        }
        stopped.await();
        return 0;
    }

    /** The trainer publishes the bootstrap checkpoint just after start; the demo needs the catalog. */
    private static void awaitCatalog() throws InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            try {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        ServiceSpec.API_GATEWAY.baseUrl() + "/v1/edits/catalog")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            Thread.sleep(1000);
        }
    }

    private List<String> busyPorts(List<ServiceSpec> specs) {
        List<String> busy = new ArrayList<>();
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("kafka", options.kafkaPort);
        ports.put("kafka-controller", options.kafkaControllerPort);
        ports.put("s3", options.s3Port);
        specs.forEach(s -> ports.put(s.name(), s.port()));
        ports.forEach((name, port) -> {
            if (Ports.inUse(port)) {
                busy.add(port + " (" + name + ")");
            }
        });
        return busy;
    }

    private void printSummary(double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nall ready in %.1f s%n", seconds));
        out.append(String.format("  Kafka        %s   topics:", infra.bootstrapServers()));
        for (TopicSpec t : Topics.ALL) {
            out.append(' ').append(t.name()).append('(').append(t.partitions()).append(')');
        }
        out.append(String.format("%n  S3           %s   bucket: %s%n", infra.storage().endpoint().orElseThrow(),
                infra.storage().bucket()));
        for (ServiceProcess s : services) {
            out.append(String.format("  %-12s %s   health: %s/q/health  metrics: %s/q/metrics%n",
                    s.spec().name(), s.spec().baseUrl(), s.spec().baseUrl(), s.spec().baseUrl()));
        }
        if (!services.isEmpty()) {
            out.append(String.format("  API docs     %s/q/swagger-ui%n", ServiceSpec.API_GATEWAY.baseUrl()));
            out.append(String.format("  webhooks are signed with the secret in %s%n", WebhookSecret.file(options.varDir())));
        }
        out.append("Ctrl-C (or 'deploy/likeness down' from another shell) stops everything.\n");
        System.out.print(out);
        System.out.flush();
    }

    private synchronized void stopAll() {
        say("stopping...");
        services.parallelStream().forEach(ServiceProcess::stop);
        if (infra != null) {
            infra.close();
        }
        PidFiles.delete(options.runDir(), PidFiles.LAUNCHER);
        say("stopped");
        stopped.countDown();
    }

    private static void say(String line) {
        System.out.println("likeness: " + line);
        System.out.flush();
    }
}
