package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pages, health, readiness (with Redis stopped and restarted), metrics and security headers. */
class HttpIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("http.amina", 2)));

    @Test
    void pagesAreServedWithSecurityHeadersAndNoCookie() {
        for (String path : new String[]{"/", "/console/", "/supervisor/"}) {
            HttpResponse<String> page = helpline.get(0, path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("<html"), path);
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
            assertTrue(page.headers().firstValue("Set-Cookie").isEmpty(), path);
            assertFalse(page.body().matches("(?s).*<script>.*"), path + " has an inline script");
        }
        assertEquals(404, helpline.get(0, "/nothing-here").statusCode());
        HttpResponse<String> redirect = helpline.get(0, "/console");
        assertEquals(302, redirect.statusCode());
        assertEquals("/console/", redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> exit = helpline.get(0, "/exit");
        assertEquals(303, exit.statusCode());
        assertEquals(helpline.config().visitor().quickExitUrl(), exit.headers().firstValue("Location").orElseThrow());
        assertEquals("\"storage\"", exit.headers().firstValue("Clear-Site-Data").orElseThrow(),
                "the quick exit's link asks the browser to drop what the page stored");
    }

    @Test
    void healthReadinessFollowRedis() {
        assertEquals(200, helpline.get(0, "/health").statusCode());
        assertEquals("ready", new JsonObject(helpline.get(0, "/ready").body()).getString("status"));
        helpline.redis().stop();
        try {
            HttpResponse<String> notReady = helpline.get(0, "/ready");
            assertEquals(503, notReady.statusCode());
            assertEquals("unavailable", new JsonObject(notReady.body()).getString("status"));
            assertEquals(200, helpline.get(0, "/health").statusCode());
        } finally {
            helpline.redis().restart();
        }
        Waits.until(() -> helpline.get(0, "/ready").statusCode() == 200, 15, "ready again after Redis restarted");
    }

    @Test
    void metricsShowJvmHttpAndHelplineGauges() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String metrics = Waits.until(() -> helpline.get(0, "/metrics").body(),
                body -> body.contains("helpline_conversations_waiting 1.0"), 10, "the waiting chat counted");
        assertTrue(metrics.contains("helpline_conversations_active "), "active gauge");
        assertTrue(metrics.contains("helpline_counsellors_available "), "available gauge");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM meters");
        assertTrue(metrics.contains("vertx_http_server_requests_total"), "Vert.x HTTP meters");
        assertFalse(metrics.contains("127.0.0.1"), "no address in any label");
        assertFalse(metrics.contains(visitor.conversation()), "no conversation id in any label");
        visitor.socket().send(new JsonObject().put("type", "end"));
        visitor.socket().next("ended");
        visitor.socket().close();
    }
}
