package io.likeness.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RealInfraExtension.class)
class ObjectStoreRoundTripTest {

    @Test
    void anObjectWrittenIsReadBackByteForByte() throws Exception {
        String jobId = UUID.randomUUID().toString();
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        try (S3ObjectStore store = RealInfra.objectStore()) {
            String key = StorageKeys.jobResult(jobId);
            assertThat(store.exists(key)).isFalse();
            assertThat(store.get(key)).isEmpty();

            store.put(key, bytes, "image/png", Map.of("job-id", jobId));

            assertThat(store.exists(key)).isTrue();
            assertThat(store.get(key)).hasValueSatisfying(got -> assertThat(got).isEqualTo(bytes));
            try (InputStream in = store.open(key).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void filesListingPresigningAndDeletion(@TempDir Path tmp) throws Exception {
        String prefix = StorageKeys.datasetPrefix("ds-" + UUID.randomUUID());
        Path file = Files.write(tmp.resolve("shard.tar"), "shard-bytes".getBytes());
        try (S3ObjectStore store = RealInfra.objectStore()) {
            store.putFile(prefix + "shard-000001.tar", file, "application/x-tar");
            store.put(prefix + "manifest.json", "{}".getBytes(), "application/json");
            store.put(prefix + "shard-000000.tar", "first".getBytes(), "application/x-tar");

            assertThat(store.list(prefix)).containsExactly(
                    prefix + "manifest.json", prefix + "shard-000000.tar", prefix + "shard-000001.tar");

            Path back = tmp.resolve("back.tar");
            assertThat(store.getFile(prefix + "shard-000001.tar", back)).isTrue();
            assertThat(Files.readString(back)).isEqualTo("shard-bytes");
            assertThat(store.getFile(prefix + "missing.tar", tmp.resolve("none"))).isFalse();

            URI url = store.presignGet(prefix + "manifest.json", Duration.ofMinutes(5));
            HttpResponse<String> viaUrl = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(viaUrl.statusCode()).isEqualTo(200);
            assertThat(viaUrl.body()).isEqualTo("{}");

            store.delete(prefix + "manifest.json");
            assertThat(store.exists(prefix + "manifest.json")).isFalse();
        }
    }

    @Test
    void keysRefuseIdsThatCouldEscapeTheirPrefix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StorageKeys.jobResult("../models"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StorageKeys.jobResult("a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
