package dev.contractgate.gate;

/**
 * Something the analysis found in a message.
 *
 * @param label {@code contact_exchange}, {@code negotiation}, {@code off_platform_deal} or {@code scam_signal}
 * @param rule the rule that matched
 * @param start where the match begins in the message
 * @param end where it ends (exclusive)
 * @param match the matched text, as written
 * @param quote what a reply quotes of it: the clause around the match, never half a word
 */
public record Observation(String label, String rule, int start, int end, String match, String quote) {
    public static final String CONTACT_EXCHANGE = "contact_exchange";
    public static final String NEGOTIATION = "negotiation";
    public static final String OFF_PLATFORM_DEAL = "off_platform_deal";
    public static final String SCAM_SIGNAL = "scam_signal";

    /** Rules of findings that judge the message as a whole (a learned model's, with no rule span). */
    public static final String WHOLE_MESSAGE_RULE_PREFIX = "model.";

    /** An observation quoted as matched. */
    public Observation(String label, String rule, int start, int end, String match) {
        this(label, rule, start, end, match, match);
    }

    /** Whether the label was judged from the message as a whole rather than from a matched phrase. */
    public boolean wholeMessage() {
        return rule.startsWith(WHOLE_MESSAGE_RULE_PREFIX);
    }

    public boolean overlaps(Observation other) {
        return start < other.end && other.start < end;
    }

    /** Identifies the finding within its message, so an edit that keeps it does not alert again. */
    public String key() {
        return label + "|" + rule + "|" + match;
    }
}
