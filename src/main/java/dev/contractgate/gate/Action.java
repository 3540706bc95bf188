package dev.contractgate.gate;

import dev.contractgate.chat.ReplyKind;
import dev.contractgate.chat.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reply the gate decided on.
 *
 * @param template the message template (a reply kind, or a kind and a variant: {@code negotiation_reminder.covered})
 * @param params values for the template's placeholders: text, a list of texts, or an {@link java.time.Instant}
 * @param cooldownKey what the reply counts against: the kind, or the kind and an application
 * @param findingKeys the findings of the triggering message this reply alerts on
 */
public record Action(ReplyKind kind, List<String> addressees, String template, Map<String, Object> params,
                     Trigger trigger, String cooldownKey, Set<String> findingKeys) {
    public Action {
        addressees = List.copyOf(addressees);
        params = Map.copyOf(params);
        findingKeys = Set.copyOf(findingKeys);
    }

}
