package io.likeness.stack.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java ...} command lines for child JVMs, on the same JDK as the current process. */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. */
    public static List<String> main(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** {@code java <jvmOptions> -jar <jar> <args>}. */
    public static List<String> jar(List<String> jvmOptions, Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }
}
