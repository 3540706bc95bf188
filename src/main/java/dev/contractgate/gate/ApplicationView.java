package dev.contractgate.gate;

import java.time.Instant;

/**
 * What the gate needs of an application.
 *
 * @param validUntil null when it does not expire
 * @param filedBy {@code client}, {@code freelancer} or {@code operator}
 */
public record ApplicationView(long id, String platform, String reference, Instant validUntil, String clientAccountId,
                              String freelancerAccountId, String filedBy) {

    /** The party asked to confirm a claim: the one that did not file it (the freelancer, for an operator's claim). */
    public String confirmer() {
        return "freelancer".equals(filedBy) ? clientAccountId : freelancerAccountId;
    }
}
