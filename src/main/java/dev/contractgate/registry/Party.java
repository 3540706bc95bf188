package dev.contractgate.registry;

import java.time.Instant;

/** A registered freelancer or client (table {@code party}). */
public record Party(long id, String channel, String accountId, Role role, String name, String profileUrl,
                    Instant createdAt) {
}
