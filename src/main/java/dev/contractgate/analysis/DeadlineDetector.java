package dev.contractgate.analysis;

import com.google.re2j.Matcher;
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

    private DeadlineDetector() {
    }

    static void find(Message message, Lexicon lexicon, List<Finding> findings) {
        String text = message.text;
        java.util.regex.Matcher date = DATE.matcher(text);
        while (date.find()) {
            int start = date.start();
            int end = date.end();
            int from = Math.max(message.sentenceStart(start), start - 20);
            int to = Math.min(message.sentenceEnd(start), end + 24);
            Matcher before = lexicon.deadlineBefore.matcher(text.substring(from, start));
            int spanStart = start;
            int spanEnd = end;
            if (before.find()) {
                spanStart = from + before.start();
            } else {
                Matcher after = lexicon.deadlineAfter.matcher(text.substring(end, Math.max(end, to)));
                if (!after.find()) {
                    continue;
                }
                spanEnd = end + after.end();
            }
            LocalDate resolved = message.referenceDate == null && date.group("ymd") == null ? null
                    : resolve(date, message.referenceDate);
            String value = resolved != null ? resolved.toString() : date.group().trim();
            findings.add(message.finding(Label.NEGOTIATION, RULE, spanStart, spanEnd, new Term(TermType.DEADLINE, value)));
        }
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
