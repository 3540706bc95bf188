package dev.contractgate.validation;

import java.util.List;
import java.util.stream.Collectors;

/** An input was refused; it lists every field that is wrong. Answered as 400 problem+json. */
public final class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInputException(String summary, List<FieldError> errors) {
        super(summary + ": " + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this("invalid input", List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
