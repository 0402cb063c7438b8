package org.helpline.config;

/**
 * Bounds on what one socket may send. Frames above {@code maxFrameBytes} get a {@code too_large} error; anything above
 * {@code hardMessageBytes} is refused by the WebSocket layer itself (close code 1009). One conversation, whatever
 * number of sockets its visitor opens, stores at most {@code messagesPerMinutePerConversation} visitor messages a
 * minute and {@code messagesPerConversation} in all, of at most {@code visitorBytesPerConversation} bytes of text as
 * stored (sealed, when transcripts are encrypted), and keeps at most {@code socketsPerConversation} visitor sockets.
 * A node handles at most {@code framesHandledPerNode} frames at once from each kind of socket (visitors, consoles,
 * supervisors), most of them waiting for Redis; past that a frame is answered {@code unavailable} at once.
 */
public record Limits(int maxFrameBytes, int hardMessageBytes, int maxTextChars, double framesPerSecond,
                     int frameBurst, int maxViolations, int messagesPerMinutePerConversation,
                     int messagesPerConversation, int visitorBytesPerConversation, int socketsPerConversation,
                     int framesHandledPerNode) {
}
