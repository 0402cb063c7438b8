package org.helpline.config;

import java.time.Duration;

/** Counsellor sessions end after {@code idle} without activity, and in any case after {@code absolute}. */
public record SessionSettings(Duration idle, Duration absolute, int passwordIterations) {
}
