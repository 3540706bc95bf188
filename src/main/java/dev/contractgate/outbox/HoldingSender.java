package dev.contractgate.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dry run: records each entry as {@code held} and logs what would have been posted. */
public final class HoldingSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(HoldingSender.class);
    private final String reason;

    public HoldingSender(String reason) {
        this.reason = reason;
    }

    @Override
    public Result send(OutboxEntry entry) {
        log.info("dry run: outbox {} ({}) to {} room {} held:\n{}", entry.id(), entry.kind(), entry.channel(),
                entry.roomId(), entry.body());
        return new Held(reason);
    }

    @Override
    public boolean paced() {
        return false;
    }
}
