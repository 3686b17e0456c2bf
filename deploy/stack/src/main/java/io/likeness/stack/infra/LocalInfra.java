package io.likeness.stack.infra;

import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The two stateful servers of Likeness on this machine: a KRaft Kafka broker and an S3 server, with the
 * topics and the bucket created. Used by the stack launcher (fixed ports, data under {@code var/}) and by the
 * test harness (free ports, a fresh directory per test JVM).
 */
public final class LocalInfra implements AutoCloseable {

    /** Ports and directories. {@code runDir} holds pid files; empty = no pid files (tests). */
    public record Options(Path varDir, int kafkaPort, int kafkaControllerPort, int s3Port, String bucket,
                          Optional<Path> runDir, String kafkaHeap) {

        public static Options forTests(Path varDir) {
            return new Options(varDir, Ports.free(), Ports.free(), Ports.free(), "likeness", Optional.empty(), "512m");
        }
    }

    private final KafkaBroker kafka;
    private final S3Server s3;
    private final List<String> createdTopics;

    private LocalInfra(KafkaBroker kafka, S3Server s3, List<String> createdTopics) {
        this.kafka = kafka;
        this.s3 = s3;
        this.createdTopics = createdTopics;
    }

    /** Starts Kafka and S3 concurrently, then creates topics and bucket. */
    public static LocalInfra start(StackLayout layout, Options o) {
        Path logs = o.varDir().resolve("log");
        var kafkaOptions = new KafkaBroker.Options(o.varDir().resolve("kafka"), logs.resolve("kafka.log"),
                o.runDir().map(r -> r.resolve("kafka.pid")), o.kafkaPort(), o.kafkaControllerPort(), o.kafkaHeap());
        var s3Options = new S3Server.Options(o.varDir().resolve("s3"), logs.resolve("s3proxy.log"),
                o.runDir().map(r -> r.resolve("s3proxy.pid")), o.s3Port(), o.bucket());
        var s3Start = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> S3Server.start(layout, s3Options, Duration.ofSeconds(90)));
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(layout, kafkaOptions, Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            s3Start.thenAccept(S3Server::stop);
            throw e;
        }
        S3Server s3;
        try {
            s3 = s3Start.join();
        } catch (RuntimeException e) {
            kafka.stop();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<String> created = TopicProvisioner.ensure(kafka.bootstrapServers(), Topics.ALL);
        return new LocalInfra(kafka, s3, created);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public StorageSettings storage() {
        return s3.settings();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public S3Server s3() {
        return s3;
    }

    /** Topics this start created (empty when the data directory already had them). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    @Override
    public void close() {
        s3.stop();
        kafka.stop();
    }
}
