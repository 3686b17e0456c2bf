package io.likeness.contracts.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Promotion and rollback as pure functions of the registry (the compacted {@code likeness.models} topic read into
 * a map): they return the records to write, in order. The {@link ModelRecord#ACTIVE_KEY} record comes last, so a
 * reader that sees the new active version also sees the version records written before it; it carries the
 * promotion history ({@link ModelRecord#previousActive}), so rollback needs nothing but the topic.
 */
public final class Promotions {

    /** Longest promotion history kept on the active record. */
    public static final int HISTORY_LIMIT = 20;

    /** One record to produce to the models topic. */
    public record Write(String key, ModelRecord value) {
    }

    /** What a change does: the records to write, and the active record after it. */
    public record Change(List<Write> writes, ModelRecord active) {
        public Change {
            writes = List.copyOf(writes);
        }
    }

    private Promotions() {
    }

    /**
     * Promotes {@code version}: it becomes PROMOTED and the active version; the previously active one goes back to
     * PUBLISHED and heads the history. Promoting the active version again changes nothing (no writes).
     *
     * @throws RegistryChangeRefused unknown or retired version
     */
    public static Change promote(Map<String, ModelRecord> registry, String version, Instant now) {
        ModelRecord candidate = registry.get(version);
        if (candidate == null || ModelRecord.ACTIVE_KEY.equals(version)) {
            throw new RegistryChangeRefused(RegistryChangeRefused.Reason.UNKNOWN_VERSION,
                    "no model version '" + version + "' in the registry");
        }
        if (candidate.status() == ModelRecord.Status.RETIRED) {
            throw new RegistryChangeRefused(RegistryChangeRefused.Reason.RETIRED,
                    "model version '" + version + "' is retired and cannot be promoted");
        }
        Optional<ModelRecord> active = Optional.ofNullable(registry.get(ModelRecord.ACTIVE_KEY));
        if (active.isPresent() && active.get().version().equals(version)) {
            return new Change(List.of(), active.get());
        }
        List<String> history = new ArrayList<>();
        active.ifPresent(a -> {
            history.add(a.version());
            history.addAll(a.previousActive());
        });
        history.removeIf(version::equals);
        return switchTo(registry, active, candidate, trim(history), now);
    }

    /**
     * Re-promotes the version that was active before the current one (skipping versions since retired or removed);
     * the current one goes back to PUBLISHED and leaves the history.
     *
     * @throws RegistryChangeRefused nothing to roll back to
     */
    public static Change rollback(Map<String, ModelRecord> registry, Instant now) {
        ModelRecord active = registry.get(ModelRecord.ACTIVE_KEY);
        if (active == null) {
            throw new RegistryChangeRefused(RegistryChangeRefused.Reason.NOTHING_TO_ROLL_BACK,
                    "no model version is active, so there is nothing to roll back");
        }
        List<String> history = active.previousActive();
        for (int i = 0; i < history.size(); i++) {
            ModelRecord target = registry.get(history.get(i));
            if (target != null && target.status() != ModelRecord.Status.RETIRED
                    && !target.version().equals(active.version())) {
                return switchTo(registry, Optional.of(active), target, history.subList(i + 1, history.size()), now);
            }
        }
        throw new RegistryChangeRefused(RegistryChangeRefused.Reason.NOTHING_TO_ROLL_BACK,
                "no version active before '" + active.version() + "' is still available (history: " + history + ")");
    }

    private static Change switchTo(Map<String, ModelRecord> registry, Optional<ModelRecord> active,
                                   ModelRecord target, List<String> history, Instant now) {
        List<Write> writes = new ArrayList<>();
        active.ifPresent(a -> {
            ModelRecord own = registry.getOrDefault(a.version(), a);
            if (own.status() == ModelRecord.Status.PROMOTED) {
                writes.add(new Write(own.version(), own.withStatus(ModelRecord.Status.PUBLISHED, now)));
            }
        });
        ModelRecord promoted = target.withStatus(ModelRecord.Status.PROMOTED, now);
        writes.add(new Write(promoted.version(), promoted));
        ModelRecord newActive = promoted.asActive(history);
        writes.add(new Write(ModelRecord.ACTIVE_KEY, newActive));
        return new Change(writes, newActive);
    }

    private static List<String> trim(List<String> history) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(history));
        return distinct.subList(0, Math.min(HISTORY_LIMIT, distinct.size()));
    }
}
