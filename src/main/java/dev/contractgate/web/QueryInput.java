package dev.contractgate.web;

import dev.contractgate.validation.FieldErrors;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The query parameters of an API request, with every bad one collected in {@link #errors()}: a parameter the endpoint
 * does not know, one given twice, one with a control character, or a value out of range. An empty parameter reads as
 * absent.
 */
final class QueryInput {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Context ctx;
    private final FieldErrors errors = new FieldErrors();

    /** @param known the parameters this endpoint takes; any other is an error */
    QueryInput(Context ctx, String... known) {
        this.ctx = ctx;
        Set<String> allowed = Set.of(known);
        ctx.queryParamMap().forEach((name, values) -> {
            if (!allowed.contains(name)) {
                errors.add(name, allowed.isEmpty() ? "is not a parameter of this endpoint (it takes none)"
                        : "is not a parameter of this endpoint (it takes " + String.join(", ", known) + ")");
            } else if (values.size() > 1) {
                errors.add(name, "is given more than once");
            } else {
                values.forEach(value -> errors.noControls(name, value));
            }
        });
    }

    /** For an endpoint that takes no query parameters: refuses any. */
    static void none(Context ctx) {
        new QueryInput(ctx).errors().throwIfAny("invalid query");
    }

    FieldErrors errors() {
        return errors;
    }

    String text(String name) {
        if (errors.has(name)) {
            return null;
        }
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    <E extends Enum<E>> E oneOf(String name, List<E> allowed) {
        return errors.oneOf(name, text(name), allowed);
    }

    /** A parameter that must be one of {@code allowed}, or absent (null). */
    String oneOfText(String name, List<String> allowed) {
        String value = text(name);
        if (value != null && !allowed.contains(value)) {
            errors.add(name, "must be one of " + allowed + ", got '" + value + "'");
            return null;
        }
        return value;
    }

    Instant time(String name) {
        return errors.time(name, text(name));
    }

    /** {@code ?limit=}: 1 to 1000, default 100 (interface.md, "HTTP"). */
    int limit() {
        String value = text("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
        return DEFAULT_LIMIT;
    }
}
