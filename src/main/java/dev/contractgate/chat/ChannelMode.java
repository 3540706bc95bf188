package dev.contractgate.chat;

import java.util.Locale;

/** How a channel runs (interface.md, "Channel states and /ready"). */
public enum ChannelMode {
    /** Its inbound secret is unset: the webhook answers 503 and {@code /ready} does not wait for it. */
    OFF,
    /** Its outbound credential is unset: events are processed, replies are recorded as {@code held}, never sent. */
    DRY,
    /** Receives and sends. */
    LIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
