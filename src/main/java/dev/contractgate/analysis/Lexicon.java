package dev.contractgate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words and phrase patterns of {@code config/analysis/} ({@code lexicon.yml}, {@code patterns.yml}), validated
 * and compiled. Every pattern is RE2 (linear time), so an operator's pattern cannot hang the service.
 */
final class Lexicon {
    static final String LEXICON_FILE = "lexicon.yml";
    static final String PATTERNS_FILE = "patterns.yml";
    static final String CLASSPATH_FOLDER = "default-config/analysis/";
    /** Messages are case-folded and patterns lower-cased, so no case-insensitive matching is needed (it is slower). */
    private static final int FLAGS = 0;

    final List<String> caseSensitiveWords;
    final List<String> katakanaWords;
    final List<String> sampleDomains;
    /** Spellings of @ and of a dot in e-mail addresses, longest first; top-level domains beyond country codes. */
    final List<String> emailAt;
    final List<String> emailDot;
    final Set<String> topLevelDomains;
    /** Rate unit name → its entry in the index. */
    final Map<String, Integer> rateUnits = new LinkedHashMap<>();
    final List<PatternRule> rules;
    final Pattern channel;
    /** Each channel's aliases on their own, by the lexicon's name for it (line, chatwork, …). */
    final Map<String, Pattern> channelsByName;
    /** For each katakana word: the longer channel aliases that contain it (カカオ → カカオトーク). */
    final Map<String, List<String>> longerAliases = new LinkedHashMap<>();

    /** Every pattern that runs over whole messages, in one index; the ints below are their entries. */
    final PatternIndex index;
    final int[] ruleEntries;
    /** Per rule, the index of its {@code then} pattern alone (run only right after a match), or null. */
    final PatternIndex[] thenIndexes;
    final int emailAtEntry;
    final int[] requiresEntries;
    final int citation;
    final int job;
    final int productPrice;
    final int sample;
    final int phoneIntro;
    /** What a clause does (request, offer, refusal, …), by name: context the learned model reads. */
    final Map<String, Integer> speechActs = new LinkedHashMap<>();
    /** Words the learned model reads with the speech acts of their clause (a channel asked for, a fee refused). */
    final Map<String, Integer> cues = new LinkedHashMap<>();
    final int yenWords;
    final int usdWords;
    final int deadlineBefore;
    final int deadlineAfter;

