package dev.contractgate.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A payment term as the analysis normalises it: {@code key=value} pairs joined by {@code ;} with the keys
 * {@code closing} (締め日), {@code due} (支払期日), {@code split} (着手金・残金) and {@code method} (支払方法), e.g.
 * {@code closing=end;due=next_month:end;method=bank_transfer} for 「月末締め翌月末払い、銀行振込」.
 */
public record PaymentTerms(Map<String, String> parts) {
    /** Japan's freelance act, Article 4: payment within 60 days of receiving the work. */
    public static final int MAX_DAYS_AFTER_DELIVERY = 60;
    private static final Pattern PAIR = Pattern.compile("(closing|due|split|method)=([a-z0-9_%:,]+)");
    private static final Pattern DAYS = Pattern.compile("after_(delivery|inspection|invoice):(\\d{1,4})(d|bd)");

    public PaymentTerms {
        parts = Map.copyOf(parts);
    }

    /** Whether a ledger value is a normalised payment term (values of older versions are the words as written). */
    public static boolean isNormalised(String value) {
        return parse(value).isPresent();
    }

    /** The term of a ledger value, or empty when the value is not a normalised payment term. */
    public static Optional<PaymentTerms> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String pair : value.split(";")) {
            Matcher matcher = PAIR.matcher(pair.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            parts.put(matcher.group(1), matcher.group(2));
        }
        return Optional.of(new PaymentTerms(parts));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(parts.get(key));
    }

    /** Says when it is paid: a closing day, a due rule or a split. */
    public boolean statesDueDate() {
        return parts.containsKey("closing") || parts.containsKey("due") || parts.containsKey("split")
                && !parts.get("split").equals("deposit");
    }

    /** Says how it is paid. */
    public boolean statesMethod() {
        return parts.containsKey("method");
    }

    /**
     * Whether the due date may lie more than 60 days after delivery. A month-end closing paid at the end of the
     * next month counts as within the limit (the act reads 60 days as two months for monthly closings); paid two
     * months later does not, nor does a count of days over 60 (business days counted as seven for five).
     */
    public boolean exceedsSixtyDays() {
        String due = parts.get("due");
        if (due == null) {
            return false;
        }
        if (due.startsWith("month_after_next")) {
            return true;
        }
        Matcher matcher = DAYS.matcher(due);
        if (matcher.matches()) {
            long days = Long.parseLong(matcher.group(2));
            long calendarDays = matcher.group(3).equals("bd") ? (days * 7 + 4) / 5 : days;
            return calendarDays > MAX_DAYS_AFTER_DELIVERY;
        }
        return false;
    }
}
