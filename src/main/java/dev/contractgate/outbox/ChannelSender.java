package dev.contractgate.outbox;

import dev.contractgate.chat.Channel;

/** Posts entries through their channel. */
public final class ChannelSender implements Sender {
    private final Channel channel;

    public ChannelSender(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Result send(OutboxEntry entry) {
        return new Sent(channel.post(entry.roomId(), entry.body()));
    }

    @Override
    public boolean paced() {
        return true;
    }
}
