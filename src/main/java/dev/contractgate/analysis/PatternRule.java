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
 * @param readsChannels the rule names channels ({channel}): it reads the text with ordinary words that look like a
 *                      channel ("a line", オンライン) masked; other rules read them as the words they are
 * @param fee           a scam rule about money the worker is asked to pay: an amount or payment word next to it is
 *                      that fee, not a term of the job
 */
record PatternRule(String id, Label label, TermType term, boolean weak, Pattern pattern, Pattern then, int within,
        Pattern requires, Label requiresLabel, boolean readsChannels, boolean fee) {
}
