package dev.contractgate.chat;

import java.time.Instant;

/** A message read back from a room (to settle whether a reply went out). */
public record RoomMessage(String messageId, String senderId, String body, Instant sentAt) {
}
