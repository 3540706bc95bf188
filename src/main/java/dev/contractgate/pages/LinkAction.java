package dev.contractgate.pages;

import java.util.Locale;

/** What a link lets its person do: the client files an application; the freelancer confirms or denies a claim. */
public enum LinkAction {
    CLIENT, FREELANCER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LinkAction of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
