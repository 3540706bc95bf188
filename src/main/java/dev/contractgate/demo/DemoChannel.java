package dev.contractgate.demo;

import java.util.List;
import java.util.Map;

/** The in-process stand-in for a chat service the demo plays its conversation on. */
interface DemoChannel extends AutoCloseable {
    /**
     * A reply the bot posted, as the chat shows it: who it mentions, its title, its lines, and whether it went to a
     * private chat rather than the shared room.
     */
    record Shown(List<String> addressees, String title, List<String> lines, boolean privately) {
    }

    /** The service's name in the demo's text: "Chatwork", "Teams". */
    String label();

    /** The variables that point the service at this stand-in (and switch the other channels off). */
    Map<String, String> environment();

    /** A person's message as the chat shows it, e.g. "[TO ContractGate] 登録" or "@ContractGate 登録". */
    String shown(Demo.Say say);

    /** Sends a person's message to the service's webhook, as the chat service would. */
    void deliver(String serviceUrl, Demo.Say say);

    /** The bot's posts so far, in order. */
    List<Shown> replies();

    @Override
    void close();
}
