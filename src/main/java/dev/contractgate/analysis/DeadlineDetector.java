package dev.contractgate.analysis;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Deadlines: a date (12月15日, 12/20, 来週金曜, 1月末, 2週間以内, 明後日, Friday, December 12) with a deadline word
 * around it (納期は…, …までに納品, deliver by …). Resolved to an ISO date against the reference date.
 */
final class DeadlineDetector {
    static final String RULE = "negotiation.deadline";
    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final String DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    /** Our own fixed grammar of dates (not operator data), written without nested repetition. */
    private static final Pattern DATE = Pattern.compile(
            "(?<ymd>(?<y1>\\d{4})[年/.\\-](?<m1>\\d{1,2})[月/.\\-](?<d1>\\d{1,2})日?)"
            + "|(?<md>(?<m2>\\d{1,2})月(?<d2>\\d{1,2})日)"
            + "|(?<slash>(?<![\\d/])(?<m3>\\d{1,2})/(?<d3>\\d{1,2})(?![\\d/]))"
            + "|(?<monthpart>(?<m4>\\d{1,2})月(?<part>末|中|上旬|中旬|下旬|いっぱい))"
            + "|(?<relmonth>(?<which>今月|来月|再来月)(?<mpart>末|中|いっぱい)?)"
            + "|(?<week>(?<wk>今週|来週|再来週)(?<wpart>中|末)?ノ?(?<wd>[月火水木金土日])?(?:曜日?)?)"
            + "|(?<dow>(?<wd2>[月火水木金土日])曜日?)"
            + "|(?<day>(?<rel>今日|本日|明日|アシタ|明後日|アサッテ)(?:中)?)"
            + "|(?<span>(?<n>\\d{1,3})(?<unit>営業日|日|週間|か月|ヶ月|カ月|ケ月|ヵ月)(?:以内|後|で))"
            + "|(?<enmd>(?<em>" + MONTHS + ")\\.?\\s(?<ed>\\d{1,2})(?:st|nd|rd|th)?\\b)"
            + "|(?<endm>\\b(?<ed2>\\d{1,2})(?:st|nd|rd|th)?\\s(?:of\\s)?(?<em2>" + MONTHS + ")\\b)"
            + "|(?<endow>\\b(?<next>next\\s|this\\s)?(?<ewd>" + DAYS + "))"
            + "|(?<enrel>\\btomorrow\\b|\\bend of (?:the )?(?:month|week)\\b)");
    private static final String WEEKDAYS = "月火水木金土日";
    /** How far a date may follow a cue before it (納期は…12月15日). */
    private static final int BEFORE_GAP = 12;
    /** How far a cue may follow a date (12月15日の朝9時までに). */
    private static final int AFTER_GAP = 10;
    private static final List<String> SWALLOWED = List.of("以内", "中");
    /** The longest date expression looked for. */
    private static final int MAX_DATE = 16;

    private DeadlineDetector() {
    }

    static void find(Message message, Lexicon lexicon, List<Finding> findings) {
        String text = message.text;
        if (!message.scan.possible(lexicon.deadlineBefore) && !message.scan.possible(lexicon.deadlineAfter)) {
            return;
        }
        List<int[]> before = message.matches(lexicon.deadlineBefore);
        List<int[]> after = message.matches(lexicon.deadlineAfter);
        boolean[] near = new boolean[text.length()];
        for (int[] cue : before) {
            java.util.Arrays.fill(near, cue[1], Math.min(text.length(), cue[1] + BEFORE_GAP + 1), true);
        }
        for (int[] cue : after) {
            java.util.Arrays.fill(near, Math.max(0, cue[0] - MAX_DATE - AFTER_GAP), cue[0], true);
        }
        java.util.regex.Matcher date = DATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int next = 0;
        for (int candidate = 0; candidate < text.length(); candidate++) {
            if (candidate < next || !near[candidate] || !mayStartDate(text, candidate)) {
                continue;
            }
            date.region(candidate, text.length());
            if (!date.lookingAt()) {
                continue;
            }
            int start = date.start();
            int end = date.end();
            next = end;
            int spanStart = -1;
            int spanEnd = end;
            for (int[] cue : before) {
                if (cue[1] <= start && start - cue[1] <= BEFORE_GAP && clean(message, cue[1], start, false)) {
                    spanStart = cue[0];
                    break;
                }
            }
            if (spanStart < 0) {
                int cueFrom = end - swallowed(date.group());
                for (int[] cue : after) {
                    if (cue[0] >= cueFrom && cue[0] - end <= AFTER_GAP && clean(message, end, Math.max(end, cue[0]), true)) {
                        spanStart = start;
                        spanEnd = cue[1];
                        break;
                    }
                }
            }
            if (spanStart < 0) {
                continue;
            }
            LocalDate resolved = message.referenceDate == null && date.group("ymd") == null ? null
                    : resolve(date, message.referenceDate);
            String value = resolved != null ? resolved.toString() : date.group().trim();
            findings.add(message.finding(Label.NEGOTIATION, RULE, spanStart, spanEnd, new Term(TermType.DEADLINE, value)));
        }
    }

    /**
     * How many chars at the end of a date are also the start of a cue after it: 本日中 and 2週間以内 take the 中 and
     * 以内 of 「本日中に納品」「2週間以内に納品」.
     */
    private static int swallowed(String date) {
        for (String suffix : SWALLOWED) {
            if (date.endsWith(suffix)) {
                return suffix.length();
            }
        }
        return 0;
    }

