package dev.contractgate.chat;

/** A message read back from a room (to settle whether a reply went out before a crash). */
public record RoomMessage(String messageId, String senderId, String body) {
}
