package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.helpline.config.AbuseSettings;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.CountingHour;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node's ceiling of chats started a minute (four here, two per client), with a real Redis: a flood from many
 * addresses meets it, and one client's refused starts do not use it up.
 */
@ExtendWith(CountingHour.class)
class ChatCeilingIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors())
            .abuse(new AbuseSettings(2, 1000, 4, Duration.ofHours(1))).build());

    private static String start(String address) {
        TestSocket socket = helpline.visitorFrom(0, address);
        socket.send(new JsonObject().put("type", "start").put("triage", new JsonObject()));
        JsonObject answer = socket.take(frame -> "started".equals(frame.getString("type"))
                || "error".equals(frame.getString("type")), "started or an error");
        return answer.getString("code", answer.getString("type"));
    }

    @Test
    void aFloodFromManyAddressesMeetsTheNodesCeilingWhichOneClientsRefusalsDoNotSpend() {
        assertEquals("started", start("192.0.2.1"));
        assertEquals("started", start("192.0.2.1"));
        for (int i = 0; i < 5; i++) {
            assertEquals("chat_unavailable", start("192.0.2.1"), "the client's hour is used up");
        }
        assertEquals("started", start("192.0.2.2"), "the refusals did not count against the node");
        assertEquals("started", start("192.0.2.3"));
        assertEquals("chat_unavailable", start("192.0.2.4"), "the node's minute is used up");
    }
}
