package dev.contractgate.analysis;

import java.util.List;
import java.util.TreeSet;

/** What the analyser found in one message: its labels (sorted, distinct) and every finding behind them. */
public record Analysis(List<Label> labels, List<Finding> findings) {
    public static final Analysis EMPTY = new Analysis(List.of(), List.of());

    public Analysis {
        labels = List.copyOf(new TreeSet<>(labels));
        findings = List.copyOf(findings);
    }

    public static Analysis of(List<Finding> findings) {
        return new Analysis(findings.stream().map(Finding::label).toList(), findings);
    }

    public boolean has(Label label) {
        return labels.contains(label);
    }
}
