package io.likeness.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final Map<String, ModelRecord> registry = new HashMap<>();

    private static ModelRecord published(String version) {
        return new ModelRecord(1, version, ModelRecord.Status.PUBLISHED, "models/" + version + "/checkpoint.zip",
                List.of(new EditDirection("laughing", "a {subject}, neutral expression", "a {subject}, laughing", 0.35)),
                Map.of("val_ssim", 0.9), T0, "test");
    }

    private void apply(Promotions.Change change) {
        change.writes().forEach(w -> registry.put(w.key(), w.value()));
    }

    private String active() {
        return registry.get(ModelRecord.ACTIVE_KEY).version();
    }

    @Test
    void promotingDemotesThePreviousVersionAndRemembersIt() {
        registry.put("v1", published("v1"));
        registry.put("v2", published("v2"));
        apply(Promotions.promote(registry, "v1", T0.plusSeconds(1)));
        Promotions.Change change = Promotions.promote(registry, "v2", T0.plusSeconds(2));
        assertThat(change.writes()).extracting(Promotions.Write::key).containsExactly("v1", "v2", ModelRecord.ACTIVE_KEY);
        apply(change);
        assertThat(active()).isEqualTo("v2");
        assertThat(registry.get("v1").status()).isEqualTo(ModelRecord.Status.PUBLISHED);
        assertThat(registry.get("v2").status()).isEqualTo(ModelRecord.Status.PROMOTED);
        assertThat(registry.get("v2").promotedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(registry.get("v2").publishedAt()).isEqualTo(T0);
        assertThat(registry.get(ModelRecord.ACTIVE_KEY).previousActive()).containsExactly("v1");
        assertThat(registry.get("v2").previousActive()).isEmpty();
    }

    @Test
    void promotingTheActiveVersionAgainWritesNothing() {
        registry.put("v1", published("v1"));
        apply(Promotions.promote(registry, "v1", T0));
        assertThat(Promotions.promote(registry, "v1", T0.plusSeconds(5)).writes()).isEmpty();
    }

    @Test
    void rollbackWalksBackThroughTheHistoryThenRefuses() {
        for (String v : List.of("v1", "v2", "v3")) {
            registry.put(v, published(v));
            apply(Promotions.promote(registry, v, T0));
        }
        apply(Promotions.rollback(registry, T0.plusSeconds(1)));
        assertThat(active()).isEqualTo("v2");
        assertThat(registry.get("v3").status()).isEqualTo(ModelRecord.Status.PUBLISHED);
        apply(Promotions.rollback(registry, T0.plusSeconds(2)));
        assertThat(active()).isEqualTo("v1");
        assertThatThrownBy(() -> Promotions.rollback(registry, T0.plusSeconds(3)))
                .isInstanceOfSatisfying(RegistryChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryChangeRefused.Reason.NOTHING_TO_ROLL_BACK));
    }

    @Test
    void rollbackSkipsRetiredVersions() {
        for (String v : List.of("v1", "v2", "v3")) {
            registry.put(v, published(v));
            apply(Promotions.promote(registry, v, T0));
        }
        registry.put("v2", registry.get("v2").withStatus(ModelRecord.Status.RETIRED, T0));
        apply(Promotions.rollback(registry, T0));
        assertThat(active()).isEqualTo("v1");
    }

    @Test
    void retiredAndUnknownVersionsCannotBePromoted() {
        registry.put("old", published("old").withStatus(ModelRecord.Status.RETIRED, T0));
        assertThatThrownBy(() -> Promotions.promote(registry, "old", T0))
                .isInstanceOfSatisfying(RegistryChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryChangeRefused.Reason.RETIRED));
        assertThatThrownBy(() -> Promotions.promote(registry, "nope", T0))
                .isInstanceOfSatisfying(RegistryChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryChangeRefused.Reason.UNKNOWN_VERSION));
        assertThatThrownBy(() -> Promotions.rollback(registry, T0)).isInstanceOf(RegistryChangeRefused.class);
    }

    @Test
    void aRepromotedVersionLeavesTheHistoryOnce() {
        for (String v : List.of("v1", "v2", "v1")) {
            registry.putIfAbsent(v, published(v));
            apply(Promotions.promote(registry, v, T0));
        }
        assertThat(registry.get(ModelRecord.ACTIVE_KEY).previousActive()).containsExactly("v2");
    }
}
