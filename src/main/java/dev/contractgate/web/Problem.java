package dev.contractgate.web;

import dev.contractgate.validation.FieldError;
import java.util.List;

/** An error answer, RFC 9457 {@code application/problem+json}. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }
}
