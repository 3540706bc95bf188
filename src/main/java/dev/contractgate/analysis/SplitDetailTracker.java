package dev.contractgate.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds details split over consecutive messages of one sender in one room ("090" then "1234" then "5678"): each
 * message is read together with the sender's previous few messages sent within the window, and findings that
 * cross into this message are added with the rule name suffixed {@code .split}; their offsets and match are this
 * message's part. Another sender speaking in between starts the chain anew. Thread-safe; memory is bounded (the
 * least recently active rooms are forgotten, and only the tail of each message is kept).
 */
public final class SplitDetailTracker {
    static final int MAX_ROOMS = 10_000;
    /** A split detail is short: only this much of the end of each earlier message is kept. */
    static final int KEPT_TAIL = 200;

    private final Analyzer analyzer;
    private final Duration window;
    private final int maxMessages;
    private final Map<String, Chain> rooms = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Chain> eldest) {
            return size() > MAX_ROOMS;
        }
    };

    /** @param maxMessages how many messages are read together, this one included (2 or more to join anything) */
    public SplitDetailTracker(Analyzer analyzer, Duration window, int maxMessages) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.window = Objects.requireNonNull(window, "window");
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
        this.maxMessages = maxMessages;
    }

    public Analysis analyze(String room, String sender, Instant sentAt, String text) {
        Analysis own = analyzer.analyze(text);
        List<String> previous = remember(room, sender, sentAt, text == null ? "" : text);
        if (previous.isEmpty() || text == null || text.isEmpty()) {
            return own;
        }
        String joined = String.join("", previous) + text;
        int offset = joined.length() - text.length();
        List<Finding> findings = new ArrayList<>(own.findings());
        for (Finding finding : analyzer.analyze(joined).findings()) {
            if (finding.start() >= offset || finding.end() <= offset) {
                continue;
            }
            Finding part = new Finding(finding.label(), finding.rule() + ".split", 0, finding.end() - offset,
                    text.substring(0, finding.end() - offset), finding.term());
            boolean known = own.findings().stream().anyMatch(mine -> mine.label() == part.label()
                    && mine.start() < part.end() && mine.end() > part.start());
            if (!known) {
                findings.add(part);
            }
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::start));
        return Analysis.of(findings);
    }

    /** The sender's earlier messages in the chain (oldest first), after adding this one. */
    private synchronized List<String> remember(String room, String sender, Instant sentAt, String text) {
        Chain chain = rooms.computeIfAbsent(room, key -> new Chain());
        if (!Objects.equals(chain.sender, sender)) {
            chain.messages.clear();
            chain.sender = sender;
        }
        chain.messages.removeIf(earlier -> Duration.between(earlier.sentAt, sentAt).compareTo(window) > 0
                || earlier.sentAt.isAfter(sentAt));
        List<String> previous = new ArrayList<>();
        chain.messages.forEach(earlier -> previous.add(earlier.tail));
        chain.messages.addLast(new Sent(sentAt, text.length() > KEPT_TAIL ? text.substring(text.length() - KEPT_TAIL) : text));
        while (chain.messages.size() > maxMessages - 1) {
            chain.messages.removeFirst();
        }
        return previous;
    }

    private static final class Chain {
        String sender;
        final Deque<Sent> messages = new ArrayDeque<>();
    }

    private record Sent(Instant sentAt, String tail) {
    }
}
