package io.likeness.stack.infra;

import io.likeness.contracts.kafka.TopicSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics that do not exist yet; existing topics are left as they are (idempotent). */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** @return the names of the topics it created */
    public static List<String> ensure(String bootstrap, Collection<TopicSpec> topics) {
        try (Admin admin = KafkaBroker.admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
