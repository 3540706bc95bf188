package dev.contractgate.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment terms read as one term each and normalised: 月末締め翌月末払い, 翌月15日払い, 納品後30日以内, 検収後,
 * 着手金50％・残金納品後, 仮払い, 銀行振込, "net 30", "half now, half after approval". The parts of one sentence that
 * stand close together make one term whose value is {@code key=value} pairs joined by {@code ;}, in this order:
 * <ul>
 *   <li>{@code closing}: {@code end} (月末締め) or a day of the month ({@code 20});</li>
 *   <li>{@code due}: {@code next_month:end}, {@code next_month:15}, {@code same_month:end},
 *       {@code month_after_next:end}, {@code after_delivery:30d}, {@code after_inspection:5bd},
 *       {@code after_invoice:30d}, {@code after_delivery}, {@code after_inspection}, {@code upfront};</li>
 *   <li>{@code split}: {@code 50%:upfront,rest:after_delivery}, {@code deposit}, {@code milestones};</li>
 *   <li>{@code method}: {@code bank_transfer}, {@code escrow} (the platform's 仮払い), {@code paypal}, {@code paypay},
 *       {@code cash}, {@code card}, {@code wise}, {@code payoneer}.</li>
 * </ul>
 * Our own grammar of payment terms, not operator data: its values are codes the summary renders in its language.
 */
final class PaymentTermDetector {
    static final String RULE = "negotiation.payment_terms";
    static final List<String> KEYS = List.of("closing", "due", "split", "method");
    /** How far apart two parts of one term may stand. */
    private static final int GAP = 14;

    private record Part(int start, int end, String key, String value) {
    }

    private interface Reader {
        String value(Matcher matcher);
    }

    /** @param anyOf literals one of which every match contains: the pattern runs only on a text that has one */
    private record Grammar(String key, Pattern pattern, boolean needsPaymentWord, Reader reader, List<String> anyOf) {
        Grammar(String key, Pattern pattern, boolean needsPaymentWord, Reader reader, String... anyOf) {
            this(key, pattern, needsPaymentWord, reader, java.util.Arrays.stream(anyOf).map(Lexicon::fold).toList());
        }

        boolean mayMatch(String text) {
            for (String literal : anyOf) {
                if (text.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String EVENT_JA = "(納品|検収|請求書?(?:の)?(?:発行|受領)?|作業完了|完了|受領)";
    private static final String EVENT_EN = "(delivery|completion|approval|acceptance|invoice|invoicing|receipt)";
    private static final Pattern PAYMENT_WORD = compile(
            "支払|払い|払う|払|振込|振り込|入金|請求|報酬|ギャラ|お金|\\bpa(y|id|yment)|\\binvoice|\\btransfer|\\bnet\\s?\\d");
    private static final List<Grammar> GRAMMAR = List.of(
            new Grammar("closing", compile("(月末|末日|(\\d{1,2})日)\\s?(締め|締|〆)(切り)?"), false,
                    m -> m.group(2) == null ? "end" : String.valueOf(Integer.parseInt(m.group(2))), "締", "〆"),
            new Grammar("due", compile("(翌々月|翌月|当月|同月|来月)\\s?の?\\s?(末日?|(\\d{1,2})日)?\\s?に?\\s?(お)?(支払い?|払い?|支給|振込み?|振り込み?|入金)"),
                    false, m -> month(m.group(1)) + (m.group(2) == null ? "" : m.group(3) == null ? ":end"
                            : ":" + Integer.parseInt(m.group(3))), "翌", "当月", "同月", "来月"),
            new Grammar("due", compile(EVENT_JA + "\\s?日?\\s?(後|から|より)\\s?(\\d{1,3})\\s?(営業日|日|週間|か月|ヶ月|カ月)\\s?(以内|後|まで)?"),
                    false, m -> event(m.group(1)) + ":" + days(m.group(3), m.group(4)), "納品", "検収", "請求", "完了", "受領"),
            new Grammar("due", compile("(?:within|in)\\s(\\d{1,3})\\s(business\\s|working\\s)?days\\s(?:of|after|from)\\s(?:the\\s)?" + EVENT_EN),
                    false, m -> event(m.group(3)) + ":" + m.group(1) + (m.group(2) == null ? "d" : "bd"), "days"),
            new Grammar("due", compile("(\\d{1,3})\\s(business\\s|working\\s)?days\\s(?:after|of|from)\\s(?:the\\s)?" + EVENT_EN),
                    false, m -> event(m.group(3)) + ":" + m.group(1) + (m.group(2) == null ? "d" : "bd"), "days"),
            new Grammar("due", compile("\\bnet\\s?(\\d{1,3})\\b"), false, m -> "after_invoice:" + m.group(1) + "d", "net"),
            new Grammar("due", compile("end of (?:the )?(following|next|this|the) month"), true,
                    m -> m.group(1).equals("this") || m.group(1).equals("the") ? "same_month:end" : "next_month:end", "end of"),
            new Grammar("split", compile("(着手金|前金|手付金|着手時|前払い)\\s?(は|として|で|に)?\\s?(\\d{1,3})\\s?(%|割|パーセント)"), false,
                    m -> percent(m.group(3), m.group(4)) + ":upfront", "%", "割", "パーセント"),
            new Grammar("split", compile("(半額|半分)\\s?(を|は)?\\s?(先に|先払い|前払い|着手時|着手前|前金|最初に)"), false,
                    m -> "50%:upfront", "半額", "半分"),
            new Grammar("split", compile("(\\d{1,3})\\s?%\\s?(up ?front|in advance|deposit|before (?:we )?start(?:ing)?|at the start|on signing)"
                    + "|(half|50 ?%)\\s(now|up ?front|in advance|before (?:we )?start(?:ing)?|at the start|on signing|first)"), false,
                    m -> (m.group(1) != null ? m.group(1) : "50") + "%:upfront", "%", "half"),
            new Grammar("rest", compile("(残金|残り|残額|残りの半額|残り半分|残りの\\d{1,3}\\s?%)\\s?(は|を|も)?\\s?" + EVENT_JA
                    + "\\s?(後|時|完了後|次第|の際)?"), false, m -> "rest:" + event(m.group(3)), "残"),
            new Grammar("rest", compile("(half|50 ?%|the rest|the remainder|the balance|remaining(?: 50 ?%)?)\\s(?:is\\s)?(?:paid\\s)?(after|on|upon|at)\\s"
                    + EVENT_EN), false, m -> "rest:" + event(m.group(3)), "half", "rest", "remainder", "balance", "remaining", "50"),
            new Grammar("split", compile("マイルストーン|\\bmilestones?\\b|分割払い|分割で"), true, m -> "milestones", "マイルストーン", "milestone", "分割"),
            new Grammar("split", compile("着手金|前金|手付金"), false, m -> "deposit", "着手金", "前金", "手付金"),
            new Grammar("due", compile(EVENT_JA + "\\s?(後|完了後|次第|時|の際|が済み次第|確認後)"), true,
                    m -> event(m.group(1)), "納品", "検収", "請求", "完了", "受領"),
            new Grammar("due", compile("(?:upon|on|after)\\s(?:the\\s)?" + EVENT_EN), true, m -> event(m.group(1)), "delivery", "completion", "approval", "acceptance", "invoic", "receipt"),
            new Grammar("due", compile("前払い|先払い|\\bup ?front\\b|\\bin advance\\b"), true, m -> "upfront", "前払", "先払", "front", "advance"),
            new Grammar("due", compile("後払い"), false, m -> "after_delivery", "後払"),
            new Grammar("method", compile("銀行振込|銀行振り込み|お振込み?|お振り込み|振込|振り込み|\\bbank transfer|\\bwire transfer|\\bbank wire"),
                    false, m -> "bank_transfer", "振込", "振り込", "transfer", "wire"),
            new Grammar("method", compile("仮払い(?!\\s?(なし|無し|せず|しない|不要|なしで))|\\bescrow\\b|エスクロー"), false, m -> "escrow", "仮払", "escrow", "エスクロー"),
            new Grammar("method", compile("paypal|ペイパル"), false, m -> "paypal", "paypal", "ペイパル"),
            new Grammar("method", compile("paypay|ペイペイ"), false, m -> "paypay", "paypay", "ペイペイ"),
            new Grammar("method", compile("現金"), true, m -> "cash", "現金"),
            new Grammar("method", compile("クレジットカード|カード払い|カード決済|\\bcredit card"), false, m -> "card", "カード", "credit card"),
            new Grammar("method", compile("\\bwise\\b"), true, m -> "wise", "wise"),
            new Grammar("method", compile("\\bpayoneer\\b|ペイオニア"), false, m -> "payoneer", "payoneer", "ペイオニア"));

    private PaymentTermDetector() {
    }

    /** Hiragana folded to katakana and lower case, as the normalised text is. */
    private static Pattern compile(String regex) {
        return Pattern.compile(Lexicon.fold(regex));
    }

    static void find(Message message, List<Finding> findings) {
        String text = message.plainText;
        List<Part> parts = new ArrayList<>();
        boolean[] taken = new boolean[text.length() + 1];
        for (Grammar grammar : GRAMMAR) {
            if (!grammar.mayMatch(text)) {
                continue;
            }
            Matcher matcher = grammar.pattern().matcher(text);
            while (matcher.find()) {
                if (matcher.end() == matcher.start() || overlapsTaken(taken, matcher.start(), matcher.end())) {
                    continue;
                }
                if (grammar.needsPaymentWord() && !paymentWordInSentence(message, matcher.start())) {
                    continue;
                }
                String value;
                try {
                    value = grammar.reader().value(matcher);
                } catch (NumberFormatException e) {
                    continue;
                }
                java.util.Arrays.fill(taken, matcher.start(), matcher.end(), true);
                parts.add(new Part(matcher.start(), matcher.end(), grammar.key(), value));
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        parts.sort(java.util.Comparator.comparingInt(Part::start));
        List<Part> group = new ArrayList<>();
        for (Part part : parts) {
            if (!group.isEmpty()) {
                Part last = group.get(group.size() - 1);
                if (part.start() - last.end() > GAP || message.sentenceOf(part.start()) != message.sentenceOf(last.start())) {
                    emit(message, group, findings);
                    group.clear();
                }
            }
            group.add(part);
        }
        emit(message, group, findings);
    }

    private static boolean overlapsTaken(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) {
            if (taken[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean paymentWordInSentence(Message message, int at) {
        int from = message.sentenceStart(at);
        int to = message.sentenceEnd(at);
        return PAYMENT_WORD.matcher(message.plainText.substring(from, to)).find();
    }

    private static void emit(Message message, List<Part> group, List<Finding> findings) {
        Map<String, String> values = new LinkedHashMap<>();
        String rest = null;
        for (Part part : group) {
            if (part.key().equals("rest")) {
                rest = rest == null ? part.value() : rest;
            } else {
                values.putIfAbsent(part.key(), part.value());
            }
        }
        if (rest != null) {
            String split = values.get("split");
            if (split == null || split.equals("deposit")) {
                values.put("split", rest);
            } else if (!split.equals("milestones")) {
                values.put("split", split + "," + rest);
            }
        }
        StringBuilder value = new StringBuilder();
        for (String key : KEYS) {
            if (values.containsKey(key)) {
                value.append(value.length() == 0 ? "" : ";").append(key).append('=').append(values.get(key));
            }
        }
        if (value.length() == 0) {
            return;
        }
        Part first = group.get(0);
        Part last = group.get(group.size() - 1);
        findings.add(message.finding(Label.NEGOTIATION, RULE, first.start(), last.end(),
                new Term(TermType.PAYMENT, value.toString())));
    }

    private static String month(String word) {
        switch (word) {
            case "翌々月":
                return "month_after_next";
            case "当月":
            case "同月":
                return "same_month";
            default:
                return "next_month";
        }
    }

    /** The event a due date counts from, from its Japanese (folded) or English name. */
    private static String event(String word) {
        String folded = word.toLowerCase(java.util.Locale.ROOT);
        if (folded.startsWith("検収") || folded.equals("approval") || folded.equals("acceptance")) {
            return "after_inspection";
        }
        if (folded.startsWith("請求") || folded.startsWith("invoic")) {
            return "after_invoice";
        }
        return "after_delivery";
    }

    private static String days(String number, String unit) {
        int n = Integer.parseInt(number);
        if (unit.equals("営業日")) {
            return n + "bd";
        }
        if (unit.equals("週間")) {
            return n * 7 + "d";
        }
        if (unit.endsWith("月")) {
            return n * 30 + "d";
        }
        return n + "d";
    }

    private static String percent(String number, String unit) {
        int n = Integer.parseInt(number);
        return (unit.equals("割") ? n * 10 : n) + "%";
    }
}
