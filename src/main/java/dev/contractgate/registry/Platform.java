package dev.contractgate.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.contractgate.validation.FieldErrors;
import java.util.List;
import org.jdbi.v3.core.enums.DatabaseValue;

/**
 * The platform an application was filed on (product.md, "The problem"). Coconala allows no exception; it is accepted
 * so that an operator can record what a party claims, which the other party can then deny.
 */
public enum Platform {
    @DatabaseValue("crowdworks") CROWDWORKS,
    @DatabaseValue("lancers") LANCERS,
    @DatabaseValue("coconala") COCONALA,
    @DatabaseValue("upwork") UPWORK,
    @DatabaseValue("fiverr") FIVERR,
    @DatabaseValue("other") OTHER;

    public static final List<Platform> ALL = List.of(values());

    @JsonValue
    public String wire() {
        return FieldErrors.wire(this);
    }
}
