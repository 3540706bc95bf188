package dev.contractgate.registry;

/** Normalisation shared by the input records. */
final class Inputs {
    private Inputs() {
    }

    /** Surrounding white space is never meant; an empty text stays empty so that it can be refused as such. */
    static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
