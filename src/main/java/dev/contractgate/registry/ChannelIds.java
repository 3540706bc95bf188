package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;
import java.util.List;
import java.util.regex.Pattern;

/** The channels the registry knows and what their account and room ids look like. */
public final class ChannelIds {
    public static final String CHATWORK = "chatwork";
    public static final String MSTEAMS = "msteams";
    public static final List<String> KNOWN = List.of(CHATWORK, MSTEAMS);
    public static final int MAX_ID_LENGTH = 256;

    /** Chatwork account and room ids are positive integers, written as decimal strings. */
    private static final Pattern CHATWORK_ID = Pattern.compile("[0-9]{1,20}");
    /** Bot Framework ids ({@code 29:1a…}, {@code 19:…@thread.v2}) are printable ASCII without spaces. */
    private static final Pattern MSTEAMS_ID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_ID_LENGTH + "}");

    /** Any channel's ids: printable characters (any script), no spaces or controls. */
    private static final Pattern ANY_ID = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}]{1," + MAX_ID_LENGTH + "}");

    private ChannelIds() {
    }

    public static void channel(String field, String channel, FieldErrors errors) {
        if (channel != null && !KNOWN.contains(channel)) {
            errors.add(field, "must be one of " + String.join(", ", KNOWN) + ", got '" + channel + "'");
        }
    }

    /**
     * Checks an account or room id of {@code channel}, when present: against the channel's form when the channel is
     * known, else against what any channel's ids look like (printable, no spaces, at most {@link #MAX_ID_LENGTH}).
     */
    public static void id(String field, String channel, String id, FieldErrors errors) {
        if (id == null) {
            return;
        }
        if (channel == null || !KNOWN.contains(channel)) {
            if (!ANY_ID.matcher(id).matches()) {
                errors.add(field, "must be an account or room id: 1 to " + MAX_ID_LENGTH
                        + " printable characters without spaces");
            }
            return;
        }
        if (CHATWORK.equals(channel) && !CHATWORK_ID.matcher(id).matches()) {
            errors.add(field, "must be a Chatwork id: a string of 1 to 20 digits");
        } else if (MSTEAMS.equals(channel) && !MSTEAMS_ID.matcher(id).matches()) {
            errors.add(field, "must be a Teams id: 1 to " + MAX_ID_LENGTH + " printable characters without spaces");
        }
    }
}
