package dev.contractgate.registry;

import java.time.Instant;

/**
 * One change to the registry (table {@code audit_entry}), written in the same transaction as the change.
 *
 * @param actor who did it, as {@link Actor#label()} wrote it
 * @param subject what it is about: {@code application:12}, {@code party:3}, {@code api_key:5}
 * @param statusBefore the application's status before (null for a new one and for other subjects)
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject,
                         ApplicationStatus statusBefore, ApplicationStatus statusAfter, String detail) {
}
