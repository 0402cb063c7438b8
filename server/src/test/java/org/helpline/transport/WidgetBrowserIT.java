package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HttpSettings;
import org.helpline.node.HelplineNode;
import org.helpline.support.Browser;
import org.helpline.support.CapturedLogs;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The partner widget with the shipped configuration ({@code frameAncestors: ['none']}): on a partner's page of another
 * origin (a small HTTP server on 127.0.0.1, the helpline on localhost) the browser refuses the chat's frame, and the
 * panel still shows the quick exit and the emergency numbers in the viewport, offers the chat in a new tab, and tells
 * the console what the operator must configure. A local http origin in frameAncestors is accepted, with a warning at
 * start, and the chat then shows in the frame.
 */
class WidgetBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors());

    private static final Vertx SITE_VERTX = Vertx.vertx();
    private static final HttpServer SITE = Waits.await(SITE_VERTX.createHttpServer().requestHandler(request -> request
            .response().putHeader("Content-Type", "text/html; charset=utf-8").end("<!doctype html><html lang=\"fr\">"
                    + "<head><meta charset=\"utf-8\"><title>Association partenaire</title></head><body>"
                    + "<h1>Association partenaire</h1><p>Nous accompagnons les victimes.</p><script src=\""
                    + "http://localhost:" + request.getParam("port", String.valueOf(helpline.port(0)))
                    + "/widget.js\" data-lang=\"" + request.getParam("lang", "en") + "\" async></script>"
                    + "</body></html>")).listen(0, "127.0.0.1"));

    @AfterAll
    static void stopSite() {
        Waits.await(SITE_VERTX.close(), 10);
    }

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    private static String partnerOrigin() {
        return "http://127.0.0.1:" + SITE.actualPort();
    }

    private static boolean inView(Browser host, String selector) {
        return host.inView(host.find(By.cssSelector(selector)));
    }

    @Test
    void withTheShippedFrameAncestorsTheWidgetShowsTheNumbersAndQuickExitAndTellsTheOperator() {
        assertEquals(List.of("'none'"), helpline.config().http().frameAncestors(), "the shipped configuration");
        for (int[] size : new int[][]{{1280, 800}, {360, 740}}) {
            try (Browser host = Browser.open(size[0], size[1])) {
                host.get(partnerOrigin() + "/partner.html?lang=fr");
                host.click(By.cssSelector("[data-helpline-launcher]"));
                host.visible(By.cssSelector("#helpline-chat-panel [data-helpline-numbers]"));
                String where = size[0] + "x" + size[1];
                assertTrue(inView(host, "[data-helpline-quick-exit]"), where + ": quick exit in view");
                assertTrue(inView(host, "[data-helpline-numbers] a[href='tel:17']"), where + ": 17 in view");
                assertTrue(inView(host, "[data-helpline-numbers] a[href='tel:3919']"), where + ": 3919 in view");
                assertTrue(inView(host, "[data-helpline-numbers] a[href='tel:999']"), where + ": 999 in view");
                assertEquals("Sortie rapide", host.find(By.cssSelector("[data-helpline-quick-exit]")).getText());

                host.visible(By.cssSelector("[data-helpline-blocked]"));
                assertTrue(inView(host, "[data-helpline-blocked] a"), where + ": the chat in a new tab, in view");
                assertEquals(base() + "/?lang=fr", host.find(By.cssSelector("[data-helpline-blocked] a"))
                        .getAttribute("href"));
                assertFalse(host.find(By.cssSelector("#helpline-chat-panel iframe")).isDisplayed(),
                        "no broken frame shown");
                List<String> console = host.consoleLog();
                assertTrue(console.stream().anyMatch(line -> line.contains("http.frameAncestors")
                        && line.contains("config/server.yaml") && line.contains(partnerOrigin())), console.toString());

                host.click(By.cssSelector("[data-helpline-quick-exit]"));
                host.waiting().until(driver -> !driver.getCurrentUrl().startsWith(partnerOrigin()));
            }
        }
    }

    @Test
    void aLocalHttpOriginMayFrameTheChatWithAWarningAtStart() {
        HelplineConfig base = helpline.config();
        HttpSettings http = base.http();
        HelplineConfig local = ConfigBuilder.from(base).http(new HttpSettings(0, http.publicOrigins(),
                http.allowedOrigins(), List.of("http://127.0.0.1:*"), http.trustedProxies(),
                http.requestHeaderTimeout(), http.idleTimeout(), http.eventLoops(), http.connectionsPerClient()))
                .build();
        try (CapturedLogs logs = new CapturedLogs()) {
            HelplineNode node = Waits.await(HelplineNode.start(local, helpline.redis().url()), 30);
            try (Browser host = Browser.open(1280, 800)) {
                assertTrue(logs.lines().stream().anyMatch(line -> line.contains("http.frameAncestors")
                        && line.contains("http://127.0.0.1:*")), logs.lines().toString());
                host.get(partnerOrigin() + "/partner.html?port=" + node.httpPort());
                host.click(By.cssSelector("[data-helpline-launcher]"));
                host.driver().switchTo().frame(host.visible(By.cssSelector("#helpline-chat-panel iframe")));
                host.visible(By.id("start"));
                host.driver().switchTo().defaultContent();
                assertTrue(inView(host, "[data-helpline-quick-exit]"), "quick exit in view with the chat");
                assertFalse(host.find(By.cssSelector("[data-helpline-blocked]")).isDisplayed());
            } finally {
                Waits.await(node.close(), 10);
            }
        }
    }
}
