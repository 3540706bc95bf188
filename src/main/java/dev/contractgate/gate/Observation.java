package dev.contractgate.gate;

/**
 * Something the analysis found in a message.
 *
 * @param label {@code contact_exchange}, {@code negotiation}, {@code off_platform_deal} or {@code scam_signal}
 * @param rule the rule that matched
 * @param match the matched text, as written
 */
public record Observation(String label, String rule, String match) {
    public static final String CONTACT_EXCHANGE = "contact_exchange";
    public static final String NEGOTIATION = "negotiation";
    public static final String OFF_PLATFORM_DEAL = "off_platform_deal";
    public static final String SCAM_SIGNAL = "scam_signal";

    /** Identifies the finding within its message, so an edit that keeps it does not alert again. */
    public String key() {
        return label + "|" + rule + "|" + match;
    }
}
