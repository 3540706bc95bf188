package dev.contractgate.bot;

import dev.contractgate.analysis.Analysis;
import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.SplitDetailTracker;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.gate.Observation;
import java.util.List;

/**
 * Message analysis for the gate. New messages go through the split-detail tracker, so a number spread over a
 * sender's consecutive messages is found; an edit is analysed on its own (it is not a new message in the sequence).
 */
public final class AnalysisObserver implements BotEventHandler.Observer {
    private final Analyzer analyzer;
    private final SplitDetailTracker tracker;

    public AnalysisObserver(Analyzer analyzer, SplitDetailTracker tracker) {
        this.analyzer = analyzer;
        this.tracker = tracker;
    }

    @Override
    public List<Observation> observe(ChatEvent event) {
        Analysis analysis = event.type() == ChatEvent.Type.MESSAGE_UPDATED
                ? analyzer.analyze(event.body())
                : tracker.analyze(event.channel() + "/" + event.roomId(), event.senderId(), event.sentAt(), event.body());
        return analysis.findings().stream()
                .map(finding -> new Observation(finding.label().id(), finding.rule(), finding.start(), finding.end(), finding.match()))
                .toList();
    }
}
