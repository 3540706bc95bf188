package dev.contractgate.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Collects what is wrong with an input, field by field, so that one answer names every bad field. A field keeps its
 * first error: a value that could not be read is not reported again as missing.
 */
public final class FieldErrors {
    /** The range of RFC 3339 times (four-digit years). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        if (!has(field)) {
            errors.add(new FieldError(field, message));
        }
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Throws {@link InvalidInputException} naming every bad field, if there is one. */
    public void throwIfAny(String summary) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary, errors);
        }
    }

    public void required(String field, Object value) {
        if (value == null) {
            add(field, "is required");
        }
    }

    /** A text of 1 to {@code maxLength} characters, when present. */
    public void text(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            add(field, "must not be empty");
        } else if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters long, got " + value.length());
        }
    }

    /** An absolute http or https URL, when present. */
    public void url(String field, String value, int maxLength) {
        text(field, value, maxLength);
        if (value == null || has(field)) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                add(field, "must be an http or https URL");
            }
        } catch (URISyntaxException e) {
            add(field, "must be an http or https URL");
        }
    }

    /**
     * One of {@code allowed}, each written as its lower-case name (the API's convention for enumerated values); null
     * when absent or not allowed.
     */
    public <E extends Enum<E>> E oneOf(String field, String raw, List<E> allowed) {
        if (raw == null) {
            return null;
        }
        for (E value : allowed) {
            if (wire(value).equals(raw)) {
                return value;
            }
        }
        add(field, "must be one of " + allowed.stream().map(FieldErrors::wire).collect(Collectors.joining(", "))
                + ", got '" + raw + "'");
        return null;
    }

    /** Refuses a text with a control character other than newline and tab (see {@link ControlCharacters}). */
    public void noControls(String field, String value) {
        String problem = ControlCharacters.problem(value);
        if (problem != null) {
            add(field, problem);
        }
    }

    /**
     * An RFC 3339 date-time with its offset ({@code 2030-03-31T23:59:59+09:00}), to the millisecond, in the years 0001
     * to 9999 (RFC 3339's range); null when absent or bad.
     */
    public Instant time(String field, String raw) {
        if (raw == null) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            add(field, "must be an RFC 3339 date-time with an offset, such as 2030-03-31T23:59:59+09:00");
            return null;
        }
        Instant instant = time.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            add(field, "must be in the years 0001 to 9999, got " + raw);
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** How an enumerated value is written in the API and the database. */
    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
