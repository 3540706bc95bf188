package dev.contractgate.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/** What the account and room ids of one channel look like; the channel that owns the ids is the one that says. */
public interface IdFormat {
    /** The channel's name. */
    String channel();

    /** What is wrong with an account id of this channel, or empty when it is one. */
    Optional<String> accountIdProblem(String accountId);

    /** What is wrong with a room id of this channel, or empty when it is one. */
    Optional<String> roomIdProblem(String roomId);

    /** Ids that match a pattern; anything else is refused with the given words. */
    static IdFormat matching(String channel, Pattern account, String accountProblem, Pattern room, String roomProblem) {
        return new IdFormat() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public Optional<String> accountIdProblem(String accountId) {
                return account.matcher(accountId).matches() ? Optional.empty() : Optional.of(accountProblem);
            }

            @Override
            public Optional<String> roomIdProblem(String roomId) {
                return room.matcher(roomId).matches() ? Optional.empty() : Optional.of(roomProblem);
            }
        };
    }
}
