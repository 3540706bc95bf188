package dev.contractgate.ledger;

import dev.contractgate.analysis.Finding;
import dev.contractgate.analysis.Label;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.db.Attached;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The negotiation ledger of each room: every term said, the latest value of each term type being the current one. */
public final class Ledger {
    /** The order terms are shown in. */
    public static final List<String> TERM_TYPES = List.of("scope", "amount", "rate", "deadline", "payment", "revisions", "nda", "other");
    private static final Pattern QUESTION = Pattern.compile("[?？]|いかが|でしょうか|ませんか|ますか|可能です(?:か|でしょうか)|どうですか");

    private final Jdbi jdbi;
    private final List<String> acceptance;

    /** @param acceptance phrases that accept the other side's proposals ({@code config/ledger.yml}) */
    public Ledger(Jdbi jdbi, List<String> acceptance) {
        this.jdbi = jdbi;
        this.acceptance = acceptance.stream().map(Ledger::normalise).toList();
    }

    /** Loads the acceptance phrases of {@code <configDir>/ledger.yml}, or the copy in the jar. */
    public static List<String> loadAcceptance(java.nio.file.Path configDir) {
        java.nio.file.Path path = configDir.resolve("ledger.yml");
        try (java.io.InputStream in = java.nio.file.Files.isRegularFile(path) ? java.nio.file.Files.newInputStream(path)
                : Ledger.class.getClassLoader().getResourceAsStream("default-config/ledger.yml")) {
            if (in == null) {
                throw new dev.contractgate.config.ConfigException("ledger: " + path + " not found");
            }
            record File(List<String> acceptance) {
            }
            File file = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, File.class);
            if (file.acceptance() == null || file.acceptance().stream().anyMatch(phrase -> phrase == null || phrase.isBlank())) {
                throw new dev.contractgate.config.ConfigException("ledger " + path + ": acceptance must be a list of phrases");
            }
            return List.copyOf(file.acceptance());
        } catch (java.io.IOException e) {
            throw new dev.contractgate.config.ConfigException("ledger " + path + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * Records the terms among a message's findings, in the caller's transaction. A message that accepts (and does
     * not ask) answers the other side's open proposals.
     *
     * @return how many entries were added or answered
     */
    public int record(Handle handle, ChatEvent event, List<Finding> findings, Instant now) {
        boolean question = QUESTION.matcher(event.body()).find();
        LedgerDao dao = Attached.dao(handle, LedgerDao.class);
        Instant said = event.editedAt() != null ? event.editedAt() : event.sentAt();
        int recorded = 0;
        if (!question && accepts(event.body())) {
            recorded += dao.accept(event.channel(), event.roomId(), event.senderId(), said);
        }
        for (Finding finding : findings) {
            if (finding.label() != Label.NEGOTIATION || finding.term() == null || isBareKeyword(finding)) {
                continue;
            }
            String value = finding.term().value();
            recorded += dao.record(event.channel(), event.roomId(), event.messageId(), event.senderId(),
                    said,
                    finding.term().type().name().toLowerCase(Locale.ROOT),
                    value.length() > 300 ? value.substring(0, 300) : value, finding.match(), question ? 1 : 0, now);
        }
        return recorded;
    }

    private boolean accepts(String body) {
        String text = normalise(body);
        return acceptance.stream().anyMatch(text::contains);
    }

    private static String normalise(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * A term that names a topic without saying anything about it: an "other" term without a figure ("報酬", "予算"),
     * or a payment word that the analysis could not read as a term ("支払いは", "お支払い方法"): a payment term it
     * read comes as {@code key=value} pairs (月末締め翌月末払い is {@code closing=end;due=next_month:end}).
     */
    private static boolean isBareKeyword(Finding finding) {
        dev.contractgate.analysis.TermType type = finding.term().type();
        String value = finding.term().value();
        return type == dev.contractgate.analysis.TermType.OTHER && value.chars().noneMatch(Character::isDigit)
                || type == dev.contractgate.analysis.TermType.PAYMENT && !PaymentTerms.isNormalised(value);
    }

    /**
     * The sender took a message back: its terms stay in the history, marked retracted, and no longer count as the
     * current value, in the caller's transaction.
     *
     * @return how many terms were marked
     */
    public int retract(Handle handle, ChatEvent event, Instant now) {
        int marked = handle.attach(LedgerDao.class).retract(event.channel(), event.roomId(), event.messageId(), now);
        if (marked > 0) {
            handle.attach(RoomActivityDao.class).termsChanged(event.channel(), event.roomId(), now);
        }
        return marked;
    }

    /** Everything said in the room, oldest first. */
    public List<LedgerEntry> history(String channel, String roomId) {
        return jdbi.onDemand(LedgerDao.class).history(channel, roomId);
    }

    /** The current value of each term type (the latest said and not taken back), in {@link #TERM_TYPES} order. */
    public static Map<String, LedgerEntry> current(List<LedgerEntry> history) {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        for (LedgerEntry entry : history) {
            if (!entry.retracted()) {
                latest.put(entry.termType(), entry);
            }
        }
        Map<String, LedgerEntry> ordered = new LinkedHashMap<>();
        for (String type : TERM_TYPES) {
            if (latest.containsKey(type)) {
                ordered.put(type, latest.get(type));
            }
        }
        return ordered;
    }
}
