package org.helpline.transport;

import io.vertx.core.json.JsonObject;

/**
 * The counsellor a visitor's socket last announced (name and association), so that the same one is not announced
 * twice; nobody once the chat went back to the queue.
 */
final class ShownCounsellor {
    private String shown;

    /** An {@code assigned} event: true when it names another counsellor than the one shown, who is shown now. */
    boolean show(JsonObject assigned) {
        JsonObject counsellor = assigned.getJsonObject("counsellor", new JsonObject());
        String who = counsellor.getString("name", "") + "|" + counsellor.getString("association", "");
        if (who.equals(shown)) {
            return false;
        }
        shown = who;
        return true;
    }

    /** A socket's header ({@code started}, {@code resumed}): the counsellor it names, if any, is the one shown. */
    void header(JsonObject header) {
        JsonObject counsellor = header.getJsonObject("counsellor");
        if (counsellor != null) {
            show(new JsonObject().put("counsellor", counsellor));
        }
    }

    void requeued() {
        shown = null;
    }

    /**
     * Nobody shown since this socket took the chat or it went back to the queue: as far as the socket knows, nobody
     * holds it (an offer is not shown; a resumed chat's counsellor is shown in its header, not here).
     */
    boolean none() {
        return shown == null;
    }
}
