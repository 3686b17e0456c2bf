package io.likeness.trainer.studio;

/**
 * The paper's prompt templates (supplementary §1.1): shared p = "the same [X] on the left and right",
 * source p_a = "a [X], [Y]", target p_b = "a [X], [Z]"; [X] the gender word, [Y] the source domain of the task
 * ("normal costume" / "neutral expression"), [Z] the direction's phrase.
 */
public record Captions(String shared, String source, String target) {

    public static Captions of(Identity identity, Direction direction) {
        if (direction == Direction.SOURCE) {
            throw new IllegalArgumentException("captions of a pair need an edit direction, not SOURCE");
        }
        String x = identity.genderWord();
        return new Captions(shared(x), single(x, direction.sourcePhrase()), single(x, direction.phrase()));
    }

    public static String shared(String genderWord) {
        return "the same " + genderWord + " on the left and right";
    }

    public static String single(String genderWord, String phrase) {
        return "a " + genderWord + ", " + phrase;
    }

    /**
     * Caption of one corpus image: "a [X], [Z]" for an edited image; for a source image "a [X], [Y]" with [Y] of
     * the costume task or of the expression task (the source domain is both), chosen by {@code costumeTask}.
     */
    public static String forImage(Identity identity, Direction direction, boolean costumeTask) {
        if (direction == Direction.SOURCE) {
            return single(identity.genderWord(), costumeTask ? Direction.Kind.COSTUME.sourcePhrase()
                    : Direction.Kind.EXPRESSION.sourcePhrase());
        }
        return single(identity.genderWord(), direction.phrase());
    }
}
