package dev.contractgate.room;

import dev.contractgate.gate.ApplicationView;
import dev.contractgate.gate.Coverage;
import dev.contractgate.registry.Application;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import java.time.Instant;
import java.util.List;

/** The registry, in the words of the gate and the room directory. */
public final class RegistryCoverage implements CoverageLookup, FreelancerLookup {
    private final Registry registry;

    public RegistryCoverage(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Coverage coverage(String channel, String roomId, String counterpartAccountId, List<String> freelancerAccountIds, Instant now) {
        if (freelancerAccountIds.isEmpty()) {
            return Coverage.NONE;
        }
        dev.contractgate.registry.Coverage found = registry.coverage(channel, roomId, counterpartAccountId, freelancerAccountIds, now);
        return new Coverage(view(found.covering()), view(found.pending()));
    }

    @Override
    public java.util.Set<String> freelancersAmong(String channel, List<String> accountIds) {
        return registry.parties(channel, accountIds).stream()
                .filter(party -> party.role() == Role.FREELANCER)
                .map(dev.contractgate.registry.Party::accountId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** An application in the gate's words; null for null. */
    public static ApplicationView view(Application application) {
        if (application == null) {
            return null;
        }
        return new ApplicationView(application.id(), application.platform().wire(), application.reference(),
                application.validUntil(), application.clientAccountId(), application.freelancerAccountId(),
                application.filedBy().wire());
    }
}
