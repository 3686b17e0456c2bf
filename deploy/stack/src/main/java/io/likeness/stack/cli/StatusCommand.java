package io.likeness.stack.cli;

import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.stack.infra.KafkaBroker;
import io.likeness.stack.infra.S3Server;
import io.likeness.stack.services.ServiceProcess;
import io.likeness.stack.services.ServiceSpec;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What runs, whether it is ready, and the topics with their partitions. Exit code 0 only if all is UP. */
@Command(name = "status", description = "Show each component's process and readiness, and the Kafka topics.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        var run = options.runDir();
        boolean allUp = true;
        System.out.printf("%-12s %-8s %-7s %s%n", "component", "pid", "state", "detail");
        Optional<ProcessHandle> launcher = PidFiles.alive(run, PidFiles.LAUNCHER);
        System.out.printf("%-12s %-8s %-7s%n", "launcher", launcher.map(p -> Long.toString(p.pid())).orElse("-"),
                launcher.isPresent() ? "running" : "stopped");

        Map<String, Integer> topics = new TreeMap<>();
        boolean kafkaUp;
        try (Admin admin = KafkaBroker.admin(options.bootstrap())) {
            var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            descriptions.forEach((n, d) -> topics.put(n, d.partitions().size()));
            kafkaUp = true;
        } catch (Exception e) {
            kafkaUp = false;
        }
        allUp &= kafkaUp;
        System.out.printf("%-12s %-8s %-7s %s%n", "kafka", pid(run, "kafka"), kafkaUp ? "UP" : "DOWN",
                options.bootstrap() + (kafkaUp ? ", " + topics.size() + " topics" : ""));

        boolean s3Up;
        try (S3ObjectStore store = new S3ObjectStore(io.likeness.contracts.storage.StorageSettings.local(
                URI.create("http://127.0.0.1:" + options.s3Port), options.bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY))) {
            s3Up = store.isReachable();
        }
        allUp &= s3Up;
        System.out.printf("%-12s %-8s %-7s %s%n", "s3proxy", pid(run, "s3proxy"), s3Up ? "UP" : "DOWN",
                "http://127.0.0.1:" + options.s3Port + " bucket " + options.bucket);

        for (ServiceSpec spec : ServiceSpec.ALL) {
            var ready = ServiceProcess.readiness(spec);
            boolean up = ready.isPresent() && ready.get().statusCode() == 200;
            allUp &= up;
            System.out.printf("%-12s %-8s %-7s %s%n", spec.name(), pid(run, spec.name()),
                    up ? "UP" : ready.isPresent() ? "DOWN" : "-", spec.baseUrl() + "/q/health/ready");
        }
        if (!topics.isEmpty()) {
            System.out.println();
            System.out.printf("%-32s %s%n", "topic", "partitions");
            topics.forEach((n, p) -> System.out.printf("%-32s %d%n", n, p));
        }
        return allUp ? 0 : 1;
    }

    private static String pid(java.nio.file.Path run, String name) {
        return PidFiles.alive(run, name).map(p -> Long.toString(p.pid())).orElse("-");
    }
}
