package org.helpline.support;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code send} frames a page had sent and not yet seen answered, read from its browser's network log
 * ({@link Browser#networkLog()}). A {@code send} is answered by its {@code ack}, its own {@code message} echo or an
 * error with its {@code clientId} as {@code ref} that refuses it for good (not one that says "later":
 * {@code rate_limited}, {@code unavailable}, {@code internal}); sent again with the same {@code clientId} it is still
 * the same one.
 */
public final class UnansweredSends {
    private static final Set<String> LATER = Set.of("rate_limited", "unavailable", "internal");

    private UnansweredSends() {
    }

    /** The most {@code send}s of one conversation that waited for their answer at the same time. */
    public static int most(List<JsonObject> log) {
        Map<String, Set<String>> waiting = new HashMap<>();
        int most = 0;
        for (JsonObject event : log) {
            String method = event.getString("method");
            boolean sent = "Network.webSocketFrameSent".equals(method);
            if (!sent && !"Network.webSocketFrameReceived".equals(method)) {
                continue;
            }
            JsonObject frame = new JsonObject(event.getJsonObject("params").getJsonObject("response")
                    .getString("payloadData"));
            String type = frame.getString("type");
            if (sent && "send".equals(type)) {
                Set<String> unanswered = waiting.computeIfAbsent(frame.getString("conversation", ""),
                        conversation -> new HashSet<>());
                unanswered.add(frame.getString("clientId"));
                most = Math.max(most, unanswered.size());
            } else if (!sent && !("error".equals(type) && LATER.contains(frame.getString("code")))) {
                String answered = "error".equals(type) ? frame.getString("ref") : frame.getString("clientId");
                waiting.values().forEach(unanswered -> unanswered.remove(answered));
            }
        }
        return most;
    }
}
