package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * An application to file: {@code POST /api/applications}, or {@code 申請 <ref>} in chat.
 *
 * @param filedBy who filed it on the platform; null lets the registry take the filer's own role
 * @param status null or {@code claimed}; {@code confirmed} only from an operator (a bulk import)
 */
public record NewApplication(Platform platform, String reference, String channel, String clientAccountId,
                             String freelancerAccountId, String roomId, Instant validUntil, Role filedBy,
                             String evidenceUrl, String note, ApplicationStatus status) {
    public static final int MAX_REFERENCE_LENGTH = 200;
    public static final int MAX_URL_LENGTH = 2000;
    public static final int MAX_NOTE_LENGTH = 2000;
    /** No platform approves contact for longer; a later date is a typo (20260 for 2026). */
    public static final Period MAX_VALIDITY = Period.ofYears(10);

    public NewApplication {
        reference = Inputs.strip(reference);
        evidenceUrl = Inputs.strip(evidenceUrl);
        note = Inputs.strip(note);
    }

    /** Adds what is wrong, by API field name. */
    public void check(ChannelIds ids, Instant now, FieldErrors errors) {
        errors.required("platform", platform);
        errors.required("reference", reference);
        errors.required("channel", channel);
        errors.required("client_account_id", clientAccountId);
        errors.required("freelancer_account_id", freelancerAccountId);
        errors.text("reference", reference, MAX_REFERENCE_LENGTH);
        ids.channel("channel", channel, errors);
        ids.accountId("client_account_id", channel, clientAccountId, errors);
        ids.accountId("freelancer_account_id", channel, freelancerAccountId, errors);
        ids.roomId("room_id", channel, roomId, errors);
        if (clientAccountId != null && clientAccountId.equals(freelancerAccountId)) {
            errors.add("freelancer_account_id", "must differ from client_account_id");
        }
        if (validUntil != null && !validUntil.isAfter(now)) {
            errors.add("valid_until", "must be in the future");
        } else if (validUntil != null && validUntil.isAfter(now.atOffset(ZoneOffset.UTC).plus(MAX_VALIDITY).toInstant())) {
            errors.add("valid_until", "must be at most " + MAX_VALIDITY.getYears() + " years ahead");
        }
        if (status != null && !ApplicationStatus.INITIAL.contains(status)) {
            errors.add("status", "must be claimed or confirmed");
        }
        errors.url("evidence_url", evidenceUrl, MAX_URL_LENGTH);
        errors.text("note", note, MAX_NOTE_LENGTH);
    }

    /** The same application with who filed it and its first status decided. */
    NewApplication resolved(Role resolvedFiledBy, ApplicationStatus resolvedStatus) {
        return new NewApplication(platform, reference, channel, clientAccountId, freelancerAccountId, roomId, validUntil,
                resolvedFiledBy, evidenceUrl, note, resolvedStatus);
    }
}
