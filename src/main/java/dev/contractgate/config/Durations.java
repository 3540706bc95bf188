package dev.contractgate.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations in configuration: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 3d}, or ISO-8601 ({@code PT10M}). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text.trim();
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                default: return Duration.ofDays(amount);
            }
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 500ms, 30s, 10m, 24h, 3d)");
        }
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000L == 0 && millis > 0) return millis / 86_400_000L + "d";
        if (millis % 3_600_000L == 0 && millis > 0) return millis / 3_600_000L + "h";
        if (millis % 60_000L == 0 && millis > 0) return millis / 60_000L + "m";
        if (millis % 1_000L == 0) return millis / 1_000L + "s";
        return millis + "ms";
    }
}
