package dev.contractgate.analysis;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;

/** E-mail addresses, also written with アットマーク, あっと, (at), [at], どっと, (dot) or " at ", " dot ". */
final class EmailDetector {
    static final String RULE = "contact.email";
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9][a-z0-9._%+\\-]*@[a-z0-9][a-z0-9\\-]*(?:\\.[a-z0-9\\-]+)+");

    private EmailDetector() {
    }

    static void find(Message message, Lexicon lexicon, List<Finding> findings) {
        String text = message.text;
        if (!message.scan.possible(lexicon.emailAtEntry)) {
            return;
        }
        List<String> sampleDomains = lexicon.sampleDomains;
        MappedText view = spelledOut(message.normalized, text, lexicon);
        Matcher matcher = EMAIL.matcher(view.text);
        int from = 0;
        while (from < view.text.length() && matcher.find(from)) {
            String address = matcher.group();
            int at = address.indexOf('@');
            String domain = address.substring(at + 1);
            String tld = domain.substring(domain.lastIndexOf('.') + 1);
            from = matcher.end();
            if (!tld.matches("[a-z]{2}") && !lexicon.topLevelDomains.contains(tld)) {
                // "me at mike dot chen at gmail dot com": the real address may start after this @
                from = matcher.start() + at + 1;
                continue;
            }
            if (isSample(domain, sampleDomains)) {
                continue;
            }
            int[] span = view.originalSpan(matcher.start(), matcher.end());
            findings.add(new Finding(Label.CONTACT_EXCHANGE, RULE, span[0], span[1],
                    message.original.substring(span[0], span[1]), null));
        }
    }

    static boolean isSample(String domain, List<String> sampleDomains) {
        for (String sample : sampleDomains) {
            if (domain.equals(sample) || domain.endsWith("." + sample)) {
                return true;
            }
        }
        return false;
    }

    /** The text with spelled-out @ and dots replaced, and the spaces around them dropped. */
    private static MappedText spelledOut(MappedText normalized, String text, Lexicon lexicon) {
        MappedText.Builder out = new MappedText.Builder(text.length());
        int i = 0;
        while (i < text.length()) {
            int length = token(text, i, lexicon.emailAt);
            char replacement = '@';
            if (length == 0) {
                length = token(text, i, lexicon.emailDot);
                replacement = '.';
            }
            if (length == 0) {
                length = englishWord(text, i, "at");
                replacement = '@';
            }
            if (length == 0) {
                length = englishWord(text, i, "dot");
                replacement = '.';
            }
            if (length == 0) {
                out.copy(normalized, i);
                i++;
                continue;
            }
            out.dropTrailingSpaces();
            out.replace(replacement, normalized, i, i + length);
            i += length;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
        return out.build();
    }

    private static int token(String text, int index, List<String> tokens) {
        for (String token : tokens) {
            if (text.startsWith(token, index)) {
                return token.length();
            }
        }
        return 0;
    }

    /** " at " between two ASCII words, as in "mike at gmail dot com". */
    private static int englishWord(String text, int index, String word) {
        int end = index + word.length();
        if (!text.startsWith(word, index) || index < 2 || end + 1 >= text.length()) {
            return 0;
        }
        boolean spaced = text.charAt(index - 1) == ' ' && text.charAt(end) == ' ';
        return spaced && TextNormalizer.isAsciiAlnum(text.charAt(index - 2))
                && TextNormalizer.isAsciiAlnum(text.charAt(end + 1)) ? word.length() : 0;
    }
}
