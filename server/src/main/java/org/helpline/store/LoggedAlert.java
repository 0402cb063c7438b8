package org.helpline.store;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * An alert for the supervisors and its id in the alert log ({@link Keys#SUPERVISORS_ALERT_LOG}), a Redis stream id
 * ({@code <ms>-<n>}); ids grow in the order the alerts were raised. {@code id} is null for an alert published without
 * the log (a node of a version before the log, or a message written by hand on the channel). {@code alert} is the
 * alert frame as a page gets it, its log id in it as {@code id} when it has one.
 */
public record LoggedAlert(String id, String alert) {
    /** Before every log id. */
    public static final String NONE = "0-0";
    /** Both parts below 10^19, within Redis's 64-bit ones. */
    private static final Pattern LOG_ID = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");

    /** The alert of a message on the supervisors' channel: its log id is its field {@code id}. */
    public static LoggedAlert published(String message) {
        Object id = new JsonObject(message).getValue("id");
        return new LoggedAlert(id instanceof String text && isLogId(text) ? text : null, message);
    }

    public static boolean isLogId(String text) {
        return LOG_ID.matcher(text).matches();
    }
}
