package io.likeness.contracts.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Gives every service one {@link ObjectStore} built from {@code likeness.storage.*}. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    public ObjectStore objectStore(StorageConfig config) {
        return new S3ObjectStore(config.settings());
    }

    void close(@Disposes ObjectStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // shutting down: nothing useful to do
            }
        }
    }
}
