package dev.contractgate.command;

import dev.contractgate.gate.RoomView;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.ledger.LedgerEntry;
import dev.contractgate.reply.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The paste-ready summary of a room's terms: the current value of each term (who said it, when), what still waits
 * for an answer, and a checklist of what Japan's freelance act (フリーランス・事業者間取引適正化等法, Article 3)
 * requires the client to state in writing, marking what is still missing.
 */
final class Summary {
    /** The Article 3 items, in the order of the act. */
    static final List<String> CHECKLIST = List.of("work", "amount", "payment_due", "delivery_date", "delivery_place",
            "inspection", "payment_method");
    private static final Pattern PAYMENT_DUE = Pattern.compile("\\d+\\s*日|月末|締め|以内|までに|後払い|翌月|当月|前払い|within|days|end of|by the");
    private static final Pattern PAYMENT_METHOD = Pattern.compile("振込|振り込|銀行|口座|PayPal|ペイパル|カード|現金|仮払い|エスクロー|bank|transfer|card|escrow", Pattern.CASE_INSENSITIVE);
    private static final Pattern DELIVERY_PLACE = Pattern.compile("納品(場所|先|方法)|納品は|(データ|ファイル)で納品|ギガファイル|Google ?ドライブ|Google ?Drive|deliver(y|ed)? (to|via|by|as)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INSPECTION = Pattern.compile("検収|検査|inspection|acceptance", Pattern.CASE_INSENSITIVE);

    private final Messages messages;

    Summary(Messages messages) {
        this.messages = messages;
    }

    /** The values of the summary template. */
    Map<String, Object> params(RoomView room, List<LedgerEntry> history, Instant now) {
        Map<String, LedgerEntry> current = Ledger.current(history);
        List<String> terms = new ArrayList<>();
        List<String> open = new ArrayList<>();
        current.forEach((type, entry) -> {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("term", messages.word("term." + type));
            params.put("value", value(entry));
            params.put("name", room.nameOf(entry.senderId()));
            params.put("said_at", messages.date(entry.saidAt()));
            if (entry.answeredBy() != null) {
                params.put("accepted_by", room.nameOf(entry.answeredBy()));
            }
            terms.add(line(room, entry.answeredBy() == null ? "line.term" : "line.term_accepted", params));
            if (entry.open()) {
                open.add(line(room, "line.open", Map.of("term", messages.word("term." + type), "text", entry.text(),
                        "name", room.nameOf(entry.senderId()))));
            }
        });
        if (terms.isEmpty()) {
            terms.add(line(room, "line.no_terms", Map.of()));
        }
        Map<String, Boolean> present = checklist(current, history);
        List<String> checklist = new ArrayList<>();
        present.forEach((item, isPresent) -> checklist.add(line(room, isPresent ? "line.check_present" : "line.check_missing",
                Map.of("item", messages.word("check." + item)))));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("as_of", messages.date(now));
        params.put("terms", String.join("\n", terms));
        params.put("open", String.join("\n", open));
        params.put("checklist", String.join("\n", checklist));
        params.put("missing", present.containsValue(false) ? "yes" : "");
        return params;
    }

    /** Which Article 3 items the conversation covered. */
    static Map<String, Boolean> checklist(Map<String, LedgerEntry> current, List<LedgerEntry> history) {
        Map<String, Boolean> present = new LinkedHashMap<>();
        present.put("work", current.containsKey("scope"));
        present.put("amount", current.containsKey("amount") || current.containsKey("rate"));
        present.put("payment_due", any(history, e -> e.termType().equals("payment"), PAYMENT_DUE));
        present.put("delivery_date", current.containsKey("deadline"));
        present.put("delivery_place", any(history, e -> true, DELIVERY_PLACE));
        present.put("inspection", any(history, e -> true, INSPECTION));
        present.put("payment_method", any(history, e -> e.termType().equals("payment"), PAYMENT_METHOD));
        return present;
    }

    private static boolean any(List<LedgerEntry> history, Predicate<LedgerEntry> which, Pattern pattern) {
        return history.stream().filter(which)
                .anyMatch(entry -> pattern.matcher(entry.text()).find() || pattern.matcher(entry.value()).find());
    }

    private String value(LedgerEntry entry) {
        if (entry.termType().equals("amount") && entry.value().matches("\\d{1,15}")) {
            return messages.word("amount").replace("{amount}", String.format(Locale.ROOT, "%,d", Long.parseLong(entry.value())));
        }
        if (entry.termType().equals("deadline")) {
            try {
                return messages.date(LocalDate.parse(entry.value()));
            } catch (DateTimeParseException e) {
                return entry.value();
            }
        }
        return entry.value();
    }

    private String line(RoomView room, String template, Map<String, ?> params) {
        return messages.render(room.channel(), template, params).text();
    }
}
