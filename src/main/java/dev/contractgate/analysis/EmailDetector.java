package dev.contractgate.analysis;

import java.util.List;

/** E-mail addresses, also written with アットマーク, あっと, (at), [at], どっと, (dot) or " at ", " dot ". */
final class EmailDetector {
    static final String RULE = "contact.email";

    private EmailDetector() {
    }

    static void find(Message message, Lexicon lexicon, List<Finding> findings) {
        String text = message.text;
        if (!message.scan.possible(lexicon.emailAtEntry)) {
            return;
        }
        MappedText view = spelledOut(message.normalized, text, lexicon);
        String spelled = view.text;
        int from = 0;
        for (int at = spelled.indexOf('@'); at >= 0; at = spelled.indexOf('@', at + 1)) {
            int start = at;
            while (start > from && isLocal(spelled.charAt(start - 1))) {
                start--;
            }
            while (start < at && !TextNormalizer.isAsciiAlnum(spelled.charAt(start))) {
                start++;
            }
            int end = at + 1;
            while (end < spelled.length() && isDomain(spelled.charAt(end))) {
                end++;
            }
            while (end > at + 1 && !TextNormalizer.isAsciiAlnum(spelled.charAt(end - 1))) {
                end--;
            }
            String domain = spelled.substring(at + 1, end);
            int[] span = view.originalSpan(start, end);
            // an address spelled out to get past filters is meant to be used, whatever its domain
            boolean onPurpose = spelledOut(message.original, view, at);
            // "me at mike dot chen at gmail dot com": without a real top-level domain, the address may start after this @
            if (start == at || !isDomainName(domain) || !onPurpose && !isTopLevelDomain(domain, lexicon)
                    || !onPurpose && isSample(domain, lexicon.sampleDomains) || inSampleContext(message, lexicon, span[0])) {
                continue;
            }
            findings.add(new Finding(Label.CONTACT_EXCHANGE, RULE, span[0], span[1],
                    message.original.substring(span[0], span[1]), null));
            from = end;
        }
    }

    private static boolean spelledOut(String original, MappedText view, int at) {
        int[] span = view.originalSpan(at, at + 1);
        String written = original.substring(span[0], span[1]).strip();
        // " at " between English words is ordinary English too often to count on its own
        return !written.equals("@") && !written.equals("＠") && !written.equalsIgnoreCase("at");
    }

    /** An address in a config line (SMTP_USER=…) or right after 例, ダミー, sample is sample data. */
    private static boolean inSampleContext(Message message, Lexicon lexicon, int originalStart) {
        int k = originalStart - 1;
        while (k >= 0 && (message.original.charAt(k) == ' ' || message.original.charAt(k) == '`')) {
            k--;
        }
        if (k >= 0 && message.original.charAt(k) == '=') {
            return true;
        }
        int normalisedStart = message.normalizedIndexOf(originalStart);
        int from = Math.max(message.sentenceStart(normalisedStart), normalisedStart - 15);
        return message.hasContext(lexicon.sample, from, normalisedStart);
    }

    private static boolean isLocal(char c) {
        return TextNormalizer.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return TextNormalizer.isAsciiAlnum(c) || c == '.' || c == '-';
    }

    /** Labels of letters, digits and hyphens, at least two of them. */
    private static boolean isDomainName(String domain) {
        return domain.indexOf('.') > 0 && !domain.contains("..") && TextNormalizer.isAsciiAlnum(domain.charAt(0));
    }

    private static boolean isTopLevelDomain(String domain, Lexicon lexicon) {
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        boolean letters = tld.chars().allMatch(c -> c >= 'a' && c <= 'z');
        return letters && (tld.length() == 2 || lexicon.topLevelDomains.contains(tld));
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
        char c = text.charAt(index);
        for (String token : tokens) {
            if (token.charAt(0) == c && text.startsWith(token, index)) {
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
