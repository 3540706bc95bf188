package dev.contractgate.registry;

/**
 * A filter over applications; null fields match anything. The list is newest first.
 *
 * @param accountId matches the client or the freelancer
 * @param status the status as of now ({@code expired} included)
 */
public record ApplicationQuery(String channel, String accountId, String roomId, ApplicationStatus status, int limit) {
}
