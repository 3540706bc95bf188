package dev.contractgate.analysis;

import java.util.Objects;

/**
 * One reason for a label: the rule that fired and what it matched.
 *
 * @param start char offset into the original message text (inclusive)
 * @param end   char offset into the original message text (exclusive)
 * @param match the original text between start and end
 * @param term  the negotiated term, only for {@link Label#NEGOTIATION}; else null
 */
public record Finding(Label label, String rule, int start, int end, String match, Term term) {
    public Finding {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(match, "match");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        if (term != null && label != Label.NEGOTIATION) {
            throw new IllegalArgumentException("only negotiation findings carry a term");
        }
    }
}
