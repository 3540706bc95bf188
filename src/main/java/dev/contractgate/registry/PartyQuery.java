package dev.contractgate.registry;

/** A filter over parties; null fields match anything. The list is newest first. */
public record PartyQuery(String channel, String accountId, Role role, int limit) {
}
