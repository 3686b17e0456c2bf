package io.likeness.trainer.studio;

import java.util.Arrays;
import java.util.List;

/**
 * The source domain and the paper's eight edit directions (supplementary §1.1): four costumes and four
 * expressions. {@link #phrase()} is the [Z] of the prompt templates, {@link #sourcePhrase()} the [Y] of the source
 * domain of the same task.
 */
public enum Direction {
    SOURCE("source", Kind.SOURCE, "normal costume, neutral expression"),
    CUTE_FLOWER("cute-flower", Kind.COSTUME, "cute flower costume"),
    CUTE_WHITE_SHEEP("cute-white-sheep", Kind.COSTUME, "cute white sheep costume"),
    SANTA_CLAUS("santa-claus", Kind.COSTUME, "Santa Claus costume"),
    GOLDEN_PALACE("golden-palace", Kind.COSTUME, "traditional golden palace costume"),
    ANGRY("angry", Kind.EXPRESSION, "angry"),
    SHOCKED("shocked", Kind.EXPRESSION, "shocked"),
    LAUGHING("laughing", Kind.EXPRESSION, "laughing"),
    CRYING("crying", Kind.EXPRESSION, "crying");

    /** Costume edits change clothes and headwear; expression edits change eyes, brows and mouth only. */
    public enum Kind {
        SOURCE(null, 0.0),
        COSTUME("normal costume", 0.2),
        EXPRESSION("neutral expression", 0.35);

        private final String sourcePhrase;
        private final double maskThreshold;

        Kind(String sourcePhrase, double maskThreshold) {
            this.sourcePhrase = sourcePhrase;
            this.maskThreshold = maskThreshold;
        }

        /** [Y]: the source domain of this task. */
        public String sourcePhrase() {
            return sourcePhrase;
        }

        /** The paper's editing-mask threshold λ for the task (0.2 costume, 0.35 expression). */
        public double maskThreshold() {
            return maskThreshold;
        }
    }

    private final String id;
    private final Kind kind;
    private final String phrase;

    Direction(String id, Kind kind, String phrase) {
        this.id = id;
        this.kind = kind;
        this.phrase = phrase;
    }

    /** Stable id used in file names, manifests and APIs, e.g. {@code santa-claus}. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** [Z] for edit directions ("Santa Claus costume", "laughing"); for SOURCE a description of the source domain. */
    public String phrase() {
        return phrase;
    }

    /** [Y] of the task this direction belongs to ("normal costume" / "neutral expression"); null for SOURCE. */
    public String sourcePhrase() {
        return kind.sourcePhrase();
    }

    public double defaultMaskThreshold() {
        return kind.maskThreshold();
    }

    public boolean isCostume() {
        return kind == Kind.COSTUME;
    }

    public boolean isExpression() {
        return kind == Kind.EXPRESSION;
    }

    /** The eight edit directions in paper order (costumes, then expressions). */
    public static List<Direction> edits() {
        return Arrays.stream(values()).filter(d -> d != SOURCE).toList();
    }

    public static Direction byId(String id) {
        for (Direction d : values()) {
            if (d.id.equals(id) || d.name().equalsIgnoreCase(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + id + "'; known: "
                + Arrays.stream(values()).map(Direction::id).toList());
    }
}
