package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/** Range checks shared by the configuration sections; each failed check adds a problem naming the setting. */
final class Checks {
    private Checks() {
    }

    static void between(String path, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(path + ": must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** An http(s) URL with a host. */
    static void url(String path, String value, List<String> problems) {
        try {
            java.net.URI uri = java.net.URI.create(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(path + ": must be an http(s) URL, got '" + value + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add(path + ": not a URL: '" + value + "'");
        }
    }

    static void between(String path, Duration value, Duration min, Duration max, List<String> problems) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(path + ": must be between " + Durations.format(min) + " and " + Durations.format(max)
                    + ", got " + Durations.format(value));
        }
    }
}
