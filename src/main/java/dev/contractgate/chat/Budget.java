package dev.contractgate.chat;

import java.time.Instant;

/** The request budget a channel announced: how many calls are left until {@code reset}. */
public record Budget(int limit, int remaining, Instant reset) {
}
