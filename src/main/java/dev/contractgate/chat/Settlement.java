package dev.contractgate.chat;

/**
 * What a channel can tell about a reply whose send had an unknown outcome (a timeout, a dropped connection, a 5xx
 * after the body went out, a crash between sending and recording): it may have been posted.
 */
public sealed interface Settlement permits Settlement.Posted, Settlement.NotPosted, Settlement.NotNow, Settlement.Unknowable {
    Settlement NOT_POSTED = new NotPosted();
    Settlement UNKNOWABLE = new Unknowable();

    /** The channel found the message: it was posted, with this id. */
    record Posted(String remoteMessageId) implements Settlement {
    }

    /** The channel looked and it is not there: sending it again posts it once. */
    record NotPosted() implements Settlement {
    }

    /** The channel could not look just now (its read failed): ask again later, do not send blindly. */
    record NotNow(String reason) implements Settlement {
    }

    /** The channel cannot read back what was posted: the reply is sent again at most once (at most one duplicate). */
    record Unknowable() implements Settlement {
    }
}
