package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Just after her console reconnected, a counsellor presses on a chat between the {@code welcome} that names it as hers
 * and the chat's {@code assigned} on the new socket (protocol.md: the server refuses a frame about the chat sent
 * before, {@code not_assigned}). Her reply, a private note and "Ask where the visitor is" wait, shown as under way, and
 * go once the chat's {@code assigned} has come: nothing is refused, the chat stays on her screen, her socket is not
 * renewed, and the visitor gets the reply once.
 */
class ConsoleAssignedLateBrowserIT {
    private static final String COUNSELLOR = "late.amina";
    /**
     * The server slow to show the chat {@code arguments[0]} on the page's next WebSocket (its read of the chat slow):
     * the chat's {@code assigned}, and every frame about the chat after it, reach the page only at
     * {@code window.testSlowChat.release()}; until then a frame the page sends about the chat of a type the server
     * takes only about a chat this socket shows is not sent, and is answered {@code not_assigned}, as the server
     * answers it then (its type kept in {@code testSlowChat.refused}). {@code testSlowChat.welcomed}: that socket's
     * welcome has reached the page. Hooked where {@link Browser#keepWebSockets} keeps the socket, once the page has
     * set its handlers.
     */
    private static final String SLOW_TO_SHOW = """
            const conversation = arguments[0];
            const aboutShown = ['send', 'typing', 'end', 'transfer', 'request_location', 'risk', 'note', 'help'];
            const slow = window.testSlowChat = { welcomed: false, refused: [], release: () => {} };
            const sockets = window.testSockets;
            sockets.push = function (socket) {
              delete sockets.push;
              queueMicrotask(() => {
                const page = socket.onmessage;
                const send = socket.send;
                const held = [];
                let shown = false;
                const toPage = (data) => page.call(socket, new MessageEvent('message', { data }));
                socket.onmessage = (e) => {
                  const f = JSON.parse(e.data);
                  if (!shown && f.conversation === conversation && (held.length || f.type === 'assigned')) {
                    held.push(e.data);
                    return;
                  }
                  page.call(socket, e);
                  if (f.type === 'welcome') slow.welcomed = true;
                };
                socket.send = (data) => {
                  const f = JSON.parse(data);
                  if (shown || f.conversation !== conversation || !aboutShown.includes(f.type)) {
                    send.call(socket, data);
                    return;
                  }
                  slow.refused.push(f.type);
                  setTimeout(() => {
                    if (socket.readyState !== WebSocket.OPEN) return;
                    toPage(JSON.stringify({ type: 'error', code: 'not_assigned', ref: f.clientId || f.type,
                      message: 'This conversation is not assigned to you.', conversation }));
                  });
                };
                slow.release = () => {
                  shown = true;
                  held.splice(0).forEach(toPage);
                };
              });
              return Array.prototype.push.call(this, socket);
            };
            """;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 2)));

    private static By inChat(String conversation, String css) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] " + css);
    }

    @Test
    void aPressBeforeItsChatsAssignedWaitsForItAndIsNeitherRefusedNorLost() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = visitor.conversation();
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = counsellor.consoleHolding("http://localhost:" + helpline.port(0) + "/console/", COUNSELLOR,
                    conversation);
            visitor.socket().next("assigned");
            counsellor.script(SLOW_TO_SHOW, conversation);
            counsellor.dropLastWebSocket();
            counsellor.waiting().withMessage("the new socket's welcome").until(driver -> Boolean.TRUE.equals(
                    counsellor.script("return window.testSlowChat.welcomed")));
            long sockets = ((Number) counsellor.script("return window.testSockets.length")).longValue();

            WebElement text = counsellor.find(chat).findElement(By.cssSelector("textarea.text"));
            text.sendKeys("Je suis toujours là");
            counsellor.click(inChat(conversation, "button.send"));
            counsellor.click(inChat(conversation, "details.private-notes summary"));
            counsellor.find(inChat(conversation, "textarea.note-text")).sendKeys("Rappeler après 18 h");
            counsellor.click(inChat(conversation, "button.note-add"));
            counsellor.click(inChat(conversation, "button.request-location"));
            assertEquals(List.of(), counsellor.script("return window.testSlowChat.refused"),
                    "nothing about the chat sent before its assigned");
            counsellor.textAppears(inChat(conversation, "li.message.pending"), "Je suis toujours là");
            counsellor.textAppears(inChat(conversation, ".note-status"), "Saving the note…");
            counsellor.textAppears(inChat(conversation, ".tool-status"), "Asking the visitor…");

            counsellor.script("window.testSlowChat.release()");
            List<JsonObject> replies = visitor.socket().exactly("message", 1);
            assertEquals(1, replies.size(), "the visitor got the reply once: " + replies);
            assertEquals("Je suis toujours là", replies.get(0).getString("text"));
            visitor.socket().next("location_request");
            counsellor.textAppears(inChat(conversation, "li.message.from-counsellor.delivered"), "Je suis toujours là");
            counsellor.textAppears(inChat(conversation, ".note-list .note-text"), "Rappeler après 18 h");
            counsellor.textAppears(inChat(conversation, ".note-status"), "Note added.");
            counsellor.textAppears(inChat(conversation, ".tool-status"), "The visitor was asked");

            assertEquals(List.of(), counsellor.driver().findElements(inChat(conversation, "li.message.pending")),
                    "no reply left sending");
            assertEquals(List.of(), counsellor.driver().findElements(inChat(conversation, "li.message.failed")),
                    "none marked not sent");
            assertFalse(counsellor.find(chat).getText().contains("no longer"), "never told the chat is not hers");
            assertFalse(counsellor.find(By.id("console-notice")).getText().contains("no longer"), "nor in the notice");
            assertTrue(text.isEnabled(), "her reply box still usable");
            assertEquals(List.of(), counsellor.script("return window.testSlowChat.refused"), "nothing refused after");
            assertEquals(sockets, ((Number) counsellor.script("return window.testSockets.length")).longValue(),
                    "her socket not renewed");
            assertEquals(1L, ((Number) counsellor.script("return window.testSockets.at(-1).readyState")).longValue(),
                    "and still open");
            assertEquals(1L, helpline.<Long>inRedis(redis -> redis.llen(Keys.log(conversation))), "stored once");
            assertEquals(List.of(), visitor.socket().all("message", TestSocket.QUIET), "and sent once");
        } finally {
            visitor.end();
        }
    }
}
