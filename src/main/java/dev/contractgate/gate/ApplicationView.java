package dev.contractgate.gate;

import java.time.Instant;

/**
 * What the gate needs of an application.
 *
 * @param validUntil null when it does not expire
 * @param filedBy {@code client} or {@code freelancer}
 */
public record ApplicationView(long id, String platform, String reference, Instant validUntil, String clientAccountId,
                              String freelancerAccountId, String filedBy) {

    /** The party asked to confirm a claim: the one that did not file it. */
    public String confirmer() {
        return "client".equals(filedBy) ? freelancerAccountId : clientAccountId;
    }
}
