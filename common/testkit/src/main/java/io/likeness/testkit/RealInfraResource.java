package io.likeness.testkit;

import io.likeness.contracts.storage.StorageSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: points the application under test at the real Kafka broker and S3 server of
 * {@link RealInfra} (started once per JVM, shared by every Quarkus test of the module).
 * Use with {@code @WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public final class RealInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        StorageSettings s3 = RealInfra.storage();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", RealInfra.bootstrapServers());
        config.put("likeness.storage.endpoint", s3.endpoint().orElseThrow().toString());
        config.put("likeness.storage.bucket", s3.bucket());
        config.put("likeness.storage.region", s3.region());
        config.put("likeness.storage.access-key", s3.accessKey().orElseThrow());
        config.put("likeness.storage.secret-key", s3.secretKey().orElseThrow());
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // the servers live as long as the test JVM (RealInfra stops them at exit)
    }
}
