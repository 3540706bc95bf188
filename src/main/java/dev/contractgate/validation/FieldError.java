package dev.contractgate.validation;

/** One thing wrong with one field of an input, as reported in a problem+json {@code errors} entry. */
public record FieldError(String field, String message) {
}
