package dev.contractgate.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.validation.FieldErrors;
import java.util.List;
import org.jdbi.v3.core.enums.DatabaseValue;
import org.junit.jupiter.api.Test;

class WireNamesTest {
    @Test
    void everyEnumIsStoredAsItIsWrittenInTheApi() throws Exception {
        for (Class<? extends Enum<?>> type : List.of(Role.class, ApplicationStatus.class, Platform.class)) {
            for (Enum<?> value : type.getEnumConstants()) {
                String stored = type.getField(value.name()).getAnnotation(DatabaseValue.class).value();
                assertThat(stored).as(type.getSimpleName() + "." + value.name()).isEqualTo(FieldErrors.wire(value));
            }
        }
    }
}
