package dev.contractgate.analysis;

import java.util.List;

/** A lexicon or pattern file cannot be used; every problem names the file, the entry and what is wrong. */
public final class LexiconException extends RuntimeException {
    private final List<String> problems;

    public LexiconException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
