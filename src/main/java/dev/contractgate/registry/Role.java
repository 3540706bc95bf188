package dev.contractgate.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.contractgate.validation.FieldErrors;
import java.util.List;
import org.jdbi.v3.core.enums.DatabaseValue;

/** Who someone is to the registry: an operator, or a party (a freelancer or a client). */
public enum Role {
    @DatabaseValue("operator") OPERATOR,
    @DatabaseValue("freelancer") FREELANCER,
    @DatabaseValue("client") CLIENT;

    /** The roles a registered party can have. */
    public static final List<Role> PARTIES = List.of(FREELANCER, CLIENT);

    @JsonValue
    public String wire() {
        return FieldErrors.wire(this);
    }

    public boolean isParty() {
        return this != OPERATOR;
    }
}
