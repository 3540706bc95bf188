package dev.contractgate.pages;

import java.time.Instant;

/**
 * A single-use link (table {@code page_link}): bound to a person, a room and an action.
 *
 * @param action {@link LinkAction#wire()}
 * @param sentPrivately true when it went through the person's private route; false when it was posted in the room,
 *                      so acting needs a one-time code the person posts there
 * @param usedAt when a POST acted on it; null while unused
 */
public record PageLink(long id, String channel, String accountId, String roomId, String action, boolean sentPrivately,
                       Instant createdAt, Instant expiresAt, Instant usedAt) {

    public LinkAction linkAction() {
        return LinkAction.of(action);
    }

    /** Why it cannot be used at {@code now}, or null when it can. */
    public PageLinks.Refusal refusal(Instant now) {
        if (usedAt != null) {
            return PageLinks.Refusal.USED;
        }
        return expiresAt.isAfter(now) ? null : PageLinks.Refusal.EXPIRED;
    }
}
