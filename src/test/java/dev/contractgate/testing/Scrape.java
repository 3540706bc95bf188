package dev.contractgate.testing;

import java.util.ArrayList;
import java.util.List;

/** A {@code GET /metrics} answer, read the way Prometheus reads it: one sample per line, {@code name{labels} value}. */
public final class Scrape {
    private final String text;

    public Scrape(String text) {
        this.text = text;
    }

    public static Scrape of(TestHttp http) {
        TestHttp.Answer answer = http.get("/metrics");
        if (answer.status() != 200) {
            throw new AssertionError("GET /metrics answered " + answer.status() + ": " + answer.body());
        }
        return new Scrape(answer.body());
    }

    public String text() {
        return text;
    }

    /**
     * The value of the one sample of {@code name} whose labels include each of {@code labels} ({@code channel="chatwork"});
     * 0 when there is none (a counter nobody incremented yet is not written).
     */
    public double value(String name, String... labels) {
        List<Double> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                found.add(Double.parseDouble(line.substring(end + 1)));
            }
        }
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples of " + name + " match " + List.of(labels));
        }
        return found.isEmpty() ? 0 : found.get(0);
    }
}
