package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Limits;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The supervisor page in real headless Chromium, after its socket dropped: it asks again for the states of the chats
 * its alerts cite ({@code follow}), and when that is refused for now it asks again later, so an alert does not go on
 * saying "still waiting" about a chat a counsellor took meanwhile. The node allows one frame a second with no burst
 * beyond it, so the {@code follow} right after the new socket's {@code auth} is refused {@code rate_limited}.
 */
class SupervisorFollowRetryBrowserIT {
    private static final String COUNSELLOR = "follow.counsellor";
    private static final String SUPERVISOR = "follow.supervisor";
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor(COUNSELLOR, 2),
                TestConfig.supervisor(SUPERVISOR));
        Limits limits = base.limits();
        return ConfigBuilder.from(base).limits(new Limits(limits.maxFrameBytes(), limits.hardMessageBytes(),
                limits.maxTextChars(), 1, 1, limits.maxViolations(),
                limits.messagesPerMinutePerConversation(), limits.messagesPerConversation(),
                limits.visitorBytesPerConversation(), limits.socketsPerConversation(),
                limits.framesHandledPerNode())).build();
    }

    @Test
    void aFollowRefusedAfterAReconnectIsAskedAgainAndTheAlertShowsTheChatTaken() {
        try (Browser desk = Browser.openRecordingNetwork()) {
            desk.keepWebSockets();
            desk.viewport(1280, 800);
            desk.get("http://localhost:" + helpline.port(0) + "/supervisor/");
            desk.logIn(SUPERVISOR, TestConfig.PASSWORD);
            desk.visible(By.id("totals"));
            Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("inDanger", true));
            desk.textAppears(By.cssSelector("#alerts li.alert.danger .alert-detail"),
                    "still waiting for a counsellor");
            desk.networkLog(); // only what follows counts

            desk.dropLastWebSocket();
            TestSocket console = helpline.console(0, COUNSELLOR, TestConfig.PASSWORD);
            TestSocket.sleep(Duration.ofMillis(1_100)); // one frame a second: the console waits before its second
            console.send(new JsonObject().put("type", "status").put("status", "available"));
            console.take(f -> "assigned".equals(f.getString("type"))
                    && visitor.conversation().equals(f.getString("conversation")), "the chat assigned");

            desk.textAppears(By.cssSelector("#alerts li.alert.danger .alert-state"),
                    "answered: with Counsellor " + COUNSELLOR);
            List<JsonObject> log = desk.networkLog();
            List<Double> follows = sentAt(log, "follow");
            assertTrue(follows.size() >= 2, "the follow refused, then sent again: " + follows);
            assertTrue(follows.get(1) - follows.get(0) >= 0.95, "sent again 1-2 s later, not at once: " + follows);
            assertTrue(log.stream().anyMatch(event -> "Network.webSocketFrameReceived".equals(
                    event.getString("method")) && "rate_limited".equals(payload(event).getString("code"))),
                    "the first follow was refused");
            visitor.end();
            console.close();
        }
    }

    private static JsonObject payload(JsonObject event) {
        return new JsonObject(event.getJsonObject("params").getJsonObject("response").getString("payloadData"));
    }

    /** When each frame of this type left the page (the browser's clock, in seconds). */
    private static List<Double> sentAt(List<JsonObject> log, String type) {
        return log.stream().filter(event -> "Network.webSocketFrameSent".equals(event.getString("method"))
                        && type.equals(payload(event).getString("type")))
                .map(event -> event.getJsonObject("params").getDouble("timestamp")).toList();
    }
}
