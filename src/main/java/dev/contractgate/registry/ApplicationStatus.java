package dev.contractgate.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.contractgate.validation.FieldErrors;
import java.util.List;
import org.jdbi.v3.core.enums.DatabaseValue;

/**
 * Where an application stands (product.md, "Application lifecycle"). {@link #EXPIRED} is never stored: a claimed or
 * confirmed application reads as expired once its {@code valid_until} has passed.
 */
public enum ApplicationStatus {
    @DatabaseValue("claimed") CLAIMED,
    @DatabaseValue("confirmed") CONFIRMED,
    @DatabaseValue("denied") DENIED,
    @DatabaseValue("revoked") REVOKED,
    @DatabaseValue("expired") EXPIRED;

    /** What a new application may start as: a claim, or (operators only) an already confirmed application. */
    public static final List<ApplicationStatus> INITIAL = List.of(CLAIMED, CONFIRMED);

    @JsonValue
    public String wire() {
        return FieldErrors.wire(this);
    }

    /** True for the statuses that {@code valid_until} can turn into {@link #EXPIRED}. */
    public boolean canExpire() {
        return this == CLAIMED || this == CONFIRMED;
    }
}
