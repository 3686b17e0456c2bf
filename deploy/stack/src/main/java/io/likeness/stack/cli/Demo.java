package io.likeness.stack.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of {@code up}: submits the bundled sample portrait ({@code deploy/demo/portrait.png}) through the real
 * stack, prints where the job and its result are, then follows the job and saves the result under var/demo/.
 */
final class Demo {

    private static final Pattern FIELD = Pattern.compile("\"(id|state)\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Demo() {
    }

    static void run(String gateway, Path portrait, String edit, Path outDir) {
        try {
            String boundary = "likeness-" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            part(body, boundary, "edit", null, edit.getBytes(StandardCharsets.UTF_8));
            part(body, boundary, "seed", null, "7".getBytes(StandardCharsets.UTF_8));
            part(body, boundary, "image", "portrait.png", Files.readAllBytes(portrait));
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/edits"))
                    .header("content-type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                say("demo: submission answered " + accepted.statusCode() + ": " + accepted.body());
                return;
            }
            String id = field(accepted.body(), "id");
            say("demo: submitted " + portrait.getFileName() + " as job " + id + " (edit " + edit + ")");
            say("demo:   status  " + gateway + "/v1/edits/" + id);
            say("demo:   events  curl -N " + gateway + "/v1/edits/" + id + "/events");
            say("demo:   result  " + gateway + "/v1/edits/" + id + "/result");
            Thread follower = new Thread(() -> follow(gateway, id, outDir), "likeness-demo");
            follower.setDaemon(true);
            follower.start();
        } catch (IOException | RuntimeException e) {
            say("demo: could not submit the sample portrait: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void follow(String gateway, String id, Path outDir) {
        long t0 = System.nanoTime();
        try {
            while (System.nanoTime() - t0 < Duration.ofMinutes(15).toNanos()) {
                HttpResponse<String> job = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/edits/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (job.statusCode() == 404) { // accepted a moment ago: the view catches up within a second
                    Thread.sleep(500);
                    continue;
                }
                String state = field(job.body(), "state");
                if ("succeeded".equals(state)) {
                    Files.createDirectories(outDir);
                    Path out = outDir.resolve(id + ".png");
                    HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/edits/" + id + "/result")).build(),
                            HttpResponse.BodyHandlers.ofFile(out));
                    say(String.format("demo: job %s succeeded in %.1f s; result saved to %s", id,
                            (System.nanoTime() - t0) / 1e9, out));
                    return;
                }
                if ("failed".equals(state) || "canceled".equals(state)) {
                    say("demo: job " + id + " " + state + ": " + job.body());
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            say("demo: lost track of job " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, byte[] data)
            throws IOException {
        String header = "--" + boundary + "\r\ncontent-disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\ncontent-type: image/png") + "\r\n\r\n";
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no '" + name + "' in " + json);
    }

    private static void say(String line) {
        System.out.println("likeness: " + line);
        System.out.flush();
    }
}
