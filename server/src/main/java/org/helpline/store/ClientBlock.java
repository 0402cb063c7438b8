package org.helpline.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.helpline.domain.ClientKey;

/**
 * A client key that may not start a chat until {@code until} (ms): a counsellor ended its chat as abusive at
 * {@code at}. Supervisors see the list and may lift a block; no address, no message text.
 */
public record ClientBlock(ClientKey key, long at, long until, String counsellor, String association,
                          String conversation) {
    /** The block as Redis keeps it and supervisors see it. */
    public JsonObject toJson() {
        return new JsonObject().put("client", key.value()).put("day", key.day().toString()).put("at", at)
                .put("until", until).put("counsellor", counsellor).put("association", association)
                .put("conversation", conversation);
    }

    static ClientBlock fromJson(JsonObject json) {
        long at = json.getLong("at");
        // a block made before keys had their day: the day it was made on
        LocalDate day = json.containsKey("day") ? LocalDate.parse(json.getString("day"))
                : LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC);
        return new ClientBlock(new ClientKey(json.getString("client"), day), at, json.getLong("until"),
                json.getString("counsellor"), json.getString("association"), json.getString("conversation"));
    }
}
