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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller), run from the
 * {@code kafka_2.13} jars of Maven Central in a child JVM. The data directory is formatted once and reused,
 * so a second start keeps every topic and record.
 */
public final class KafkaBroker implements AutoCloseable {

    /** How a broker is laid out and reached. */
    public record Options(Path dataDir, Path logFile, Optional<Path> pidFile, int port, int controllerPort,
                          String heap) {
    }

    private final Options options;
    private final ChildProcess process;

    private KafkaBroker(Options options, ChildProcess process) {
        this.options = options;
        this.process = process;
    }

    public static KafkaBroker start(StackLayout layout, Options options, Duration readyTimeout) {
        Path config = writeConfig(options);
        formatIfNeeded(layout, options, config);
        List<String> jvm = List.of("-Xms256m", "-Xmx" + options.heap(), "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + writeLogConfig(options).toUri(),
                "-Dkafka.logs.dir=" + options.dataDir().resolve("logs"));
        ChildProcess child = ChildProcess.start("kafka",
                JavaCommand.main(jvm, layout.kafkaClasspath(), "kafka.Kafka", List.of(config.toString())),
                options.dataDir(), Map.of(), options.logFile(), options.pidFile());
        KafkaBroker broker = new KafkaBroker(options, child);
        try {
            broker.awaitReady(readyTimeout);
        } catch (RuntimeException e) {
            child.stop(Duration.ofSeconds(5));
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + options.port();
    }

    public ChildProcess process() {
        return process;
    }

    /** Polls until the cluster answers an Admin call, or fails with the broker's last log lines. */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            process.requireAlive("starting");
            try (Admin admin = admin(bootstrapServers())) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e.getMessage(), e);
                sleep(250);
            }
        }
        throw new IllegalStateException("Kafka did not become ready within " + timeout + ": "
                + (last == null ? "" : last.getMessage()) + "\n" + process.tail(40), last);
    }

    /** An Admin client with short timeouts, for probes and provisioning. */
    public static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 200);
        return Admin.create(props);
    }

    private static Path writeConfig(Options o) {
        String config = String.join("\n",
                "# written by the Likeness stack launcher",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + o.controllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + o.port() + ",CONTROLLER://127.0.0.1:" + o.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + o.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + o.dataDir().resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=12",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "log.segment.bytes=67108864",
                "");
        try {
            Files.createDirectories(o.dataDir());
            Path file = o.dataDir().resolve("server.properties");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeLogConfig(Options o) {
        String config = String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka", "logger.kafka.level = warn",
                "logger.kafkaorg.name = org.apache.kafka", "logger.kafkaorg.level = warn",
                "logger.server.name = kafka.server.KafkaRaftServer", "logger.server.level = info",
                "");
        try {
            Path file = o.dataDir().resolve("log4j2.properties");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kafka-storage format} once: the presence of meta.properties marks a formatted data dir. */
    private static void formatIfNeeded(StackLayout layout, Options o, Path config) {
        if (Files.exists(o.dataDir().resolve("data/meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess format = ChildProcess.start("kafka-storage-format",
                JavaCommand.main(List.of("-Xmx256m"), layout.kafkaClasspath(), "kafka.tools.StorageTool",
                        List.of("format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted")),
                o.dataDir(), Map.of(), o.dataDir().resolve("format.log"), Optional.empty());
        try {
            if (!format.waitFor(Duration.ofSeconds(120))) {
                format.stop(Duration.ofSeconds(2));
                throw new IllegalStateException("kafka-storage format did not finish in 120 s");
            }
            if (format.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException("kafka-storage format failed:\n" + format.tail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
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
        process.stop(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }
}
