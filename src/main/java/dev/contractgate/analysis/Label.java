package dev.contractgate.analysis;

/** What a message does, as far as the gate cares. Declared in the order of their ids, so sorting sorts by id. */
public enum Label {
    CONTACT_EXCHANGE("contact_exchange"),
    NEGOTIATION("negotiation"),
    OFF_PLATFORM_DEAL("off_platform_deal"),
    SCAM_SIGNAL("scam_signal");

    private final String id;

    Label(String id) {
        this.id = id;
    }

    /** The id used in configuration, JSON and warnings. */
    public String id() {
        return id;
    }

    /** The label with this id, or null. */
    public static Label fromId(String id) {
        for (Label label : values()) {
            if (label.id.equals(id)) {
                return label;
            }
        }
        return null;
    }
}
