package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.helpline.config.DataKeys;
import org.helpline.config.Retention;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.StoredCopies;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleted means deleted, on disk too: after "delete my conversation now" and after the retention expiry, what the
 * visitor and the counsellor wrote leaves every file of the embedded Redis's data directory (the append-only files),
 * within {@code retention.diskPurgeSeconds}. Short retention and purge windows here: 2 s and 1 s.
 */
class ErasedFromDiskIT {
    private static final Duration RETENTION = Duration.ofSeconds(2);
    private static final Duration PURGE = Duration.ofSeconds(1);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
                    TestConfig.counsellor("disk.amina", 3), TestConfig.counsellor("disk.louise", 3)))
            .retention(new Retention(RETENTION, PURGE, true, DataKeys.none())).build());

    private static Path dataDirectory() {
        return helpline.redis().dataDirectory();
    }

    /**
     * A live chat with this counsellor in which both sides wrote the canary (messages, a private note, the shared
     * location), which the append-only file now holds.
     */
    private static Helpline.Visitor liveChat(String counsellor, String canary) {
        TestSocket console = helpline.availableConsole(0, counsellor, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject().put("language", "fr"));
        String conversation = visitor.conversation();
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1")
                .put("text", "he reads my phone " + canary));
        visitor.socket().next("ack");
        console.send(new JsonObject().put("type", "send").put("conversation", conversation).put("clientId", "c-1")
                .put("text", "are you safe now " + canary));
        console.next("ack");
        console.send(new JsonObject().put("type", "note").put("conversation", conversation)
                .put("text", "bruises, two children " + canary));
        console.next("note");
        visitor.socket().send(new JsonObject().put("type", "share_location").put("location", "rue " + canary));
        visitor.socket().next("location_shared");
        assertFalse(filesHolding(canary).isEmpty(), "the append-only file holds the live chat");
        return visitor;
    }

    private static List<Path> filesHolding(String canary) {
        return StoredCopies.files(dataDirectory(), canary);
    }

    private static void awaitGoneFromDisk(String canary) {
        Waits.until(() -> filesHolding(canary), List::isEmpty, 20, "the canary gone from every file");
    }

    @Test
    void deleteNowTakesTheTextOutOfEveryFileOfTheRedis() {
        String canary = "CanaryForget7Q";
        Helpline.Visitor visitor = liveChat("disk.amina", canary);

        visitor.socket().send(new JsonObject().put("type", "forget"));
        assertTrue(visitor.socket().next("ended").getBoolean("erased"));
        awaitGoneFromDisk(canary);
        assertEquals(List.of(), helpline.inRedis(redis -> StoredCopies.keys(redis, canary)));
        String conversation = visitor.conversation();
        assertTrue(helpline.inRedis(redis -> redis.zrange("hl:deadlines", 0, -1)).stream()
                .noneMatch(member -> member.contains(conversation)), "no deadline names the erased chat");
    }

    @Test
    void theRetentionExpiryTakesTheTextOutOfEveryFileOfTheRedis() {
        String canary = "CanaryExpiry4K";
        Helpline.Visitor visitor = liveChat("disk.louise", canary);

        visitor.end();
        awaitGoneFromDisk(canary);
        assertEquals(List.of(), helpline.inRedis(redis -> StoredCopies.keys(redis, canary)));
        long logs = helpline.inRedis(redis -> redis.exists("hl:conv:{" + visitor.conversation() + "}:log"));
        assertEquals(0, logs);
    }
}
