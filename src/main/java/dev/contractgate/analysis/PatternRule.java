package dev.contractgate.analysis;

import com.google.re2j.Pattern;

/**
 * One phrase rule of {@code patterns.yml}.
 *
 * @param weak          a hit in a sentence about the job itself (lexicon context.job) does not count
 * @param then          must match starting at most {@code within} chars after {@code pattern} ends, in the same
 *                      sentence; null when the rule is {@code pattern} alone
 * @param requires      must also match somewhere in the message, or null
 * @param requiresLabel the message must also carry this label from other rules, or null
 */
record PatternRule(String id, Label label, TermType term, boolean weak, Pattern pattern, Pattern then, int within,
        Pattern requires, Label requiresLabel) {
}
