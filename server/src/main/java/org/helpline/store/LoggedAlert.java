package org.helpline.store;

import java.util.regex.Pattern;

/**
 * An alert for the supervisors and its id in the alert log ({@link Keys#SUPERVISORS_ALERT_LOG}), a Redis stream id
 * ({@code <ms>-<n>}); ids grow in the order the alerts were raised. {@code id} is null for an alert published without
 * the log (none is, since the log exists; a message written by hand on the channel).
 */
public record LoggedAlert(String id, String alert) {
    /** Before every log id. */
    public static final String NONE = "0-0";
    private static final Pattern LOG_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

    /** The alert of a message on the supervisors' channel: {@code <log id>|<alert>}, or the alert alone. */
    public static LoggedAlert published(String message) {
        int bar = message.indexOf('|');
        if (bar > 0 && isLogId(message.substring(0, bar))) {
            return new LoggedAlert(message.substring(0, bar), message.substring(bar + 1));
        }
        return new LoggedAlert(null, message);
    }

    public static boolean isLogId(String text) {
        return LOG_ID.matcher(text).matches();
    }
}
