package dev.contractgate.gate;

import dev.contractgate.chat.Member;
import java.util.List;
import java.util.Objects;

/**
 * Who is in a room: its members as last known, which of them are the room's freelancers, and the bot.
 * Counterparts are everyone else.
 */
public record RoomView(String channel, String roomId, String botAccountId, List<Member> members, List<String> freelancers) {
    public RoomView {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(roomId, "roomId");
        members = List.copyOf(members);
        freelancers = List.copyOf(freelancers);
    }

    public List<String> counterparts() {
        return members.stream()
                .map(Member::accountId)
                .filter(id -> !id.equals(botAccountId) && !freelancers.contains(id))
                .toList();
    }

    /** The members' display names by id; an unknown id shows as the id. */
    public String nameOf(String accountId) {
        return members.stream()
                .filter(member -> member.accountId().equals(accountId))
                .map(Member::name)
                .filter(name -> name != null && !name.isBlank())
                .findFirst()
                .orElse(accountId);
    }
}
