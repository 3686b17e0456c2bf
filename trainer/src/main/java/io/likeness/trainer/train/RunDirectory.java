package io.likeness.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Layout of one stage's run directory:
 * <pre>
 *   checkpoints/step-000500/   weights (library format, with manifest), optimizer.ndlist, ema.ndlist, state.json
 *   latest                     name of the newest complete checkpoint (replaced atomically after it is written)
 *   losses.csv, loss.png       the loss log and its plot
 *   samples/step-000500.png    pictures written during training
 *   final/                     the stage's output checkpoint (EMA weights if any, metrics in the manifest)
 * </pre>
 * A checkpoint directory is written under a temporary name and renamed, and {@code latest} is updated only after
 * that, so a kill at any moment leaves the previous checkpoint usable.
 */
public final class RunDirectory {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public RunDirectory(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("checkpoints"));
        Files.createDirectories(root.resolve("samples"));
    }

    public Path root() {
        return root;
    }

    /**
     * Takes the run directory for this process ({@link DirectoryLock}), so that two trainings never write one run's
     * checkpoints at once.
     *
     * @throws IOException naming the directory when another process holds it
     */
    public DirectoryLock lock() throws IOException {
        return DirectoryLock.take(root, "training");
    }

    public Path losses() {
        return root.resolve("losses.csv");
    }

    public Path lossPlot() {
        return root.resolve("loss.png");
    }

    public Path samples(long step) {
        return root.resolve("samples").resolve(String.format("step-%06d.png", step));
    }

    public Path finalCheckpoint() {
        return root.resolve("final");
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        Path pointer = root.resolve("latest");
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        Path dir = root.resolve("checkpoints").resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        if (!Files.isDirectory(dir)) {
            throw new IOException("'latest' names " + dir + ", which does not exist; delete " + pointer
                    + " to start over or restore the directory");
        }
        return Optional.of(dir);
    }

    /**
     * Starts this (new) run from another run's checkpoint, to continue it with other options (a cooldown, more
     * steps) while the original stays as it was: the checkpoint is copied in and becomes {@code latest}, the other
     * run's loss log is copied (the resume drops its rows after the step, as every resume does), and its
     * {@code cache/} files (the frozen encoders' outputs) are linked (copied where the file system cannot link).
     * Training then resumes here exactly as it would have there.
     *
     * @param checkpoint a {@code checkpoints/step-NNNNNN} directory of another run
     * @return the step the branch starts at
     * @throws IOException if this run has checkpoints already or {@code checkpoint} is not a complete checkpoint
     */
    public long branchFrom(Path checkpoint) throws IOException {
        if (latest().isPresent()) {
            throw new IOException(root + " has checkpoints already; branch into a new --run-dir");
        }
        Path state = checkpoint.resolve("state.json");
        if (!Files.isRegularFile(state)) {
            throw new IOException(checkpoint + " is not a training checkpoint (no state.json); give a "
                    + "checkpoints/step-NNNNNN directory of another run");
        }
        long step = JSON.readValue(state.toFile(), TrainState.class).step();
        Path parent = checkpoint.toAbsolutePath().normalize().getParent().getParent();
        Path tmp = begin(step);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        Path cache = parent.resolve("cache");
        if (Files.isDirectory(cache)) {
            Files.createDirectories(root.resolve("cache"));
            try (Stream<Path> files = Files.list(cache)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = root.resolve("cache").resolve(f.getFileName());
                    try {
                        Files.createLink(to, f);
                    } catch (IOException | UnsupportedOperationException noLink) {
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path losses = parent.resolve("losses.csv");
        if (Files.isRegularFile(losses)) {
            Files.copy(losses, losses(), StandardCopyOption.REPLACE_EXISTING);
        }
        commit(tmp, step, Integer.MAX_VALUE);
        return step;
    }

    /** A fresh temporary directory for the checkpoint of {@code step}; pass it to {@link #commit}. */
    public Path begin(long step) throws IOException {
        Path tmp = root.resolve("checkpoints").resolve(name(step) + ".tmp");
        if (Files.exists(tmp)) {
            deleteTree(tmp);
        }
        Files.createDirectories(tmp);
        return tmp;
    }

    /** Renames the temporary directory into place, points {@code latest} at it, keeps the newest {@code keep}. */
    public Path commit(Path tmp, long step, int keep) throws IOException {
        Path dir = root.resolve("checkpoints").resolve(name(step));
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        Path pointerTmp = root.resolve("latest.tmp");
        Files.writeString(pointerTmp, name(step) + "\n", StandardCharsets.UTF_8);
        Files.move(pointerTmp, root.resolve("latest"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        prune(keep, dir);
        return dir;
    }

    private void prune(int keep, Path current) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve("checkpoints"))) {
            s.filter(p -> p.getFileName().toString().matches("step-\\d+")).sorted().forEach(all::add);
        }
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).equals(current)) {
                deleteTree(all.get(i));
            }
        }
    }

    static String name(long step) {
        return String.format("step-%06d", step);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
