package dev.contractgate.registry;

import java.time.Instant;

/**
 * An off-platform contact application (table {@code application}), as the API shows it.
 *
 * @param roomId null when it covers the pairing in any room
 * @param validUntil null when it does not expire
 */
public record Application(long id, Platform platform, String reference, String channel, String clientAccountId,
                          String freelancerAccountId, String roomId, ApplicationStatus status, Role filedBy,
                          Instant validUntil, String evidenceUrl, String note, Instant createdAt, Instant updatedAt) {

    /** This application with its status as of {@code now}: a claim or confirmation whose validity ended reads as expired. */
    public Application asOf(Instant now) {
        if (status.canExpire() && validUntil != null && !validUntil.isAfter(now)) {
            return new Application(id, platform, reference, channel, clientAccountId, freelancerAccountId, roomId,
                    ApplicationStatus.EXPIRED, filedBy, validUntil, evidenceUrl, note, createdAt, updatedAt);
        }
        return this;
    }

    /** The account on the side of {@code role}: the client's or the freelancer's (null for an operator). */
    public String accountOf(Role role) {
        if (role == Role.CLIENT) {
            return clientAccountId;
        }
        return role == Role.FREELANCER ? freelancerAccountId : null;
    }

    /** The audit subject that names this application. */
    public String subject() {
        return subject(id);
    }

    public static String subject(long id) {
        return "application:" + id;
    }
}
