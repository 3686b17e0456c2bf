package io.likeness.stack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where things are in a Likeness checkout: the server jars laid out by {@code deploy/servers/*} and the
 * services' packaged apps. The root comes from {@code -Dlikeness.root} (set by Maven for tests and by
 * {@code deploy/likeness}), else it is found by walking up from the working directory.
 */
public record StackLayout(Path root) {

    public static StackLayout discover() {
        String configured = System.getProperty("likeness.root");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            return new StackLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("deploy/servers")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return new StackLayout(d);
            }
        }
        throw new IllegalStateException("cannot find the Likeness checkout above " + dir
                + " (looked for deploy/servers); set -Dlikeness.root");
    }

    public Path kafkaLib() {
        return requireJars(root.resolve("deploy/servers/kafka/target/lib"), "likeness-server-kafka");
    }

    public Path s3proxyJar() {
        Path jar = root.resolve("deploy/servers/s3proxy/target/lib/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar missing at " + jar
                    + ": build it with ./mvnw -pl deploy/servers/s3proxy process-resources");
        }
        return jar;
    }

    /** The Quarkus fast-jar of a service module, e.g. {@code api-gateway}. */
    public Path serviceJar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Classpath string of every jar in the Kafka lib directory. */
    public String kafkaClasspath() {
        try (Stream<Path> jars = Files.list(kafkaLib())) {
            return String.join(java.io.File.pathSeparator,
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireJars(Path dir, String module) {
        try (Stream<Path> files = Files.list(dir)) {
            if (files.noneMatch(p -> p.toString().endsWith(".jar"))) {
                throw new IllegalStateException("no jars in " + dir);
            }
            return dir;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Kafka server jars missing at " + dir + ": build them with ./mvnw -pl deploy/servers/kafka process-resources ("
                    + module + ")", e);
        }
    }
}
