package org.helpline.config;

import java.time.Duration;

/**
 * The visitor's side: how long a conversation is held for a visitor who left (quick exit or lost connection) before
 * it ends, where quick exit sends the page, and how many wrong resume codes one client key may try per minute.
 */
public record VisitorSettings(Duration holdAfterExit, String quickExitUrl, int resumeCodeFailuresPerMinute) {
    /** A weather page: harmless to be seen on, as in GOV.UK's "Exit this page" pattern. */
    public static final String DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather";
}
