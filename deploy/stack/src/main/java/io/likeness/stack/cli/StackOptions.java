package io.likeness.stack.cli;

import io.likeness.stack.infra.StackLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand shares: where the checkout and its var/ directory are, and the fixed ports. */
public final class StackOptions {

    @Option(names = "--var", description = "State directory (Kafka data, S3 objects, logs, pid files). Default: <checkout>/var")
    Path var;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "9093", description = "KRaft controller port (default ${DEFAULT-VALUE})")
    int kafkaControllerPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "S3 API port (default ${DEFAULT-VALUE})")
    int s3Port;

    @Option(names = "--bucket", defaultValue = "likeness", description = "Bucket (default ${DEFAULT-VALUE})")
    String bucket;

    StackLayout layout() {
        return StackLayout.discover();
    }

    Path varDir() {
        return (var != null ? var : layout().root().resolve("var")).toAbsolutePath().normalize();
    }

    Path runDir() {
        return varDir().resolve("run");
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }
}
