package io.likeness.contracts.model;

/**
 * One edit a checkpoint was trained for (paper supplementary §1.1: p_a = "a [X], [Y]", p_b = "a [X], [Z]").
 *
 * @param id            stable id used by clients, e.g. {@code santa-claus}
 * @param sourcePrompt  p_a with the subject word left as {@code {subject}}, e.g. "a {subject}, normal costume"
 * @param targetPrompt  p_b, e.g. "a {subject}, Santa Claus costume"
 * @param maskThreshold λ of the editing mask (0.2 costumes, 0.35 expressions in the paper)
 */
public record EditDirection(String id, String sourcePrompt, String targetPrompt, double maskThreshold) {

    public static final String SUBJECT = "{subject}";

    /** The prompt pair for a subject word ("man", "woman", "person"). */
    public String source(String subject) {
        return sourcePrompt.replace(SUBJECT, subject);
    }

    public String target(String subject) {
        return targetPrompt.replace(SUBJECT, subject);
    }
}
