package dev.contractgate.chat;

/** A member of a room as the channel reports it. */
public record Member(String accountId, String name) {
}
