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
 * @param privately true when the reply judges a person: it goes to the addressees privately, and the room gets a
 *                  caution notice naming no one
 */
public record Action(ReplyKind kind, List<String> addressees, String template, Map<String, Object> params,
                     Trigger trigger, String cooldownKey, Set<String> findingKeys, boolean privately) {
    public Action {
        addressees = List.copyOf(addressees);
        params = Map.copyOf(params);
        findingKeys = Set.copyOf(findingKeys);
    }

    /** A reply to the room. */
    public Action(ReplyKind kind, List<String> addressees, String template, Map<String, Object> params,
                  Trigger trigger, String cooldownKey, Set<String> findingKeys) {
        this(kind, addressees, template, params, trigger, cooldownKey, findingKeys, false);
    }


    /** The same reply to other addressees. */
    public Action to(List<String> others) {
        return new Action(kind, others, template, params, trigger, cooldownKey, findingKeys, privately);
    }

    /**
     * The room's reply when a judgement it stands for could not be sent privately: its caution says so and how to
     * make it reachable next time.
     */
    public Action withUnreachablePrivateReply() {
        java.util.Map<String, Object> changed = new java.util.LinkedHashMap<>(params);
        if (changed.get("notes") instanceof List<?> notes) {
            changed.put("notes", notes.stream().map(note -> note.equals("note.caution_notice")
                    ? "note.caution_notice.unreachable" : note).toList());
        }
        changed.put("unreachable", "yes");
        return new Action(kind, addressees, template, changed, trigger, cooldownKey, findingKeys, privately);
    }
}
