package io.likeness.gpuworker;

import io.likeness.testkit.RealInfraResource;
import io.likeness.testkit.ServiceBootContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gpu-worker boots against the real Kafka broker and S3 server of the test harness. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class GpuWorkerBootsTest extends ServiceBootContract {
}
