package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * The visitor page's first load, in English and in French, as a cheap phone on a poor network gets it: everything the
 * browser fetched (read from the browser's own network log, so requests a page would try to make elsewhere are seen
 * too) comes from the helpline's origin, and the bytes on the wire, headers included, stay within the 60 KB budget.
 */
class FirstLoadIT {
    private static final long BUDGET_BYTES = 60 * 1024;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors());

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void theVisitorPageLoadsWithinTheByteBudgetAndOnlyFromItsOwnOrigin(String language) {
        try (Browser visitor = Browser.openRecordingNetwork()) {
            measure(visitor, language);
        }
    }

    @Test
    void thePageSpeaksTheFirstOfTheBrowsersPreferredLanguagesItHasUnlessTheLinkAsks() {
        assertEquals("fr", pageLanguage(List.of("de-DE", "fr-FR", "en-GB"), "/"), "no German page: French, next");
        assertEquals("en", pageLanguage(List.of("en-GB", "fr-FR"), "/"), "English first");
        assertEquals("en", pageLanguage(List.of("fr-FR"), "/?lang=en"), "the link's language wins");
    }

    /** The language the visitor page at {@code path} shows in a browser that prefers {@code preferred}. */
    private static String pageLanguage(List<String> preferred, String path) {
        try (Browser visitor = Browser.open()) {
            visitor.preferLanguages(preferred);
            visitor.get("http://localhost:" + helpline.port(0) + path);
            visitor.visible(By.id("quick-exit"));
            visitor.waiting().until(driver -> "complete".equals(visitor.script("return document.readyState")));
            return (String) visitor.script("return document.documentElement.lang");
        }
    }

    private static void measure(Browser visitor, String language) {
        String base = "http://localhost:" + helpline.port(0);
        visitor.networkLog();
        visitor.get(base + "/?lang=" + language);
        visitor.visible(By.id("quick-exit"));
        visitor.waiting().until(driver -> language.equals(visitor.script("return document.documentElement.lang"))
                && (Boolean) visitor.script("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/api/visitor/settings') && e.responseEnd > 0)"));

        Map<String, String> urls = new HashMap<>();
        Map<String, Long> wireBytes = new HashMap<>();
        List<String> sockets = new ArrayList<>();
        for (JsonObject event : visitor.networkLog()) {
            JsonObject params = event.getJsonObject("params");
            switch (event.getString("method")) {
                case "Network.requestWillBeSent" -> {
                    if (params.getString("documentURL", "").startsWith(base)) {
                        urls.put(params.getString("requestId"), params.getJsonObject("request").getString("url"));
                    }
                }
                case "Network.loadingFinished" -> wireBytes.put(params.getString("requestId"),
                        params.getNumber("encodedDataLength").longValue());
                case "Network.webSocketCreated" -> sockets.add(params.getString("url"));
                default -> { }
            }
        }
        assertFalse(urls.isEmpty(), "the network log recorded the page load");
        for (String url : urls.values()) {
            if (url.startsWith("data:")) {
                continue;
            }
            assertEquals(URI.create(base).getAuthority(), URI.create(url).getAuthority(),
                    "every request goes to the helpline's own origin: " + url);
        }
        for (String socket : sockets) {
            assertEquals(URI.create(base).getAuthority(), URI.create(socket).getAuthority(),
                    "WebSockets go to the helpline's own origin: " + socket);
        }
        long total = urls.keySet().stream().mapToLong(id -> wireBytes.getOrDefault(id, 0L)).sum();
        System.out.printf("visitor first load (%s): %d requests, %d bytes on the wire (budget %d)%n", language,
                urls.size(), total, BUDGET_BYTES);
        assertTrue(total > 0, "bytes were counted");
        assertTrue(total <= BUDGET_BYTES, "first load " + total + " bytes, over the budget of " + BUDGET_BYTES);
    }
}
