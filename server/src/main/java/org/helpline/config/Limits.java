package org.helpline.config;

/**
 * Bounds on what one socket may send. Frames above {@code maxFrameBytes} get a {@code too_large} error; anything above
 * {@code hardMessageBytes} is refused by the WebSocket layer itself (close code 1009).
 */
public record Limits(int maxFrameBytes, int hardMessageBytes, int maxTextChars, double framesPerSecond,
                     int frameBurst, int maxViolations) {
}
