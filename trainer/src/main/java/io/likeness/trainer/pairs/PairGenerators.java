package io.likeness.trainer.pairs;

import io.likeness.trainer.config.TrainerConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Selects the {@link PairGenerator} named by {@code likeness.trainer.pairs.generator} among the
 * {@code @Identifier}-qualified beans ({@code studio}, and any other added later), and offers it unqualified.
 */
@ApplicationScoped
public class PairGenerators {

    @Inject
    @Any
    Instance<PairGenerator> generators;

    @Inject
    TrainerConfig config;

    /** A misspelt generator name stops the trainer at start rather than failing every request. */
    void validate(@Observes StartupEvent event) {
        lookup();
    }

    @Produces
    @ApplicationScoped
    @Selected
    PairGenerator selected() {
        return lookup();
    }

    private PairGenerator lookup() {
        String name = config.pairs().generator();
        Instance<PairGenerator> named = generators.select(Identifier.Literal.of(name));
        if (!named.isResolvable()) {
            throw new IllegalStateException("likeness.trainer.pairs.generator=" + name
                    + " names no pair generator bean (@Identifier(\"" + name + "\"))");
        }
        return named.get();
    }
}
