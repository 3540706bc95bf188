package dev.contractgate.chat;

import java.util.List;

/** What a channel says about who is in a room. */
public sealed interface Members permits Members.Listed, Members.Unlisted {

    /** The channel's own, complete member list. */
    record Listed(List<Member> members) implements Members {
        public Listed {
            members = List.copyOf(members);
        }
    }

    /**
     * The channel gives no list (a dry run; a channel whose account may not read member lists): the room's members
     * are then the roster of who has been seen in it.
     */
    record Unlisted(String reason) implements Members {
    }
}
