package dev.contractgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

/** Sends room messages to the service as Chatwork would (signed webhooks), each with a new message id. */
public final class Messenger {
    private final AtomicLong messageIds;

    public Messenger(long firstMessageId) {
        this.messageIds = new AtomicLong(firstMessageId);
    }

    /** Delivers a message and waits until the service has handled it; returns its id. */
    public String say(RunningService service, String roomId, String sender, String text, long sendTime) {
        String messageId = String.valueOf(messageIds.incrementAndGet());
        String body = ChatworkWebhooks.created(messageId, roomId, sender, text, sendTime);
        assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);
        Eventually.await("message " + messageId + " handled", () -> service.jdbi().withHandle(handle ->
                handle.createQuery("SELECT COUNT(*) FROM inbox_event WHERE message_id = :id AND status <> 'pending'")
                        .bind("id", messageId).mapTo(Integer.class).one()) == 1);
        return messageId;
    }
}
