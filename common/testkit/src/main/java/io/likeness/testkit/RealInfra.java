package io.likeness.testkit;

import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageSettings;
import io.likeness.stack.infra.LocalInfra;
import io.likeness.stack.infra.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Kafka broker (KRaft) and S3 server (S3Proxy) for tests: started once per test JVM on free ports,
 * in a fresh directory under the module's {@code target/}, stopped when the JVM exits. The same classes as
 * the local stack ({@link LocalInfra}), so tests exercise what users run. No Docker.
 */
public final class RealInfra {

    private static LocalInfra infra;

    private RealInfra() {
    }

    /** Starts the servers on first use; later calls return the running ones. */
    public static synchronized LocalInfra get() {
        if (infra == null) {
            StackLayout layout = StackLayout.discover();
            Path dir;
            try {
                Path target = Files.createDirectories(Path.of("target"));
                dir = Files.createTempDirectory(target.toAbsolutePath(), "likeness-infra-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long t0 = System.nanoTime();
            infra = LocalInfra.start(layout, LocalInfra.Options.forTests(dir));
            System.out.printf("likeness-testkit: Kafka %s and S3 %s up in %.1f s (data: %s)%n",
                    infra.bootstrapServers(), infra.storage().endpoint().orElseThrow(),
                    (System.nanoTime() - t0) / 1e9, dir);
            LocalInfra started = infra;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "likeness-testkit-stop"));
        }
        return infra;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    public static StorageSettings storage() {
        return get().storage();
    }

    /** A client for the test bucket; the caller closes it. */
    public static S3ObjectStore objectStore() {
        return new S3ObjectStore(storage());
    }
}
