package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class UnparsedFramesTest {
    @Test
    void hotlinesAreCountedUnparsedAndPlacesAfterTheFirst() {
        Counts counts = new Counts();
        String alternatives = new JsonObject().put("type", "alternatives").put("conversation", "c1")
                .put("hotlines", new JsonArray().add(new JsonObject().put("id", "h"))).encode();
        String queue = new JsonObject().put("type", "queue").put("position", 3).encode();
        assertTrue(UnparsedFrames.skip(alternatives, false, counts));
        assertEquals(1, counts.get("frame.alternatives"));
        assertFalse(UnparsedFrames.skip(queue, false, counts), "the first place is timed");
        assertTrue(UnparsedFrames.skip(queue, true, counts));
        assertFalse(UnparsedFrames.skip(new JsonObject().put("type", "started").encode(), true, counts));
        assertFalse(UnparsedFrames.skip(new JsonObject().put("type", "message").put("text", "{\"type\":\"queue\"")
                .encode(), true, counts));
        assertEquals(1, counts.get("frame.alternatives"));
    }
}
