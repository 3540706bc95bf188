package dev.contractgate.web.pages;

import dev.contractgate.chat.Member;
import dev.contractgate.registry.Application;
import java.util.List;
import java.util.Map;

/**
 * The client's page: the form to file an application for the room's pairing, and the applications so far.
 *
 * @param freelancers the room's registered freelancers (the other side of the pairing)
 * @param form the values last entered, to show again with what was wrong
 * @param filed the application just filed, or null
 */
public record ClientView(LinkView link, List<Member> freelancers, List<Application> applications,
                         Map<String, String> form, Application filed) {
    public ClientView {
        freelancers = List.copyOf(freelancers);
        applications = List.copyOf(applications);
        form = Map.copyOf(form);
    }

    /** A value of the form, empty when none was entered. */
    public String form(String field) {
        return form.getOrDefault(field, "");
    }

    /** The freelancer the application pairs the client with; their names joined when there are several. */
    public String freelancerName() {
        return String.join(", ", freelancers.stream().map(Member::name).toList());
    }
}
