package io.likeness.stack.cli;

import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageSettings;
import io.likeness.stack.infra.S3Server;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A small S3 client (AWS SDK v2) for the local bucket: {@code deploy/likeness s3 ls [prefix]}. */
@Command(name = "s3", description = "List the local bucket with the AWS SDK S3 client: s3 ls [prefix]")
final class S3Command implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Parameters(index = "0", description = "ls")
    String verb;

    @Parameters(index = "1", arity = "0..1", defaultValue = "", description = "key prefix")
    String prefix;

    @Override
    public Integer call() {
        if (!"ls".equals(verb)) {
            System.err.println("likeness s3: only 'ls [prefix]' is supported");
            return 2;
        }
        StorageSettings settings = StorageSettings.local(URI.create("http://127.0.0.1:" + options.s3Port),
                options.bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        try (S3ObjectStore store = new S3ObjectStore(settings)) {
            if (!store.isReachable()) {
                System.err.println("likeness s3: bucket '" + options.bucket + "' not reachable at " + settings.endpoint().orElseThrow());
                return 1;
            }
            var keys = store.list(prefix);
            System.out.println("s3://" + options.bucket + "/" + prefix + "  (" + keys.size() + " objects)");
            keys.forEach(k -> System.out.println("  " + k));
            return 0;
        }
    }
}
