package dev.contractgate.bot;

import dev.contractgate.analysis.Analysis;
import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.Label;
import dev.contractgate.analysis.Quotes;
import dev.contractgate.analysis.SplitDetailTracker;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.gate.Observation;
import java.time.LocalDate;
import java.util.BitSet;
import java.time.ZoneId;
import java.util.List;

/**
 * Message analysis for the gate. New messages go through the split-detail tracker, so a number spread over a
 * sender's consecutive messages is found; an edit is analysed on its own (it is not a new message in the sequence).
 */
public final class AnalysisObserver implements BotEventHandler.Observer {
    private final Analyzer analyzer;
    private final SplitDetailTracker tracker;
    private final ZoneId zone;

    /** @param zone where the people are: "12月15日" is read against the day the message was sent there */
    public AnalysisObserver(Analyzer analyzer, SplitDetailTracker tracker, ZoneId zone) {
        this.analyzer = analyzer;
        this.tracker = tracker;
        this.zone = zone;
    }

    /**
     * A contact-exchange passage that names only the channel the talk is already on ("Chatworkで詳細を") is not a
     * move elsewhere.
     */
    private boolean namesOnlyThisChannel(java.util.Set<String> channelNames, dev.contractgate.analysis.Finding finding) {
        if (finding.label() != Label.CONTACT_EXCHANGE) {
            return false;
        }
        java.util.Set<String> named = analyzer.channelsNamed(finding.match());
        return !named.isEmpty() && channelNames.containsAll(named);
    }

    /**
     * The clause around a finding. A finding of split details spans more than this message (its offsets are then
     * not this body's): it is quoted as matched.
     */
    private static String quote(String body, dev.contractgate.analysis.Finding finding) {
        boolean inBody = finding.end() <= body.length()
                && body.substring(finding.start(), finding.end()).equals(finding.match());
        return inBody ? Quotes.clause(body, finding.start(), finding.end()) : finding.match();
    }

    /** The longest opening of a whole message that a reply quotes: its first sentence, cut on a word boundary. */
    static final int MAX_OPENING = 40;

    /**
     * What a reply quotes of a label judged from the whole message: its first sentence, at most {@link #MAX_OPENING}
     * chars, cut between words, with an ellipsis when something was left out.
     */
    static String opening(String message) {
        String text = message.strip().replaceAll("\\s+", " ");
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '。' || c == '！' || c == '？' || (c == '.' || c == '!' || c == '?') && (i + 1 == text.length()
                    || text.charAt(i + 1) == ' ')) {
                end = i + 1;
                break;
            }
        }
        if (end <= MAX_OPENING) {
            return end == text.length() ? text : text.substring(0, end) + "…";
        }
        int cut = MAX_OPENING;
        int space = Math.max(text.lastIndexOf(' ', cut), Math.max(text.lastIndexOf('、', cut - 1) + 1, text.lastIndexOf(',', cut - 1) + 1));
        if (space > MAX_OPENING / 2) {
            cut = space;
        } else {
            // Japanese has no spaces: end a phrase, after kana and before kanji or katakana (ご案内で|ご連絡)
            int phrase = cut;
            while (phrase > MAX_OPENING / 2 && !(isHiragana(text.charAt(phrase - 1)) && !isHiragana(text.charAt(phrase))
                    && "おご".indexOf(text.charAt(phrase - 1)) < 0)) {
                phrase--;
            }
            cut = phrase > MAX_OPENING / 2 ? phrase : cut;
            while (cut > MAX_OPENING / 2 && Character.isLowSurrogate(text.charAt(cut))) {
                cut--;
            }
        }
        return text.substring(0, cut).strip() + "…";
    }

    private static boolean isHiragana(char c) {
        return c >= '\u3041' && c <= '\u309f';
    }

    @Override
    public BotEventHandler.Observed observe(ChatEvent event, BitSet notOwnWords, java.util.Set<String> channelNames) {
        Analysis analysis = event.type() == ChatEvent.Type.MESSAGE_UPDATED
                ? analyzer.analyze(event.body(), notOwnWords, null)
                : tracker.analyze(event.channel() + "/" + event.roomId(), event.senderId(), event.sentAt(), event.body(),
                        notOwnWords);
        List<Observation> observations = analysis.findings().stream()
                .filter(finding -> !namesOnlyThisChannel(channelNames, finding))
                .map(finding -> new Observation(finding.label().id(), finding.rule(), finding.start(), finding.end(),
                        finding.rule().startsWith(Analyzer.MODEL_RULE_PREFIX) ? opening(finding.match()) : finding.match(),
                        finding.rule().startsWith(Analyzer.MODEL_RULE_PREFIX) ? opening(finding.match())
                                : quote(event.body(), finding)))
                .toList();
        boolean negotiates = analysis.findings().stream().anyMatch(finding -> finding.label() == Label.NEGOTIATION);
        LocalDate sentOn = LocalDate.ofInstant(event.editedAt() != null ? event.editedAt() : event.sentAt(), zone);
        return new BotEventHandler.Observed(observations,
                negotiates ? analyzer.analyze(event.body(), notOwnWords, sentOn).findings() : List.of());
    }
}