    private Lexicon(Builder b) {
        caseSensitiveWords = b.caseSensitive;
        katakanaWords = b.katakanaWords;
        sampleDomains = b.sampleDomains;
        emailAt = b.emailAt;
        emailDot = b.emailDot;
        topLevelDomains = b.topLevelDomains;
        rules = b.rules;
        channel = b.channel;
        channelsByName = Map.copyOf(b.channelsByName);
        Set<String> aliases = channel == null ? null : RequiredLiterals.exact(channel.pattern());
        for (String word : katakanaWords) {
            List<String> longer = new ArrayList<>();
            if (aliases != null) {
                for (String alias : aliases) {
                    String bare = alias.replaceAll("[\\u0001-\\u0003]", "");
                    if (bare.length() > word.length() && bare.contains(word)) {
                        longer.add(bare);
                    }
                }
            }
            longerAliases.put(word, longer);
        }
        List<Pattern> patterns = new ArrayList<>();
        ruleEntries = new int[rules.size()];
        thenIndexes = new PatternIndex[rules.size()];
        requiresEntries = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            ruleEntries[i] = add(patterns, rules.get(i).pattern());
            thenIndexes[i] = rules.get(i).then() == null ? null : new PatternIndex(List.of(rules.get(i).then()));
            requiresEntries[i] = rules.get(i).requires() == null ? -1 : add(patterns, rules.get(i).requires());
        }
        citation = add(patterns, b.context.get("citation"));
        job = add(patterns, b.context.get("job"));
        productPrice = add(patterns, b.context.get("product_price"));
        sample = add(patterns, b.context.get("sample"));
        phoneIntro = add(patterns, b.context.get("phone_intro"));
        b.speechActs.forEach((name, pattern) -> speechActs.put(name, add(patterns, pattern)));
        b.cues.forEach((name, pattern) -> cues.put(name, add(patterns, pattern)));
        List<String> atSpellings = new ArrayList<>(emailAt);
        atSpellings.add(" at ");
        emailAtEntry = add(patterns, Pattern.compile(String.join("|", atSpellings.stream().map(Pattern::quote).toList())));
        yenWords = add(patterns, b.yen);
        usdWords = add(patterns, b.usd);
        b.rateUnits.forEach((unit, pattern) -> rateUnits.put(unit, add(patterns, pattern)));
        deadlineBefore = add(patterns, b.deadlineBefore);
        deadlineAfter = add(patterns, b.deadlineAfter);
        index = new PatternIndex(patterns);
    }

    private static int add(List<Pattern> patterns, Pattern pattern) {
        patterns.add(pattern);
        return patterns.size() - 1;
    }

    /** Lower-cases a regular expression's letters, leaving escapes (\S, \p{Han}) as they are. */
    static String lowerCase(String regex) {
        StringBuilder out = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(i + 1);
                out.append(c).append(escaped);
                i++;
                if ((escaped == 'p' || escaped == 'P') && i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
                    int close = regex.indexOf('}', i);
                    if (close > 0) {
                        out.append(regex, i + 1, close + 1);
                        i = close;
                    }
                }
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** Reads the folder, or the defaults bundled in the jar when the folder does not exist. */
    static Lexicon load(Path folder) {
        List<String> problems = new ArrayList<>();
        String lexiconName = describe(folder, LEXICON_FILE);
        String patternsName = describe(folder, PATTERNS_FILE);
        String lexiconText = read(folder, LEXICON_FILE, lexiconName, problems);
        String patternsText = read(folder, PATTERNS_FILE, patternsName, problems);
        if (!problems.isEmpty()) {
            throw new LexiconException(problems);
        }
        // The names are part of the key: a problem found while building names the file it is in.
        return BUILT.get(() -> build(lexiconName, lexiconText, patternsName, patternsText), ContentCache.utf8(lexiconName),
                ContentCache.utf8(lexiconText), ContentCache.utf8(patternsName), ContentCache.utf8(patternsText));
    }

    /** Lexicons built in this process, by contents: the index takes most of a start-up to build. */
    private static final ContentCache<Lexicon> BUILT = new ContentCache<>(4);

    private static Lexicon build(String lexiconName, String lexiconText, String patternsName, String patternsText) {
        List<String> problems = new ArrayList<>();
        Builder builder = new Builder(problems);
        Yaml lexiconYaml = new Yaml(lexiconName, problems);
        Yaml patternsYaml = new Yaml(patternsName, problems);
        JsonNode lexicon = lexiconYaml.read(lexiconText);
        JsonNode patterns = patternsYaml.read(patternsText);
        if (lexicon != null) {
            builder.lexicon(lexiconYaml, lexicon);
        }
        if (patterns != null && problems.isEmpty()) {
            builder.patterns(patternsYaml, patterns);
        }
        if (!problems.isEmpty()) {
            throw new LexiconException(problems);
        }
        return new Lexicon(builder);
    }

    private static String describe(Path folder, String file) {
        return folder != null && Files.isDirectory(folder) ? folder.resolve(file).toString()
                : "classpath:" + CLASSPATH_FOLDER + file;
    }

    private static String read(Path folder, String file, String name, List<String> problems) {
        try {
            if (folder != null && Files.isDirectory(folder)) {
                return Files.readString(folder.resolve(file), StandardCharsets.UTF_8);
            }
            try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(CLASSPATH_FOLDER + file)) {
                if (in == null) {
                    problems.add(name + ": not found");
                    return "";
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            problems.add(name + ": cannot be read: " + e.getMessage());
            return "";
        }
    }

    /** Hiragana folded to katakana, as the messages are. */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(TextNormalizer.foldChar(text.charAt(i)));
        }
        return folded.toString();
    }

    private static final class Builder {
        private final List<String> problems;
        private final Map<String, String> fragments = new LinkedHashMap<>();
        private List<String> caseSensitive = List.of();
        private List<String> katakanaWords = List.of();
        private final Map<String, Pattern> context = new LinkedHashMap<>();
        private final Map<String, Pattern> speechActs = new LinkedHashMap<>();
        private final Map<String, Pattern> cues = new LinkedHashMap<>();
        private List<String> sampleDomains = List.of();
        private List<String> emailAt = List.of();
        private List<String> emailDot = List.of();
        private Set<String> topLevelDomains = Set.of();
        private Pattern yen;
        private Pattern usd;
        private final Map<String, Pattern> rateUnits = new LinkedHashMap<>();
        private Pattern deadlineBefore;
        private Pattern deadlineAfter;
        private final List<PatternRule> rules = new ArrayList<>();
        private Pattern channel;
        private final Map<String, Pattern> channelsByName = new LinkedHashMap<>();

        Builder(List<String> problems) {
            this.problems = problems;
        }

        void lexicon(Yaml yaml, JsonNode root) {
            yaml.onlyKeys(root, "", Set.of("channels", "case_sensitive", "katakana_words", "lists", "context",
                    "speech_acts", "cues", "email", "sample_domains", "money", "deadline"));
            yaml.stringLists(root.get("speech_acts"), "speech_acts", false).forEach((name, words) -> {
                String entry = "speech_acts." + name;
                speechActs.put(name, compile(yaml, entry, alternation(yaml, entry, words)));
            });
            Map<String, List<String>> channels = yaml.stringLists(root.get("channels"), "channels", true);
            List<String> aliases = new ArrayList<>();
            channels.forEach((name, list) -> {
                aliases.addAll(list);
                channelsByName.put(name, compile(yaml, "channels." + name, alternation(yaml, "channels." + name, list)));
            });
            String anyChannel = alternation(yaml, "channels", aliases);
            channel = compile(yaml, "channels", anyChannel);
            fragments.put("channel", anyChannel);
            caseSensitive = yaml.strings(root.get("case_sensitive"), "case_sensitive", false).stream()
                    .map(word -> word.toLowerCase(Locale.ROOT)).toList();
            for (String word : caseSensitive) {
                if (!word.matches("[a-z0-9 ]+")) {
                    yaml.problem("case_sensitive", "'" + word + "' must be plain ASCII letters");
                }
            }
            katakanaWords = yaml.strings(root.get("katakana_words"), "katakana_words", false).stream()
                    .map(Lexicon::fold).toList();
            yaml.stringLists(root.get("lists"), "lists", true).forEach((name, list) -> {
                if (fragments.containsKey(name)) {
                    yaml.problem("lists." + name, "the name is taken");
                }
                fragments.put(name, alternation(yaml, "lists." + name, list));
            });
            yaml.stringLists(root.get("cues"), "cues", false).forEach((name, words) -> {
                String entry = "cues." + name;
                List<String> expanded = words.stream().map(word -> expand(yaml, entry, word)).toList();
                cues.put(name, compile(yaml, entry, alternation(yaml, entry, expanded)));
            });
            JsonNode contextNode = root.get("context");
            if (contextNode != null && contextNode.isObject()) {
                yaml.onlyKeys(contextNode, "context", Set.of("citation", "job", "product_price", "sample", "phone_intro"));
            }
            for (String key : List.of("citation", "job", "product_price", "sample", "phone_intro")) {
                String entry = "context." + key;
                List<String> words = yaml.strings(contextNode == null ? null : contextNode.get(key), entry, true);
                context.put(key, compile(yaml, entry, alternation(yaml, entry, words)));
            }
            sampleDomains = yaml.strings(root.get("sample_domains"), "sample_domains", false).stream()
                    .map(domain -> domain.toLowerCase(Locale.ROOT)).toList();
            email(yaml, root.get("email"));
            money(yaml, root.get("money"));
            deadline(yaml, root.get("deadline"));
        }

        private void email(Yaml yaml, JsonNode email) {
            if (email == null || !email.isObject()) {
                yaml.problem("email", "missing (at, dot, top_level_domains)");
                return;
            }
            yaml.onlyKeys(email, "email", Set.of("at", "dot", "top_level_domains"));
            emailAt = spellings(yaml.strings(email.get("at"), "email.at", true));
            emailDot = spellings(yaml.strings(email.get("dot"), "email.dot", true));
            topLevelDomains = Set.copyOf(yaml.strings(email.get("top_level_domains"), "email.top_level_domains", true)
                    .stream().map(tld -> tld.toLowerCase(Locale.ROOT)).toList());
        }

        /** Plain spellings, normalised like messages and longest first, so that アットマーク wins over アット. */
        private static List<String> spellings(List<String> words) {
            return words.stream().map(word -> TextNormalizer.normalize(word).text).distinct()
                    .sorted((a, b) -> b.length() - a.length()).toList();
        }

        private void money(Yaml yaml, JsonNode money) {
            if (money == null || !money.isObject()) {
                yaml.problem("money", "missing (yen_suffixes, usd_words, rate_units)");
                return;
            }
            yaml.onlyKeys(money, "money", Set.of("yen_suffixes", "usd_words", "rate_units"));
            yen = compile(yaml, "money.yen_suffixes",
                    alternation(yaml, "money.yen_suffixes", yaml.strings(money.get("yen_suffixes"), "money.yen_suffixes", true)));
            usd = compile(yaml, "money.usd_words",
                    alternation(yaml, "money.usd_words", yaml.strings(money.get("usd_words"), "money.usd_words", true)));
            yaml.stringLists(money.get("rate_units"), "money.rate_units", true).forEach((unit, words) -> {
                String entry = "money.rate_units." + unit;
                rateUnits.put(unit, compile(yaml, entry, alternation(yaml, entry, words)));
            });
        }

        private void deadline(Yaml yaml, JsonNode deadline) {
            if (deadline == null || !deadline.isObject()) {
                yaml.problem("deadline", "missing (before, after)");
                return;
            }
            yaml.onlyKeys(deadline, "deadline", Set.of("before", "after"));
            deadlineBefore = compile(yaml, "deadline.before",
                    alternation(yaml, "deadline.before", yaml.strings(deadline.get("before"), "deadline.before", true)));
            deadlineAfter = compile(yaml, "deadline.after",
                    alternation(yaml, "deadline.after", yaml.strings(deadline.get("after"), "deadline.after", true)));
        }

        void patterns(Yaml yaml, JsonNode root) {
            yaml.onlyKeys(root, "", Set.of("rules"));
            JsonNode list = root.get("rules");
            if (list == null || !list.isArray()) {
                yaml.problem("rules", "missing (a list of rules)");
                return;
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode node = list.get(i);
                String entry = "rules[" + i + "]";
                if (!node.isObject()) {
                    yaml.problem(entry, "must be a mapping (id, label, pattern, …)");
                    continue;
                }
                String id = node.path("id").asText("");
                if (!id.isEmpty()) {
                    entry += " (" + id + ")";
                }
                yaml.onlyKeys(node, entry, Set.of("id", "label", "pattern", "then", "within", "term", "weak", "requires",
                        "requires_label", "fee"));
                if (!id.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+")) {
                    yaml.problem(entry + ".id", "must look like area.name (lower case), got '" + id + "'");
                } else if (!ids.add(id)) {
                    yaml.problem(entry + ".id", "appears twice");
                }
                Label label = Label.fromId(node.path("label").asText(""));
                if (label == null) {
                    yaml.problem(entry + ".label", "must be one of contact_exchange, negotiation, off_platform_deal, "
                            + "scam_signal, got '" + node.path("label").asText("") + "'");
                }
                TermType term = null;
                if (node.has("term")) {
                    term = TermType.fromId(node.get("term").asText(""));
                    if (term == null || label != Label.NEGOTIATION) {
                        yaml.problem(entry + ".term", label != Label.NEGOTIATION ? "only negotiation rules have a term"
                                : "must be one of amount, rate, deadline, scope, payment, revisions, nda, other");
                    }
                } else if (label == Label.NEGOTIATION) {
                    term = TermType.OTHER;
                }
                if (node.has("weak") && !node.get("weak").isBoolean()) {
                    yaml.problem(entry + ".weak", "must be true or false");
                }
                if (node.has("fee") && (!node.get("fee").isBoolean() || label != Label.SCAM_SIGNAL)) {
                    yaml.problem(entry + ".fee", "must be true or false, and only on scam_signal rules");
                }
                Label requiresLabel = null;
                if (node.has("requires_label")) {
                    requiresLabel = Label.fromId(node.get("requires_label").asText(""));
                    if (requiresLabel == null || requiresLabel == label) {
                        yaml.problem(entry + ".requires_label", "must be another label");
                    }
                }
                if (!node.path("pattern").isTextual() || node.path("pattern").asText().isBlank()) {
                    yaml.problem(entry + ".pattern", "missing (an RE2 regular expression)");
                    continue;
                }
                Pattern pattern = compile(yaml, entry + ".pattern", expand(yaml, entry + ".pattern", node.get("pattern").asText()));
                Pattern requires = node.has("requires")
                        ? compile(yaml, entry + ".requires", expand(yaml, entry + ".requires", node.get("requires").asText()))
                        : null;
                if (pattern != null && pattern.matcher("").find()) {
                    yaml.problem(entry + ".pattern", "matches an empty message; it would fire on everything");
                }
                Pattern then = node.has("then")
                        ? compile(yaml, entry + ".then", expand(yaml, entry + ".then", node.get("then").asText()))
                        : null;
                int within = node.path("within").asInt(12);
                if (node.has("within") && (!node.get("within").isInt() || within < 0 || within > 40 || then == null)) {
                    yaml.problem(entry + ".within", "a whole number from 0 to 40, and only with then");
                }
                if (pattern != null && label != null) {
                    boolean readsChannels = java.util.stream.Stream.of("pattern", "then", "requires")
                            .anyMatch(key -> node.path(key).asText("").contains("{channel}"));
                    rules.add(new PatternRule(id, label, term, node.path("weak").asBoolean(false), pattern, then, within,
                            requires, requiresLabel, readsChannels, node.path("fee").asBoolean(false)));
                }
            }
        }

        /** Replaces {name} by the fragment of that name. */
        private String expand(Yaml yaml, String entry, String pattern) {
            StringBuilder out = new StringBuilder();
            java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{([a-z_]+)\\}").matcher(pattern);
            int last = 0;
            while (placeholder.find()) {
                out.append(pattern, last, placeholder.start());
                String fragment = fragments.get(placeholder.group(1));
                if (fragment == null) {
                    yaml.problem(entry, "unknown list {" + placeholder.group(1) + "} (known: "
                            + String.join(", ", fragments.keySet()) + ")");
                    fragment = "(?:)";
                }
                out.append(fragment);
                last = placeholder.end();
            }
            return fold(lowerCase(out.append(pattern.substring(last)).toString()));
        }

        /** One non-capturing group of the entries, each checked alone so that a bad one is named. */
        private String alternation(Yaml yaml, String entry, List<String> words) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String word = fold(lowerCase(words.get(i)));
                if (compile(yaml, entry + "[" + i + "] '" + words.get(i) + "'", word) == null) {
                    continue;
                }
                String start = isWordChar(word.charAt(0)) ? "\\b" : "";
                String end = isWordChar(word.charAt(word.length() - 1)) && !word.endsWith("\\b") ? "\\b" : "";
                parts.add(start + "(?:" + word + ")" + end);
            }
            parts.sort((a, b) -> b.length() - a.length());
            return parts.isEmpty() ? "(?:\\z\\A)" : "(?:" + String.join("|", parts) + ")";
        }

        private static boolean isWordChar(char c) {
            return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
        }

        private Pattern compile(Yaml yaml, String entry, String regex) {
            try {
                return Pattern.compile(regex, FLAGS);
            } catch (PatternSyntaxException e) {
                yaml.problem(entry, "not a valid RE2 pattern: " + e.getDescription()
                        + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " at '" + e.getPattern() + "'"));
                return null;
            }
        }
    }
}
