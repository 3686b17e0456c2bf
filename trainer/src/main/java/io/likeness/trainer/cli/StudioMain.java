package io.likeness.trainer.cli;

import picocli.CommandLine;

/** Runs {@code studio …} outside Quarkus: {@code java -cp … io.likeness.trainer.cli.StudioMain render --count 100 …}. */
public final class StudioMain {

    private StudioMain() {
    }

    public static void main(String[] args) {
        configureRuntime();
        System.exit(new CommandLine(new StudioCommand()).execute(args));
    }

    /** Headless AWT, and JUL routed to Quarkus' log manager when it is on the class path. */
    static void configureRuntime() {
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("java.util.logging.manager") == null && hasJBossLogManager()) {
            // Quarkus' log manager is on the trainer's class path; JUL must be told before first use
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
    }

    private static boolean hasJBossLogManager() {
        try {
            Class.forName("org.jboss.logmanager.LogManager", false, StudioMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
