package dev.contractgate.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds details split over consecutive messages of one sender in one room ("090" then "1234" then "5678"): each
 * message is read together with the sender's previous few messages sent within the window, and findings that
 * cross into this message are added with the rule name suffixed {@code .split}; their offsets and match are this
 * message's part. Another sender speaking in between starts the chain anew. Each message is also read after the room's
 * last ones, whoever sent them (the labels found there): a short answer settles what the message before asked.
 * Thread-safe; memory is bounded (the least recently active rooms are forgotten, and only the tail of each message is
 * kept).
 */
public final class SplitDetailTracker {
    static final int MAX_ROOMS = 10_000;
    /** A split detail is short: only this much of the end of each earlier message is kept. */
    static final int KEPT_TAIL = 200;
    /** The longest message read as a piece of a detail given over several messages. */
    static final int MAX_PIECE = 40;
    /** How many of a room's last messages are the context a message is read in. */
    static final int CONTEXT_MESSAGES = 2;

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

    /** A message that is all the sender's own words. */
    public Analysis analyze(String room, String sender, Instant sentAt, String text) {
        return analyze(room, sender, sentAt, text, null);
    }

    /** @param notOwnWords the chars of {@code text} that are not the sender's own words, or null when all are */
    public Analysis analyze(String room, String sender, Instant sentAt, String text, BitSet notOwnWords) {
        Analysis own = analyzer.analyze(text, notOwnWords, null, before(room));
        String body = text == null ? "" : text;
        List<Sent> previous = remember(room, sender, new Sent(sentAt, body, notOwnWords));
        if (previous.isEmpty() || body.isEmpty()) {
            return found(room, pieceIsOnlyADetail(body, own.findings(), own));
        }
        StringBuilder joined = new StringBuilder();
        BitSet joinedHidden = new BitSet();
        for (Sent earlier : previous) {
            earlier.appendTo(joined, joinedHidden);
        }
        int offset = joined.length();
        new Sent(sentAt, body, notOwnWords).appendTo(joined, joinedHidden);
        List<Finding> findings = new ArrayList<>(own.findings());
        // the rules read the messages together: the model judges each message alone, and a rule span that crosses
        // into this message is what links it to the earlier ones
        for (Finding finding : analyzer.rulesOnly().analyze(joined.toString(), joinedHidden, null).findings()) {
            if (finding.start() >= offset || finding.end() <= offset) {
                continue;
            }
            Finding part = new Finding(finding.label(), finding.rule() + ".split", 0, finding.end() - offset,
                    text.substring(0, finding.end() - offset), finding.term());
            boolean known = own.findings().stream().anyMatch(mine -> mine.label() == part.label()
                    && !mine.rule().startsWith(Analyzer.MODEL_RULE_PREFIX)
                    && mine.start() < part.end() && mine.end() > part.start());
            if (!known) {
                // a rule span says better than the model's judgement of the whole message what triggered the label
                findings.removeIf(mine -> mine.label() == part.label() && mine.rule().startsWith(Analyzer.MODEL_RULE_PREFIX));
                findings.add(part);
            }
        }
        boolean contact = findings.stream().anyMatch(finding -> finding.label() == Label.CONTACT_EXCHANGE);
        if (!contact && analyzer.learned() && looksLikeAPieceOfADetail(body)
                && analyzer.analyze(joined.toString(), joinedHidden, null).has(Label.CONTACT_EXCHANGE)) {
            // a handle or number given in pieces ("my discord is" … "juno_codes"): the model reads the pieces together
            findings.add(new Finding(Label.CONTACT_EXCHANGE, Analyzer.MODEL_RULE_PREFIX + Label.CONTACT_EXCHANGE.id(), 0,
                    body.length(), body, null));
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::start));
        return found(room, pieceIsOnlyADetail(body, findings, null));
    }

    /** Remembers what was found in the room's message: the context of its next ones. */
    private synchronized Analysis found(String room, Analysis analysis) {
        Chain chain = rooms.get(room);
        if (chain != null) {
            keep(chain.recent, analysis.labels());
        }
        return analysis;
    }

    /** Adds a message's labels to a room's last ones, forgetting those beyond {@link #CONTEXT_MESSAGES}. */
    static void keep(Deque<Set<Label>> recent, java.util.Collection<Label> labels) {
        recent.addLast(labels.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(labels));
        while (recent.size() > CONTEXT_MESSAGES) {
            recent.removeFirst();
        }
    }

    /**
     * The digits of a phone number or handle given as a piece ("+44 7700", "080") are a contact detail and nothing
     * else: in a piece of a contact detail, a label the model gives over the whole message other than the contact
     * exchange (a price read into the digits, a scam read into a number after a scam pitch's channel), or a
     * negotiation span inside the detail's span, is dropped; a term written beside the detail keeps its own span.
     *
     * @param unchanged returned as it is when nothing is dropped (null: build one from the findings)
     */
    private static Analysis pieceIsOnlyADetail(String body, List<Finding> findings, Analysis unchanged) {
        List<Finding> contact = findings.stream().filter(finding -> finding.label() == Label.CONTACT_EXCHANGE).toList();
        List<Finding> kept = findings;
        if (!contact.isEmpty() && looksLikeAPieceOfADetail(body)) {
            kept = findings.stream().filter(finding -> finding.label() == Label.CONTACT_EXCHANGE
                    || !finding.rule().startsWith(Analyzer.MODEL_RULE_PREFIX) && (finding.label() != Label.NEGOTIATION
                    || contact.stream().noneMatch(detail -> !detail.rule().startsWith(Analyzer.MODEL_RULE_PREFIX)
                            && detail.start() <= finding.start() && finding.end() <= detail.end()))).toList();
        }
        if (kept.size() == findings.size() && unchanged != null) {
            return unchanged;
        }
        return Analysis.of(kept);
    }

    /**
     * A short message that could be part of a contact detail: digits, an @, or a word of ASCII letters joined by
     * _ . # (a handle, a domain), or Latin letters inside Japanese text (a name in romaji).
     */
    static boolean looksLikeAPieceOfADetail(String body) {
        String text = body.strip();
        if (text.length() > MAX_PIECE) {
            return false;
        }
        boolean japanese = false;
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(java.text.Normalizer.normalize(String.valueOf(text.charAt(i)),
                    java.text.Normalizer.Form.NFKC).charAt(0));
            japanese |= AmbiguousWords.isJapanese(c);
            digits += Character.isDigit(c) || Numerals.kanjiDigit(c) >= 0 ? 1 : 0;
            letters += c >= 'a' && c <= 'z' ? 1 : 0;
            if (c == '@' || (c == '_' || c == '.' || c == '#') && i > 0 && i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i + 1))) {
                return true;
            }
        }
        return digits >= 2 || japanese && letters >= 3;
    }

    /** The labels of any of the messages. */
    static Set<Label> union(java.util.Collection<Set<Label>> recent) {
        Set<Label> union = java.util.EnumSet.noneOf(Label.class);
        recent.forEach(union::addAll);
        return union.isEmpty() ? Set.of() : union;
    }

    /**
     * The labels found in the room's last {@link #CONTEXT_MESSAGES} messages, whoever sent them (empty: none, or a
     * room not known).
     */
    private synchronized Set<Label> before(String room) {
        Chain chain = rooms.get(room);
        return chain == null ? Set.of() : union(chain.recent);
    }

    /** The sender's earlier messages in the chain (oldest first), after adding this one. */
    private synchronized List<Sent> remember(String room, String sender, Sent message) {
        Chain chain = rooms.computeIfAbsent(room, key -> new Chain());
        if (!Objects.equals(chain.sender, sender)) {
            chain.messages.clear();
            chain.sender = sender;
        }
        Instant sentAt = message.sentAt;
        chain.messages.removeIf(earlier -> Duration.between(earlier.sentAt, sentAt).compareTo(window) > 0
                || earlier.sentAt.isAfter(sentAt));
        List<Sent> previous = new ArrayList<>(chain.messages);
        chain.messages.addLast(message.tail());
        while (chain.messages.size() > maxMessages - 1) {
            chain.messages.removeFirst();
        }
        return previous;
    }

    private static final class Chain {
        String sender;
        /** What was found in the room's last messages, oldest first. */
        final Deque<Set<Label>> recent = new ArrayDeque<>();
        final Deque<Sent> messages = new ArrayDeque<>();
    }

    /** A message, or the tail of one, and which of its chars are not the sender's own words (null: none). */
    private record Sent(Instant sentAt, String text, BitSet hidden) {
        /** The last {@link #KEPT_TAIL} chars: all that is kept of an earlier message. */
        Sent tail() {
            if (text.length() <= KEPT_TAIL) {
                return this;
            }
            int from = text.length() - KEPT_TAIL;
            return new Sent(sentAt, text.substring(from), hidden == null ? null : hidden.get(from, text.length()));
        }

        void appendTo(StringBuilder joined, BitSet joinedHidden) {
            int offset = joined.length();
            joined.append(text);
            if (hidden != null) {
                hidden.stream().filter(i -> i < text.length()).forEach(i -> joinedHidden.set(offset + i));
            }
        }
    }
}
