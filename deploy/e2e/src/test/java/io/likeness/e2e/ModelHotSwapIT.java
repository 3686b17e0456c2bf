package io.likeness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.image.PngWriter;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.model.ModelRegistryWriter;
import io.likeness.contracts.model.Promotions;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.stack.infra.Ports;
import io.likeness.stack.infra.StackLayout;
import io.likeness.stack.services.ServiceProcess;
import io.likeness.stack.services.ServiceSpec;
import io.likeness.testkit.RealInfra;
import io.likeness.trainer.publish.ModelRegistryReader;
import io.likeness.trainer.publish.PromotionPolicy;
import io.likeness.trainer.publish.UntrainedBootstrap;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model hot-swap through the packaged services, nothing faked, no restart: job A is masked with v1; v2 is then
 * promoted through the gateway's model API; job B, submitted after the promotion, is masked with v2 by the same
 * mask-worker process; the GPU worker then edits A with v1 — the version A's mask was made with, recorded in its
 * EditMasked — and B with v2, as the job view and the generation settings in each result's PNG text show.
 *
 * <p>The GPU worker starts after the promotion, so A's edit runs when v2 is already active (the order of events
 * the test is about, without any timing assumption). Both versions are real tiny untrained checkpoints in S3.
 */
class ModelHotSwapIT {

    private static final Path VAR = Path.of("target", "e2e-var-hotswap");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static final String V1 = UntrainedBootstrap.VERSION;
    private static final String V2 = "mcdm-tiny-hotswap-" + UUID.randomUUID().toString().substring(0, 8);
    private static ServiceSpec gateway;

    @BeforeAll
    static void stack() throws Exception {
        RealInfra.get();
        try (S3ObjectStore store = RealInfra.objectStore()) {
            activate(store, V1);
            UntrainedBootstrap.publish(store, RealInfra.bootstrapServers(), V2, 2, Map.of(), PromotionPolicy.NONE);
        }
        gateway = new ServiceSpec("api-gateway", Ports.free(), "512m");
        for (ServiceSpec spec : List.of(gateway, new ServiceSpec("mask-worker", Ports.free(), "1536m"))) {
            start(spec);
        }
        for (ServiceProcess s : SERVICES) {
            s.awaitReady(Duration.ofMinutes(4));
        }
    }

    /** v1 is the bootstrap checkpoint (what EditJourneyIT expects active too, whatever the order of the two). */
    private static void activate(S3ObjectStore store, String version) throws Exception {
        Map<String, ModelRecord> registry = ModelRegistryReader.read(RealInfra.bootstrapServers(), Duration.ofSeconds(30));
        if (!registry.containsKey(version)) {
            UntrainedBootstrap.publish(store, RealInfra.bootstrapServers(), version, 1, Map.of(), PromotionPolicy.FORCE);
            return;
        }
        try (ModelRegistryWriter writer = new ModelRegistryWriter(RealInfra.bootstrapServers())) {
            writer.write(Promotions.promote(registry, version, Instant.now()).writes());
        }
    }

    private static ServiceProcess start(ServiceSpec spec) {
        ServiceProcess p = ServiceProcess.start(StackLayout.discover(), spec, RealInfra.bootstrapServers(),
                RealInfra.storage(), VAR.resolve(spec.name()).toAbsolutePath(), Optional.empty(),
                Map.of("QUARKUS_OTEL_SDK_DISABLED", "true"));
        SERVICES.add(p);
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        SERVICES.forEach(ServiceProcess::stop);
        try (S3ObjectStore store = RealInfra.objectStore()) {
            activate(store, V1);
        }
    }

    @Test
    void aMaskedJobKeepsItsVersionWhileNewJobsTakeThePromotedOne() throws Exception {
        awaitCatalog(V1);
        String jobA = submit();
        awaitJob(jobA, "masked", Duration.ofMinutes(3));
        assertThat(field(get("/v1/edits/" + jobA).body(), "checkpointVersion")).isEqualTo(V1);

        HttpResponse<String> promoted = post("/v1/models/" + V2 + "/promote");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        awaitCatalog(V2);
        String jobB = submit();
        awaitJob(jobB, "masked", Duration.ofMinutes(3));
        assertThat(field(get("/v1/edits/" + jobB).body(), "checkpointVersion")).isEqualTo(V2);

        ServiceProcess gpu = start(new ServiceSpec("gpu-worker", Ports.free(), "1536m"));
        gpu.awaitReady(Duration.ofMinutes(4));
        for (String[] job : List.of(new String[] {jobA, V1}, new String[] {jobB, V2})) {
            String body = awaitJob(job[0], "succeeded", Duration.ofMinutes(5));
            assertThat(field(body, "checkpointVersion")).as("job %s", job[0]).isEqualTo(job[1]);
            HttpResponse<byte[]> result = HTTP.send(HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/v1/edits/" + job[0] + "/result")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(PngWriter.readText(result.body())).containsEntry("likeness.checkpoint", job[1]);
        }
        String models = get("/v1/models").body();
        assertThat(field(models, "active")).isEqualTo(V2);
        System.out.printf("ModelHotSwapIT: job %s masked on %s, %s promoted through the API, job %s masked on %s; "
                + "a GPU worker started afterwards finished %s on %s and %s on %s; no service restarted%n",
                jobA, V1, V2, jobB, V2, jobA, V1, jobB, V2);
    }

    private static String submit() throws Exception {
        String boundary = "hotswap-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\ncontent-disposition: form-data; name=\"edit\"\r\n\r\nlaughing\r\n"
                + "--" + boundary + "\r\ncontent-disposition: form-data; name=\"steps\"\r\n\r\n4\r\n"
                + "--" + boundary + "\r\ncontent-disposition: form-data; name=\"image\"; filename=\"p.png\"\r\n"
                + "content-type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(portrait(200, 200));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/edits"))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return field(accepted.body(), "id");
    }

    private static String awaitJob(String id, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get("/v1/edits/" + id).body();
            if (body.contains("\"state\":\"" + state + "\"")) {
                return body;
            }
            assertThat(body).as("job %s", id).doesNotContain("\"state\":\"failed\"");
            Thread.sleep(300);
        }
        throw new AssertionError("job " + id + " never reached " + state + ": " + body);
    }

    private static void awaitCatalog(String version) throws Exception {
        for (int i = 0; i < 240; i++) {
            HttpResponse<String> r = get("/v1/edits/catalog");
            if (r.statusCode() == 200 && r.body().contains("\"checkpointVersion\":\"" + version + "\"")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway's catalog never named " + version);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] portrait(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(160, 190, 210));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(205, 155, 120));
        g.fillOval(w / 3, h / 6, w / 3, h / 2);
        g.dispose();
        return PngWriter.write(image, Map.of());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
