package dev.contractgate.web.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What every page template gets: the visitor's language and its words, the page's title, the CSRF token its forms
 * carry, and the style sheet.
 *
 * @param path the page's own path, for the link to the other language
 * @param csrf the token every form of the page carries (a hidden field {@code csrf})
 * @param console true on the operator console (its menu is shown)
 */
public record Page(String lang, PageText text, String title, String path, String csrf, boolean console, String css,
                   ZoneId zone) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A word of the page's language. */
    public String t(String key, Object... params) {
        return text.get(lang, key, params);
    }

    /** A word of the page's language, or {@code fallback} when the words have none for {@code key}. */
    public String tOr(String key, String fallback) {
        return text.find(lang, key).orElse(fallback);
    }

    /** The language the switch offers. */
    public String otherLang() {
        return "ja".equals(lang) ? "en" : "ja";
    }

    /** A time as people in the rooms read it; empty for null. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    public Page titled(String newTitle) {
        return new Page(lang, text, newTitle, path, csrf, console, css, zone);
    }
}
