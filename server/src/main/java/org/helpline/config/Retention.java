package org.helpline.config;

import java.time.Duration;

/** How long an ended conversation's transcript is kept before Redis deletes it. */
public record Retention(Duration endedConversation) {
}
