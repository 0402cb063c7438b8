package org.helpline.config;

import java.time.Duration;

/**
 * The supervisor dashboard: a chat counts as answered in time when a counsellor took it within {@code serviceLevel} of
 * its arrival; the charts cover the last {@code historyHours} hours, minute by minute.
 */
public record DashboardSettings(Duration serviceLevel, int historyHours) {
}
