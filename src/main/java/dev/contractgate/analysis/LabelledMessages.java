package dev.contractgate.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Labelled messages, one a line: {@code LABELS | THREAD | TEXT} (C, N, O, S or "-"; "-" or room/sender; the raw
 * text with \n and \\uXXXX escapes); lines starting with # are comments. A comment {@code # room ID: …} starts a
 * conversation (its messages are read in order, each after the one before) until the next such comment or a
 * {@code # ---} section. What the model is trained and scored on.
 */
public final class LabelledMessages {
    /**
     * One labelled message; {@code room} and {@code sender} are null outside a thread; {@code conversation} names the
     * conversation it is part of (a {@code # room ID} comment above it in its file), or is null.
     */
    public record Entry(String source, int line, Set<Label> labels, String room, String sender, String text,
            String conversation) {
        public Entry {
            labels = labels.isEmpty() ? EnumSet.noneOf(Label.class) : EnumSet.copyOf(labels);
        }

        public boolean threaded() {
            return room != null;
        }

        /**
         * The room it is read in, in order with the others of its conversation (null: read alone): its conversation,
         * else its thread's room; qualified by its file, so two files' rooms never mix.
         */
        public String readIn() {
            return conversation != null ? source + "#" + conversation : room != null ? source + "/" + room : null;
        }

        /** Who sent it: the thread's sender, else a sender of its own (a message outside a thread joins no other). */
        public String readFrom() {
            return sender != null ? sender : "#" + line;
        }

        /** Japanese when it has any kana or kanji, else English. */
        public String language() {
            for (int i = 0; i < text.length(); i++) {
                if (AmbiguousWords.isJapanese(text.charAt(i))) {
                    return "ja";
                }
            }
            return "en";
        }
    }

    /** A comment that starts a conversation: {@code # room a01: who talks to whom}. */
    private static final java.util.regex.Pattern ROOM = java.util.regex.Pattern.compile("#\\s*room\\s+([^\\s:]+)");

    private LabelledMessages() {
    }

    public static List<Entry> parse(String source, String content) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String conversation = null;
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            java.util.regex.Matcher room = ROOM.matcher(line);
            if (room.lookingAt()) {
                conversation = room.group(1);
                continue;
            }
            if (line.startsWith("# ---")) {
                conversation = null;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" \\| ", 3);
            if (parts.length != 3) {
                throw new IOException(source + ":" + (i + 1) + ": expected LABELS | THREAD | TEXT");
            }
            Set<Label> labels = EnumSet.noneOf(Label.class);
            if (!parts[0].strip().equals("-")) {
                for (String code : parts[0].split(",")) {
                    labels.add(label(code.strip(), source, i + 1));
                }
            }
            String threadRoom = null;
            String sender = null;
            String thread = parts[1].strip();
            if (!thread.equals("-")) {
                String[] roomAndSender = thread.split("/", 2);
                if (roomAndSender.length != 2) {
                    throw new IOException(source + ":" + (i + 1) + ": THREAD must be - or room/sender");
                }
                threadRoom = roomAndSender[0];
                sender = roomAndSender[1];
            }
            entries.add(new Entry(source, i + 1, labels, threadRoom, sender, unescape(parts[2]), conversation));
        }
        return entries;
    }

    private static Label label(String code, String source, int line) throws IOException {
        switch (code) {
            case "C": return Label.CONTACT_EXCHANGE;
            case "N": return Label.NEGOTIATION;
            case "O": return Label.OFF_PLATFORM_DEAL;
            case "S": return Label.SCAM_SIGNAL;
            default: throw new IOException(source + ":" + line + ": unknown label " + code);
        }
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'n') {
                out.append('\n');
                i++;
            } else if (c == '\\' && i + 5 < text.length() && text.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
