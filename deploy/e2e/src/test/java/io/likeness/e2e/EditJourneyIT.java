package io.likeness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.image.PngWriter;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.stack.infra.Ports;
import io.likeness.stack.infra.StackLayout;
import io.likeness.stack.services.ServiceProcess;
import io.likeness.stack.services.ServiceSpec;
import io.likeness.testkit.RealInfra;
import io.likeness.trainer.publish.UntrainedBootstrap;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One edit job through every hop of the product, nothing faked: the packaged gateway, mask worker and GPU
 * worker as processes, the real KRaft broker and S3 server, a real (untrained, tiny) MCDM checkpoint published by
 * the trainer's publisher and loaded from S3 by both workers. Upload → SSE (state changes and every denoising
 * step) → succeeded → the result decodes at the input's resolution with the generation settings in its PNG text.
 */
class EditJourneyIT {

    private static final Path VAR = Path.of("target", "e2e-var");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceSpec gateway;

    @BeforeAll
    static void stack() throws Exception {
        RealInfra.get();
        try (S3ObjectStore store = RealInfra.objectStore()) {
            UntrainedBootstrap.publishIfNoActive(store, RealInfra.bootstrapServers(), 1);
        }
        gateway = new ServiceSpec("api-gateway", Ports.free(), "512m");
        for (ServiceSpec spec : List.of(gateway, new ServiceSpec("mask-worker", Ports.free(), "1536m"),
                new ServiceSpec("gpu-worker", Ports.free(), "1536m"))) {
            SERVICES.add(ServiceProcess.start(StackLayout.discover(), spec, RealInfra.bootstrapServers(),
                    RealInfra.storage(), VAR.resolve(spec.name()).toAbsolutePath(), java.util.Optional.empty(),
                    Map.of("QUARKUS_OTEL_SDK_DISABLED", "true")));
        }
        for (ServiceProcess s : SERVICES) {
            s.awaitReady(Duration.ofMinutes(4));
        }
    }

    @AfterAll
    static void stop() {
        SERVICES.forEach(ServiceProcess::stop);
    }

    @Test
    void anUploadBecomesAResultThroughEveryHop() throws Exception {
        awaitCatalog();
        byte[] portrait = portrait(240, 200);
        String boundary = "e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\ncontent-disposition: form-data; name=\"edit\"\r\n\r\nsanta-claus\r\n"
                + "--" + boundary + "\r\ncontent-disposition: form-data; name=\"steps\"\r\n\r\n8\r\n"
                + "--" + boundary + "\r\ncontent-disposition: form-data; name=\"image\"; filename=\"p.png\"\r\n"
                + "content-type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(portrait);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/edits"))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = field(accepted.body(), "id");

        HttpResponse<java.util.stream.Stream<String>> sse = HTTP.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/edits/" + id + "/events")).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(sse.statusCode()).isEqualTo(200);
        List<String> lines = java.util.concurrent.CompletableFuture.supplyAsync(() -> sse.body().toList())
                .get(5, TimeUnit.MINUTES);
        List<String> events = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(events).contains("progress");
        assertThat(data.stream().filter(d -> d.contains("\"state\":\"masked\"")).count()).isPositive();
        assertThat(data.getLast()).contains("\"state\":\"succeeded\"");
        assertThat(data.getLast()).contains("\"checkpointVersion\":\"" + UntrainedBootstrap.VERSION + "\"");

        HttpResponse<byte[]> result = HTTP.send(HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/v1/edits/" + id + "/result")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(result.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.body()));
        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(image.getHeight()).isEqualTo(200);
        Map<String, String> text = PngWriter.readText(result.body());
        assertThat(text).containsEntry("likeness.checkpoint", UntrainedBootstrap.VERSION).containsEntry("likeness.steps", "8");
        System.out.println("EditJourneyIT: job " + id + " " + field(HTTP.send(HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/v1/edits/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body(), "state")
                + "; SSE events: " + events.size());
    }

    private static void awaitCatalog() throws Exception {
        for (int i = 0; i < 120; i++) {
            var r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/edits/catalog")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the gateway never saw a promoted checkpoint");
    }

    private static byte[] portrait(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(170, 200, 190));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(200, 150, 110));
        g.fillOval(w / 3, h / 6, w / 3, h / 2);
        g.setColor(new Color(200, 80, 50));
        g.fillRect(w / 5, h * 3 / 4, w * 3 / 5, h / 4);
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
