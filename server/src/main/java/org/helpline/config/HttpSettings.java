package org.helpline.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The HTTP side: the port, the origins the pages are served from ({@code publicOrigins}; empty: a loopback address
 * only, for a machine of one's own), the other browser origins that may open WebSockets, who may frame the pages (the
 * CSP frame-ancestors sources), the proxies whose {@code X-Forwarded-For} is believed (empty: the client is the peer
 * of the connection), how long a connection may take to send a request's headers and may stay idle between
 * requests, how many event loops (threads) serve the browsers' sockets, and how many connections one client may hold
 * open on a node.
 */
public record HttpSettings(int port, List<String> publicOrigins, List<String> allowedOrigins,
                           List<String> frameAncestors, List<AddressRange> trustedProxies,
                           Duration requestHeaderTimeout, Duration idleTimeout, int eventLoops,
                           int connectionsPerClient) {
    /** A plain-http origin of one's own machine, any port: a frame ancestor allowed for trying the widget. */
    private static final Pattern LOCAL_HTTP = Pattern.compile(
            "http://(localhost|127\\.0\\.0\\.1|\\[::1])(:[0-9]{1,5}|:\\*)?");

    public HttpSettings {
        publicOrigins = List.copyOf(publicOrigins);
        allowedOrigins = List.copyOf(allowedOrigins);
        frameAncestors = List.copyOf(frameAncestors);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static boolean isLocalHttp(String origin) {
        return LOCAL_HTTP.matcher(origin).matches();
    }

    /** The frame ancestors that are plain-http local origins (worth a warning at start: not for production). */
    public List<String> localHttpFrameAncestors() {
        return frameAncestors.stream().filter(HttpSettings::isLocalHttp).toList();
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(newPort, publicOrigins, allowedOrigins, frameAncestors, trustedProxies,
                requestHeaderTimeout, idleTimeout, eventLoops, connectionsPerClient);
    }
}
