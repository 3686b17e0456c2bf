package io.likeness.trainer.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive hold on a working directory ({@code .lock}, an OS file lock): a training run or a pair generation
 * that two processes (the CLI and the service, or two shells) must never write at once. Released on close, and by
 * the OS when the process dies, so a kill never leaves a stale lock behind.
 */
public interface DirectoryLock extends AutoCloseable {

    @Override
    void close() throws IOException;

    /**
     * Takes {@code dir} (created if missing) for this process.
     *
     * @param what what uses the directory, for the message ("training", "pair generation")
     * @throws IOException naming the directory when another process holds it
     */
    static DirectoryLock take(Path dir, String what) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        }
        if (held == null) {
            channel.close();
            throw new IOException(dir + " is in use by another " + what + " (" + file + " is locked); wait for it "
                    + "to stop, or stop it (it keeps its progress on SIGTERM)");
        }
        FileLock lock = held;
        return () -> {
            lock.release();
            channel.close();
        };
    }
}
