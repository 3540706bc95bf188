package dev.contractgate.web.pages;

import dev.contractgate.ledger.LedgerEntry;
import dev.contractgate.registry.Application;
import java.util.List;
import java.util.Map;

/**
 * The freelancer's page: the claims waiting for their confirmation, the room's applications, the terms ledger and the
 * paste-ready summary.
 *
 * @param names display names by account id
 * @param done what the last action did, in the visitor's words, or null
 */
public record FreelancerView(LinkView link, List<Application> claims, List<Application> applications,
                             List<LedgerEntry> ledger, String summary, Map<String, String> names, String done) {
    public FreelancerView {
        claims = List.copyOf(claims);
        applications = List.copyOf(applications);
        ledger = List.copyOf(ledger);
        names = Map.copyOf(names);
    }

    public String name(String accountId) {
        return names.getOrDefault(accountId, accountId);
    }
}
