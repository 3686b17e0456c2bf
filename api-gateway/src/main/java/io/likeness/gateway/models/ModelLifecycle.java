package io.likeness.gateway.models;

import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.model.ModelRegistryWriter;
import io.likeness.contracts.model.PromotionGate;
import io.likeness.contracts.model.Promotions;
import io.likeness.contracts.model.RegistryChangeRefused;
import io.likeness.gateway.api.problem.ApiException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listing, promotion and rollback of model versions. Changes are computed by {@link Promotions} from the registry
 * read to its end, then written with {@code acks=all} ({@link ModelRegistryWriter}); this instance serialises
 * its own changes. Kafka offers no compare-and-set, so two instances changing the registry at the same instant
 * end with the last write active — promotion is an operator action, rare and deliberate.
 */
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

    /** The registry as the API shows it; {@code previousActive}: what rollback would go back to, most recent first. */
    public record Registry(String active, List<String> previousActive, List<ModelView> models) {
    }

    @Inject
    ModelRegistryTable table;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ModelRegistryWriter writer;

    public Registry list() {
        Map<String, ModelRecord> registry = table.current();
        Optional<ModelRecord> active = Optional.ofNullable(registry.get(ModelRecord.ACTIVE_KEY));
        String activeVersion = active.map(ModelRecord::version).orElse(null);
        List<ModelView> models = registry.entrySet().stream()
                .filter(e -> !e.getKey().equals(ModelRecord.ACTIVE_KEY))
                .map(e -> ModelView.of(e.getValue(), e.getKey().equals(activeVersion)))
                .sorted(java.util.Comparator.comparing(ModelView::publishedAt,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                        .thenComparing(ModelView::version))
                .toList();
        return new Registry(activeVersion, active.map(ModelRecord::previousActive).orElse(List.of()), models);
    }

    public ModelView get(String version) {
        Map<String, ModelRecord> registry = table.current();
        ModelRecord r = registry.get(version);
        if (r == null || ModelRecord.ACTIVE_KEY.equals(version)) {
            throw notFound(version);
        }
        return ModelView.of(r, Optional.ofNullable(registry.get(ModelRecord.ACTIVE_KEY))
                .map(a -> a.version().equals(version)).orElse(false));
    }

    /**
     * Makes {@code version} the active one. With {@code gated}, only if the {@link PromotionGate} finds no
     * regression against the active version's metrics (409 {@code promotion_refused} with the reasons otherwise).
     */
    public synchronized ModelView promote(String version, boolean gated) {
        Map<String, ModelRecord> registry = table.current();
        try {
            if (gated && registry.containsKey(version)) {
                PromotionGate.Decision d = PromotionGate.standard().evaluate(registry.get(version),
                        Optional.ofNullable(registry.get(ModelRecord.ACTIVE_KEY)));
                if (!d.promote()) {
                    throw new ApiException(409, ErrorCodes.PROMOTION_REFUSED, "Promotion refused",
                            "the promotion gate found regressions against the active version: "
                                    + String.join("; ", d.reasons()), false);
                }
            }
            return apply(Promotions.promote(registry, version, clock.instant()), "promoted " + version);
        } catch (RegistryChangeRefused e) {
            throw refused(e, version);
        }
    }

    /** Re-promotes the version active before the current one. */
    public synchronized ModelView rollback() {
        try {
            return apply(Promotions.rollback(table.current(), clock.instant()), "rolled back");
        } catch (RegistryChangeRefused e) {
            throw refused(e, null);
        }
    }

    private ModelView apply(Promotions.Change change, String what) {
        if (!change.writes().isEmpty()) {
            try {
                writer().write(change.writes());
            } catch (IOException e) {
                throw new ApiException(503, "queue_unavailable", "Queue unavailable",
                        "could not write to the model registry (" + e.getMessage() + "); retry the request", true);
            }
            LOG.infof("%s: %s is active (before: %s)", what, change.active().version(), change.active().previousActive());
        }
        return ModelView.of(change.active().asActive(List.of()), true);
    }

    private static ApiException refused(RegistryChangeRefused e, String version) {
        return switch (e.reason()) {
            case UNKNOWN_VERSION -> notFound(version);
            case RETIRED -> new ApiException(409, ErrorCodes.MODEL_RETIRED, "Model retired", e.getMessage(), false);
            case NOTHING_TO_ROLL_BACK -> new ApiException(409, ErrorCodes.NOTHING_TO_ROLL_BACK, "Nothing to roll back",
                    e.getMessage(), false);
        };
    }

    private static ApiException notFound(String version) {
        return new ApiException(404, ErrorCodes.MODEL_NOT_FOUND, "Model not found",
                "no model version '" + version + "' in the registry (GET /v1/models lists them)", false);
    }

    private synchronized ModelRegistryWriter writer() {
        if (writer == null) {
            writer = new ModelRegistryWriter(bootstrapServers);
        }
        return writer;
    }

    @PreDestroy
    synchronized void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}
