package dev.contractgate.notice;

import dev.contractgate.registry.Registry;
import dev.contractgate.work.PollingWorker;
import java.time.Duration;

/**
 * Notices applications whose validity ran out, so their rooms hear of it without anyone writing there. Expiry is
 * derived from {@code valid_until}; this pass only promises the notices (the registry marks each expiry once).
 */
public final class ExpiryWorker extends PollingWorker {
    private static final int BATCH = 200;

    private final Registry registry;
    private final Duration interval;

    public ExpiryWorker(Registry registry, Duration interval) {
        super("expiries", interval);
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    protected Duration pass() {
        return noticeNow() == BATCH ? Duration.ZERO : interval;
    }

    /** One pass, now (tests drive it directly); returns how many expiries were noticed. */
    public int noticeNow() {
        return registry.noticeExpiries(BATCH);
    }
}
