package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helpline.config.DataKeys;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Retention;
import org.helpline.node.HelplineNode;
import org.helpline.store.Keys;
import org.helpline.store.TranscriptCipher;
import org.helpline.support.CapturedLogs;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.StoredCopies;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Encryption at rest ({@code HELPLINE_DATA_KEY}): while a chat is live, what both sides wrote (messages, private and
 * transfer notes, the shared location, the triage region) and its resume code are found nowhere in Redis nor in its
 * files, yet both sides read it (the code given back to her page); and key rotation: written under key 1, read by a
 * node with keys 1 and 2, unreadable by a node with key 2 only, which says so and goes on serving.
 */
class EncryptedTranscriptIT {
    private static final byte[] KEY_1 = "key one: thirty-two bytes long!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_2 = "key two: thirty-two bytes long!!".getBytes(StandardCharsets.US_ASCII);
    private static final HelplineConfig BASE = TestConfig.withCounsellors(TestConfig.counsellor("sealed.amina", 3),
            TestConfig.counsellor("sealed.louise", 3), TestConfig.counsellor("rotate.amina", 3),
            TestConfig.counsellor("next.amina", 3));

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, withKeys(KEY_1));

    private static HelplineConfig withKeys(byte[]... keys) {
        return withKeys(DataKeys.of(List.of(keys)));
    }

    private static HelplineConfig withKeys(DataKeys keys) {
        Retention shipped = BASE.retention();
        return ConfigBuilder.from(BASE).retention(new Retention(shipped.endedConversation(), shipped.diskPurge(),
                true, keys)).build();
    }

    private static JsonObject send(String clientId, String text) {
        return new JsonObject().put("type", "send").put("clientId", clientId).put("text", text);
    }

    private static void assertKeptNowhere(String canary) {
        assertEquals(List.of(), helpline.inRedis(redis -> StoredCopies.keys(redis, canary)), "keys holding it");
        assertEquals(List.of(), StoredCopies.files(helpline.redis().dataDirectory(), canary), "files holding it");
    }

    @Test
    void whatBothSidesWriteIsStoredOnlyEncryptedWhileBothReadIt() {
        String canary = "CanarySealed9X";
        TestSocket amina = helpline.availableConsole(0, "sealed.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(amina, new JsonObject().put("region", "Region" + canary));
        String conversation = visitor.conversation();
        visitor.socket().send(send("v-1", "he reads my phone " + canary));
        visitor.socket().next("ack");
        assertEquals("he reads my phone " + canary, amina.next("message").getString("text"));
        amina.send(send("c-1", "are you safe now " + canary).put("conversation", conversation));
        assertEquals("are you safe now " + canary, visitor.socket().take(f -> "message".equals(f.getString("type"))
                && f.getLong("seq") == 2, "the reply").getString("text"));
        amina.send(new JsonObject().put("type", "note").put("conversation", conversation)
                .put("text", "bruises " + canary));
        assertEquals("bruises " + canary, amina.next("note").getString("text"));
        visitor.socket().send(new JsonObject().put("type", "share_location").put("location", "rue " + canary));
        visitor.socket().next("location_shared");
        assertEquals("rue " + canary, amina.take(f -> "location_shared".equals(f.getString("type")),
                "the location").getString("location"));

        amina.send(new JsonObject().put("type", "status").put("status", "away"));
        amina.next("status");
        TestSocket louise = helpline.console(0, "sealed.louise", TestConfig.PASSWORD);
        amina.send(new JsonObject().put("type", "transfer").put("conversation", conversation)
                .put("toCounsellor", "sealed.louise").put("note", "shelter tonight " + canary));
        JsonObject assigned = louise.next("assigned");
        List<String> notes = assigned.getJsonArray("notes").stream()
                .map(note -> ((JsonObject) note).getString("text")).toList();
        assertEquals(List.of("bruises " + canary, "shelter tonight " + canary), notes);
        assertEquals("region" + canary.toLowerCase(Locale.ROOT), assigned.getJsonObject("triage").getString("region"),
                "kept in lower case");
        assertEquals(List.of("he reads my phone " + canary, "are you safe now " + canary),
                louise.exactly("message", 2).stream().map(m -> m.getString("text")).toList());

        TestSocket resumed = helpline.socket(0, "/ws/visitor");
        resumed.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                .put("resumeSecret", visitor.secret()));
        String code = visitor.started().getString("resumeCode");
        assertEquals(code, resumed.next("resumed").getString("resumeCode"), "the sealed code opened for her page");
        assertEquals("he reads my phone " + canary, resumed.exactly("message", 2).get(0).getString("text"));

        assertKeptNowhere(canary);
        assertKeptNowhere(canary.toLowerCase(Locale.ROOT)); // the region's
        assertKeptNowhere(code.replace("-", "")); // the resume code, as the node stores it (normalised)
    }

    /**
     * A rotation on a running helpline, node by node: a node given the new key marked next: reads it but goes on
     * writing under the old one, so that a node not given it yet reads all it writes (here a visitor on the node with
     * the new key, her counsellor's console on the one without).
     */
    @Test
    void aKeyMarkedNextIsNotWrittenWithSoTheNodesWithoutItReadAll() {
        String canary = "CanaryNextKey4Q";
        Base64.Encoder base64 = Base64.getEncoder();
        DataKeys next = DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, base64.encodeToString(KEY_1) + ",next:"
                + base64.encodeToString(KEY_2)));
        TestSocket console = helpline.availableConsole(0, "next.amina", TestConfig.PASSWORD);
        HelplineNode given = Waits.await(HelplineNode.start(withKeys(next), helpline.redis().url()), 30);
        try (TestSocket visitor = TestSocket.visitor(given.vertx(), given.httpPort())) {
            visitor.send(new JsonObject().put("type", "start").put("triage", new JsonObject().put("language", "fr")));
            String conversation = visitor.next("started").getString("conversation");
            assertEquals(conversation, console.next("assigned").getString("conversation"));
            visitor.send(send("v-1", "written on the node given the next key " + canary));
            visitor.next("ack");
            assertEquals("written on the node given the next key " + canary, console.next("message")
                    .getString("text"), "read by the node that does not have the next key");
            visitor.send(new JsonObject().put("type", "end"));
            visitor.next("ended");
        } finally {
            Waits.await(given.close(), 30);
        }
    }

    /**
     * A waiting chat sealed under a key this node lacks (here its region rewritten under key 2) is passed over by the
     * routing round, which gives the chats behind it to counsellors; her place is still told to her.
     */
    @Test
    void aWaitingChatThisNodeCannotReadDoesNotHoldUpTheOthers() {
        Helpline.Visitor unreadable = helpline.visitor(0, new JsonObject().put("region", "59"));
        unreadable.socket().next("queue");
        String sealedElsewhere = new TranscriptCipher(DataKeys.of(List.of(KEY_2))).seal("59");
        helpline.inRedis(redis -> redis.hset(Keys.conversation(unreadable.conversation()), "region", sealedElsewhere));
        Helpline.Visitor behind = helpline.visitor(0, new JsonObject().put("language", "fr"));

        TestSocket console = helpline.availableConsole(0, "next.amina", TestConfig.PASSWORD);
        assertEquals(behind.conversation(), console.next("assigned").getString("conversation"),
                "the chat behind the one it cannot read");
        behind.end();
        unreadable.end();
    }

    @Test
    void aDroppedKeyMakesWhatItSealedUnreadableWithAClearErrorAndNoCrash() {
        String canary = "CanaryRotate3M";
        TestSocket console = helpline.availableConsole(0, "rotate.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject().put("language", "fr"));
        visitor.socket().send(send("v-1", "written under key 1 " + canary));
        visitor.socket().next("ack");
        JsonObject resume = new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret());

        HelplineNode rotated = Waits.await(HelplineNode.start(withKeys(KEY_1, KEY_2), helpline.redis().url()), 30);
        try (TestSocket reader = TestSocket.visitor(rotated.vertx(), rotated.httpPort())) {
            reader.send(resume);
            assertEquals(visitor.started().getString("resumeCode"), reader.next("resumed").getString("resumeCode"));
            assertEquals("written under key 1 " + canary, reader.next("message").getString("text"));
        } finally {
            Waits.await(rotated.close(), 30);
        }

        HelplineNode shredded = Waits.await(HelplineNode.start(withKeys(KEY_2), helpline.redis().url()), 30);
        try (CapturedLogs logs = new CapturedLogs();
             TestSocket reader = TestSocket.visitor(shredded.vertx(), shredded.httpPort())) {
            reader.send(resume);
            assertNull(reader.next("resumed").getValue("resumeCode"), "its code unreadable: left out, still resumed");
            String key1 = DataKeys.of(List.of(KEY_1)).ids().get(0);
            Waits.until(() -> logs.lines().stream().anyMatch(line -> line.contains("data key " + key1)), 10,
                    "a warning naming the dropped key");
            assertTrue(reader.all("message", TestSocket.QUIET).isEmpty(), "nothing unreadable is delivered");
            assertTrue(logs.lines().stream().noneMatch(line -> line.contains(canary)));

            TestSocket newcomer = TestSocket.visitor(shredded.vertx(), shredded.httpPort());
            newcomer.send(new JsonObject().put("type", "start").put("triage", new JsonObject()));
            newcomer.next("started");
            newcomer.send(send("n-1", "a new chat under key 2"));
            newcomer.next("ack");
            newcomer.close();
        } finally {
            Waits.await(shredded.close(), 30);
        }
    }
}