    /**
     * Whether the text between a cue and the date stays in one sentence; between a date and a following cue a
     * topic particle は breaks the link (今日はここまでに is not a deadline).
     */
    private static boolean clean(Message message, int from, int to, boolean noTopic) {
        if (from < to && message.sentenceOf(from) != message.sentenceOf(to - 1)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = message.text.charAt(i);
            if (c == '。' || c == '!' || c == '?' || c == TextNormalizer.BREAK || noTopic && c == 'ハ') {
                return false;
            }
        }
        return true;
    }

    /** Where a date can start: a number, a relative word (今, 本, 明, 来, 再, アシタ), a weekday, an English word. */
    private static boolean mayStartDate(String text, int i) {
        char c = text.charAt(i);
        char before = i == 0 ? ' ' : text.charAt(i - 1);
        if (c >= '0' && c <= '9') {
            return !(before >= '0' && before <= '9');
        }
        if (c >= 'a' && c <= 'z') {
            return !(before >= 'a' && before <= 'z') && "jfmasondtwe".indexOf(c) >= 0;
        }
        return "今本明来再ア".indexOf(c) >= 0 || WEEKDAYS.indexOf(c) >= 0 && i + 1 < text.length() && text.charAt(i + 1) == '曜';
    }

    /** The date meant, or null when it cannot be told. */
    static LocalDate resolve(java.util.regex.Matcher date, LocalDate today) {
        try {
            if (date.group("ymd") != null) {
                return LocalDate.of(num(date, "y1"), num(date, "m1"), num(date, "d1"));
            }
            if (date.group("md") != null) {
                return upcoming(today, num(date, "m2"), num(date, "d2"));
            }
            if (date.group("slash") != null) {
                return upcoming(today, num(date, "m3"), num(date, "d3"));
            }
            if (date.group("monthpart") != null) {
                LocalDate first = upcoming(today, num(date, "m4"), 1);
                return monthPart(first, date.group("part"));
            }
            if (date.group("relmonth") != null) {
                int plus = date.group("which").equals("今月") ? 0 : date.group("which").equals("来月") ? 1 : 2;
                LocalDate first = today.plusMonths(plus).withDayOfMonth(1);
                return monthPart(first, date.group("mpart") == null ? "末" : date.group("mpart"));
            }
            if (date.group("week") != null) {
                int plus = date.group("wk").equals("今週") ? 0 : date.group("wk").equals("来週") ? 1 : 2;
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(plus);
                if (date.group("wd") != null) {
                    return monday.plusDays(WEEKDAYS.indexOf(date.group("wd").charAt(0)));
                }
                return monday.plusDays(4);
            }
            if (date.group("dow") != null) {
                DayOfWeek day = DayOfWeek.of(WEEKDAYS.indexOf(date.group("wd2").charAt(0)) + 1);
                return today.with(TemporalAdjusters.nextOrSame(day));
            }
            if (date.group("day") != null) {
                String rel = date.group("rel");
                return today.plusDays(rel.equals("今日") || rel.equals("本日") ? 0 : rel.equals("明日") || rel.equals("アシタ") ? 1 : 2);
            }
            if (date.group("span") != null) {
                int n = num(date, "n");
                String unit = date.group("unit");
                if (unit.equals("営業日")) {
                    LocalDate day = today;
                    for (int added = 0; added < n; ) {
                        day = day.plusDays(1);
                        if (day.getDayOfWeek().getValue() <= 5) {
                            added++;
                        }
                    }
                    return day;
                }
                return unit.equals("日") ? today.plusDays(n) : unit.equals("週間") ? today.plusWeeks(n) : today.plusMonths(n);
            }
            if (date.group("enmd") != null) {
                return upcoming(today, month(date.group("em")), num(date, "ed"));
            }
            if (date.group("endm") != null) {
                return upcoming(today, month(date.group("em2")), num(date, "ed2"));
            }
            if (date.group("endow") != null) {
                DayOfWeek day = DayOfWeek.valueOf(date.group("ewd").toUpperCase(Locale.ROOT));
                LocalDate upcoming = today.with(TemporalAdjusters.next(day));
                return date.group("next") != null && date.group("next").startsWith("next")
                        && upcoming.isBefore(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))) ? upcoming.plusWeeks(1) : upcoming;
            }
            String rel = date.group("enrel");
            if (rel.equals("tomorrow")) {
                return today.plusDays(1);
            }
            return rel.endsWith("month") ? today.with(TemporalAdjusters.lastDayOfMonth())
                    : today.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int num(java.util.regex.Matcher date, String group) {
        return Integer.parseInt(date.group(group));
    }

    private static int month(String name) {
        String prefix = name.substring(0, 3);
        return "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(prefix) / 3 + 1;
    }

    /** The next date with this month and day, this year or, when it has passed, next year. */
    private static LocalDate upcoming(LocalDate today, int month, int day) {
        LocalDate date = LocalDate.of(today.getYear(), month, day);
        return date.isBefore(today) ? date.plusYears(1) : date;
    }

    private static LocalDate monthPart(LocalDate first, String part) {
        switch (part) {
            case "上旬": return first.withDayOfMonth(10);
            case "中旬": return first.withDayOfMonth(20);
            default: return first.with(TemporalAdjusters.lastDayOfMonth());
        }
    }
}
