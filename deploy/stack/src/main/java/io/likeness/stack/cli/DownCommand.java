package io.likeness.stack.cli;

import io.likeness.stack.infra.ChildProcess;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops a running stack: asks the launcher to stop (it stops its children), then ends any leftover process. */
@Command(name = "down", description = "Stop a running stack (started by 'up' in another shell or in the background).")
final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        var run = options.runDir();
        Optional<ProcessHandle> launcher = PidFiles.alive(run, PidFiles.LAUNCHER);
        if (launcher.isPresent()) {
            System.out.println("likeness: stopping the launcher (pid " + launcher.get().pid() + ")");
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(90, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("likeness: launcher did not stop in 90 s, killing it");
                launcher.get().destroyForcibly();
            }
            PidFiles.delete(run, PidFiles.LAUNCHER);
        }
        int leftovers = 0;
        for (String name : PidFiles.names(run)) {
            Optional<ProcessHandle> p = PidFiles.alive(run, name);
            if (p.isPresent()) {
                System.out.println("likeness: stopping " + name + " (pid " + p.get().pid() + ")");
                ChildProcess.terminate(p.get(), Duration.ofSeconds(30));
                leftovers++;
            }
            PidFiles.delete(run, name);
        }
        if (launcher.isEmpty() && leftovers == 0) {
            System.out.println("likeness: nothing is running");
        } else {
            System.out.println("likeness: stopped");
        }
        return 0;
    }
}
