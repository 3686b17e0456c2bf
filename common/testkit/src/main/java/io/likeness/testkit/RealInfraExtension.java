package io.likeness.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(RealInfraExtension.class)} on a plain JUnit 5 test: makes sure the real Kafka broker and
 * S3 server run before the class's tests; reach them through {@link RealInfra}.
 */
public final class RealInfraExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        RealInfra.get();
    }
}
