package io.likeness.contracts.health;

import io.likeness.contracts.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the bucket answers: every service reads or writes S3 on its hot path. */
@Readiness
@ApplicationScoped
public class ObjectStoreReadinessCheck implements HealthCheck {

    private final ObjectStore store;

    @Inject
    public ObjectStoreReadinessCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = store.isReachable();
        return HealthCheckResponse.named("object-store")
                .status(up)
                .withData("bucket", store.bucket())
                .build();
    }
}
