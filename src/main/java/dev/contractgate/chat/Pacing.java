package dev.contractgate.chat;

import java.time.Duration;
import java.util.List;

/**
 * A channel's posting limits: sliding windows per conversation (Chatwork: 10 posts per room in 10 s) and per account
 * (all conversations together). The account's announced budget, where a channel has one, is {@link Outbound#budget()}.
 */
public record Pacing(List<Window> perConversation, List<Window> perAccount) {
    public static final Pacing NONE = new Pacing(List.of(), List.of());

    /** At most {@code posts} within any {@code per}. */
    public record Window(int posts, Duration per) {
        public Window {
            if (posts < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a window needs at least one post and a positive duration");
            }
        }
    }

    public Pacing {
        perConversation = List.copyOf(perConversation);
        perAccount = List.copyOf(perAccount);
    }

    public boolean paced() {
        return !perConversation.isEmpty() || !perAccount.isEmpty();
    }
}
