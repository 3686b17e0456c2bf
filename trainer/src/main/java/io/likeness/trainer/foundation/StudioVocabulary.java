package io.likeness.trainer.foundation;

import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer of the foundation models: the default portrait words plus every word the studio's captions and
 * identity descriptions use (enumerated from the direction phrases and 20,000 sampled identities, so it is the
 * same on every machine).
 */
public final class StudioVocabulary {

    private StudioVocabulary() {
    }

    public static WordTokenizer tokenizer() {
        List<String> corpus = new ArrayList<>(WordTokenizer.defaultPortraitWords());
        for (String x : List.of("man", "woman")) {
            corpus.add(Captions.shared(x));
            for (Direction d : Direction.values()) {
                corpus.add(Captions.single(x, d.phrase()));
            }
            corpus.add(Captions.single(x, Direction.Kind.COSTUME.sourcePhrase()));
            corpus.add(Captions.single(x, Direction.Kind.EXPRESSION.sourcePhrase()));
        }
        for (long seed = 0; seed < 20_000; seed++) {
            Identity id = IdentitySampler.sample(seed);
            corpus.add(id.description());
        }
        return WordTokenizer.fromCorpus(corpus, TinyPresets.TEXT_TOKENS);
    }

    /**
     * The long caption the contrastive encoders also train on: the image caption followed by the identity
     * description, e.g. "a man, Santa Claus costume, with black curly hair, a round face, brown eyes".
     */
    public static String longCaption(String caption, String description) {
        int with = description.indexOf(" with ");
        return with < 0 ? caption : caption + "," + description.substring(with);
    }
}
