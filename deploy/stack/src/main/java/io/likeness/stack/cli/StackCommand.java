package io.likeness.stack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deploy/likeness} as a Java program: the local stack's up / down / status / s3 commands. */
@Command(name = "likeness", mixinStandardHelpOptions = true,
        description = "Runs the Likeness local stack: Kafka (KRaft) + S3Proxy + the four services.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, S3Command.class})
public final class StackCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new StackCommand()).execute(args));
    }
}
