package org.helpline.config;

import java.time.Duration;

/**
 * Limits on what one client (one client key, see {@code ClientKeys}) may start, and on what one node accepts: chats a
 * client may start in an hour, chats the clients of one network (an IPv6 /48) may start together in an hour, chats a
 * node starts in a minute whoever asks, and how long a client whose chat a counsellor ended as abusive may not start
 * another.
 */
public record AbuseSettings(int chatsPerClientPerHour, int chatsPerNetworkPerHour, int chatsPerNodePerMinute,
                            Duration block) {
}
