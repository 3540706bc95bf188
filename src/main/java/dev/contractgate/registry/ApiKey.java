package dev.contractgate.registry;

import java.time.Instant;

/**
 * A stored API key, without its secret (table {@code api_key}). A freelancer or client key is bound to one account.
 *
 * @param channel null for an operator key
 * @param accountId null for an operator key
 */
public record ApiKey(long id, Role role, String channel, String accountId, String name, Instant createdAt) {
}
