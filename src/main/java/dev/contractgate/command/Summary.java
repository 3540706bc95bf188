package dev.contractgate.command;

import dev.contractgate.gate.RoomView;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.ledger.LedgerEntry;
import dev.contractgate.ledger.PaymentTerms;
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
 * requires the client to state in writing, marking what is still missing, and a warning when a payment term puts
 * the due date more than 60 days after delivery (Article 4). Normalised values (payment terms, amounts, dates) are
 * written in the summary's language.
 */
final class Summary {
    /** The Article 3 items, in the order of the act. */
    static final List<String> CHECKLIST = List.of("work", "amount", "payment_due", "delivery_date", "delivery_place",
            "inspection", "payment_method");
    /** The words the payment terms are rendered with (messages words). */
    static final List<String> PAYMENT_WORDS = paymentWords();
    /** Ledger values written as the words were (older entries, or text the analysis keeps as it is). */
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
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
        List<String> warnings = new ArrayList<>();
        history.stream().filter(entry -> entry.termType().equals("payment"))
                .filter(entry -> PaymentTerms.parse(entry.value()).map(PaymentTerms::exceedsSixtyDays).orElse(false))
                .reduce((first, second) -> second)
                .ifPresent(entry -> warnings.add(line(room, "line.payment_over_60", Map.of("value", value(entry)))));
        List<String> checklist = new ArrayList<>();
        present.forEach((item, isPresent) -> checklist.add(line(room, isPresent ? "line.check_present" : "line.check_missing",
                Map.of("item", messages.word("check." + item)))));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("as_of", messages.date(now));
        params.put("terms", String.join("\n", terms));
        params.put("open", String.join("\n", open));
        params.put("checklist", String.join("\n", checklist));
        params.put("missing", present.containsValue(false) ? "yes" : "");
        params.put("warnings", String.join("\n", warnings));
        return params;
    }

    /** Which Article 3 items the conversation covered. */
    static Map<String, Boolean> checklist(Map<String, LedgerEntry> current, List<LedgerEntry> history) {
        Map<String, Boolean> present = new LinkedHashMap<>();
        present.put("work", current.containsKey("scope"));
        present.put("amount", current.containsKey("amount") || current.containsKey("rate"));
        present.put("payment_due", payment(history, PaymentTerms::statesDueDate, PAYMENT_DUE));
        present.put("delivery_date", current.containsKey("deadline"));
        present.put("delivery_place", any(history, e -> true, DELIVERY_PLACE));
        present.put("inspection", any(history, e -> true, INSPECTION));
        present.put("payment_method", payment(history, PaymentTerms::statesMethod, PAYMENT_METHOD));
        return present;
    }

    /** A payment entry that states it: normalised terms by their parts, older entries by their words. */
    private static boolean payment(List<LedgerEntry> history, Predicate<PaymentTerms> states, Pattern words) {
        return history.stream().filter(entry -> entry.termType().equals("payment")).anyMatch(entry -> {
            java.util.Optional<PaymentTerms> terms = PaymentTerms.parse(entry.value());
            return terms.isPresent() ? states.test(terms.get())
                    : words.matcher(entry.text()).find() || words.matcher(entry.value()).find();
        });
    }

    private static boolean any(List<LedgerEntry> history, Predicate<LedgerEntry> which, Pattern pattern) {
        return history.stream().filter(which)
                .anyMatch(entry -> pattern.matcher(entry.text()).find() || pattern.matcher(entry.value()).find());
    }

    private String value(LedgerEntry entry) {
        if (entry.termType().equals("payment")) {
            java.util.Optional<PaymentTerms> terms = PaymentTerms.parse(entry.value());
            if (terms.isPresent()) {
                return payment(terms.get());
            }
        }
        String value = plainValue(entry);
        if (!messages.language().equals("ja") && JAPANESE.matcher(value).find()) {
            return inOtherLanguage(entry);
        }
        return value;
    }

    /** A value as written in Japanese, for a summary in another language: the figure it gives, or a pointer. */
    private String inOtherLanguage(LedgerEntry entry) {
        java.util.regex.Matcher number = Pattern.compile("\\d+").matcher(entry.value());
        if (entry.termType().equals("revisions") && number.find()) {
            return messages.word("value.revisions").replace("{n}", number.group());
        }
        if (entry.termType().equals("nda")) {
            return messages.word("value.nda");
        }
        return messages.word("value.as_written");
    }

    /** 月末締め・翌月末払い・銀行振込, or "closing at the end of the month, …", in the summary's language. */
    private String payment(PaymentTerms terms) {
        List<String> pieces = new ArrayList<>();
        terms.get("closing").ifPresent(day -> pieces.add(day.equals("end") ? messages.word("pay.closing_end")
                : messages.word("pay.closing_day").replace("{day}", day)));
        terms.get("due").ifPresent(due -> pieces.add(due(due)));
        terms.get("split").ifPresent(split -> pieces.add(split(split)));
        terms.get("method").ifPresent(method -> pieces.add(messages.word("pay.method." + method)));
        return String.join(messages.word("pay.separator"), pieces);
    }

    private String due(String due) {
        if (due.equals("upfront")) {
            return messages.word("pay.due_upfront");
        }
        String[] parts = due.split(":", 2);
        if (parts[0].startsWith("after_")) {
            String event = messages.word("pay.event." + parts[0]);
            if (parts.length == 1) {
                return messages.word("pay.due_after").replace("{event}", event);
            }
            boolean business = parts[1].endsWith("bd");
            String days = parts[1].replaceAll("\\D", "");
            return messages.word(business ? "pay.due_after_business_days" : "pay.due_after_days")
                    .replace("{event}", event).replace("{n}", days);
        }
        String month = messages.word("pay.month." + parts[0]);
        if (parts.length == 1) {
            return messages.word("pay.due_month").replace("{month}", month);
        }
        return parts[1].equals("end") ? messages.word("pay.due_month_end").replace("{month}", month)
                : messages.word("pay.due_month_day").replace("{month}", month).replace("{day}", parts[1]);
    }

    private String split(String split) {
        if (split.equals("milestones") || split.equals("deposit")) {
            return messages.word("pay.split_" + split);
        }
        List<String> pieces = new ArrayList<>();
        for (String part : split.split(",")) {
            String[] share = part.split(":", 2);
            if (share.length < 2) {
                continue;
            }
            pieces.add(share[0].equals("rest") ? messages.word("pay.split_rest").replace("{event}", messages.word("pay.event." + share[1]))
                    : share[1].equals("upfront") ? messages.word("pay.split_upfront").replace("{percent}", share[0].replace("%", ""))
                    : messages.word("pay.split_share").replace("{percent}", share[0].replace("%", ""))
                            .replace("{event}", messages.word("pay.event." + share[1])));
        }
        return String.join(messages.word("pay.separator"), pieces);
    }

    private static List<String> paymentWords() {
        List<String> words = new ArrayList<>(List.of("pay.closing_end", "pay.closing_day", "pay.due_upfront", "pay.due_after",
                "pay.due_after_days", "pay.due_after_business_days", "pay.due_month", "pay.due_month_end",
                "pay.due_month_day", "pay.split_milestones", "pay.split_deposit", "pay.split_rest", "pay.split_upfront",
                "pay.split_share", "pay.separator", "value.revisions", "value.nda", "value.as_written"));
        for (String event : List.of("after_delivery", "after_inspection", "after_invoice")) {
            words.add("pay.event." + event);
        }
        for (String month : List.of("next_month", "same_month", "month_after_next")) {
            words.add("pay.month." + month);
        }
        for (String method : List.of("bank_transfer", "escrow", "paypal", "paypay", "cash", "card", "wise", "payoneer")) {
            words.add("pay.method." + method);
        }
        return List.copyOf(words);
    }

    private String plainValue(LedgerEntry entry) {
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
