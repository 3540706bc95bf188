package dev.contractgate.registry;

import java.util.List;

/**
 * Posts the room notices that changes to the registry call for (an approval notice for a confirmed application, …).
 * An import hands its applications over only when asked to ({@code notify}); without a notices hook, the gate still
 * posts an approval notice when someone next speaks in the room.
 */
@FunctionalInterface
public interface ApplicationNotices {
    /** Nothing is posted at once. */
    ApplicationNotices NONE = applications -> { };

    /** These applications were filed or confirmed, and their rooms may be told. */
    void changed(List<Application> applications);
}
