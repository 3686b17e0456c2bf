package io.likeness.trainer.pairs;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.mcdm.guidance.RegionWeights;
import io.likeness.trainer.config.TrainerConfig;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.foundation.FoundationChain;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The paper's paired-data generation (§3.2) for any described direction: each requested direction's source and
 * target descriptions become p_a and p_b, its λ is recorded with the pairs, and {@link PairSynthesizer} generates
 * both halves on one canvas with the foundation models found under {@code likeness.trainer.pairs.foundation}.
 * Directions the studio also knows get their exact studio pair stored beside the generated one, for pair quality.
 * The foundation models are loaded on the first request and kept; requests run one at a time.
 */
@ApplicationScoped
@Identifier("diffusion")
public class DiffusionPairGenerator implements PairGenerator {

    @Inject
    TrainerConfig config;

    private PairSynthesizer synthesizer;

    @Override
    public synchronized DatasetManifest generate(DatasetRequest request, Path outDir, LongConsumer progress)
            throws IOException {
        if (synthesizer == null) {
            synthesizer = open(config.pairs().foundation().orElseThrow(() -> new UnsupportedRequestException(
                    "the diffusion pair generator needs the foundation models: set likeness.trainer.pairs.foundation "
                            + "to a directory with " + FoundationChain.STAGES.stream().map(s -> s + "/final").toList())),
                    RegionWeights.paper().withCfgScale(config.pairs().guidance()));
        }
        return generate(synthesizer, request, config.pairs().batch(), outDir, progress);
    }

    /** Generates the pairs of a request with the given synthesizer: p_a and p_b are the request's descriptions. */
    public static DatasetManifest generate(PairSource synthesizer, DatasetRequest request, int batch,
                                           Path outDir, LongConsumer progress) throws IOException {
        if (request.totalPairs() > Integer.MAX_VALUE) {
            throw new UnsupportedRequestException("a generated dataset holds at most " + Integer.MAX_VALUE + " pairs");
        }
        List<GeneratedPairs.DirectionSpec> directions = request.directions().stream()
                .map(d -> new GeneratedPairs.DirectionSpec(d.id(), d.sourceDescription(), d.targetDescription(),
                        d.lambda()))
                .toList();
        return GeneratedPairs.generate(synthesizer, directions, request.pairsPerDirection(), request.seed(),
                PairConditions.FULL, batch, outDir, progress);
    }

    /** Loads the foundation models of {@code runs} with the paper's weights, naming the first missing stage. */
    public static PairSynthesizer open(Path runs) throws IOException {
        return open(runs, RegionWeights.paper());
    }

    /** Loads the foundation models of {@code runs} to generate with {@code weights}, naming the first missing stage. */
    public static PairSynthesizer open(Path runs, RegionWeights weights) throws IOException {
        for (String stage : FoundationChain.STAGES) {
            if (!Files.exists(runs.resolve(stage).resolve("final").resolve("manifest.json"))) {
                throw new UnsupportedRequestException("no trained " + stage + " checkpoint at "
                        + runs.resolve(stage).resolve("final") + "; train it with 'likeness-trainer foundation'");
            }
        }
        return new PairSynthesizer(runs.resolve("vae/final"), runs.resolve("clip/final"),
                runs.resolve("identity/final"), runs.resolve("base/final"), weights);
    }

    @PreDestroy
    synchronized void close() {
        if (synthesizer != null) {
            synthesizer.close();
            synthesizer = null;
        }
    }
}
