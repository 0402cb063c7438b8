package org.helpline.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.helpline.config.AddressRange;
import org.helpline.config.HttpSettings;

/**
 * How many HTTP connections (WebSockets included) each client holds open on this node, so that one machine cannot
 * take every connection the process may open ({@code http.connectionsPerClient}) and leave the next visitor, or a
 * counsellor logging in, without one. A client counts by its address, an IPv6 one by its /64 (as for client keys),
 * and an IPv6 client's /48 holds at most four times the share (one holder may be given a whole /48, 65,536 /64s;
 * and a carrier's /48 holds thousands of subscribers, whom one of them must not shut out cheaply), each
 * under an HMAC with a secret this node draws at start and keeps in memory only: the counts name no address, and
 * nothing here is stored or logged. A connection from a trusted proxy is not counted (its clients are behind it: the
 * proxy limits them). A connection beyond the share is turned away with a page ({@link ConnectionShares}); one beyond
 * twice the share is closed at once, so that a client opening connections faster than they are answered still holds
 * no more than that. Shared by the node's HTTP instances, one per event loop.
 */
public final class ClientConnections {
    static final String REFUSED = "helpline.connections.refused";
    /** How many clients' shares an IPv6 /48 holds together. */
    static final int SHARES_PER_NETWORK = 4;
    private final int perClient;
    private final List<AddressRange> trustedProxies;
    private final byte[] secret = new byte[32];
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final Counter refused;

    public ClientConnections(HttpSettings http, MeterRegistry registry) {
        this.refused = Counter.builder(REFUSED).description("Connections turned away beyond their client's share")
                .register(registry);
        this.perClient = http.connectionsPerClient();
        this.trustedProxies = http.trustedProxies();
        new SecureRandom().nextBytes(secret);
    }

    /** What becomes of a connection that opened. */
    enum Verdict {
        /** Within its client's share: served. */
        WITHIN,
        /** Beyond it: its request is answered with the busy page, then it is closed. */
        TURNED_AWAY,
        /** Beyond twice the share: closed at once, unanswered. */
        SHUT
    }

    /**
     * One open connection of a client; {@code client} is null for one not counted (and for a live chat's socket, which
     * gave its client's count back but keeps its /48's), {@code network} for a client that is its own network (IPv4).
     */
    record Share(String client, String network, Verdict verdict) {
        private static final Share UNCOUNTED = new Share(null, null, Verdict.WITHIN);
    }

    /** Counts a connection that opened; {@link #closed} must be called with the answer once it closes. */
    Share opened(SocketAddress peer) {
        Optional<InetAddress> address = peer == null ? Optional.empty() : AddressRange.literal(peer.hostAddress());
        if (address.isEmpty() || trustedProxies.stream().anyMatch(range -> range.contains(address.get()))) {
            return Share.UNCOUNTED;
        }
        ClientKeys.Client client = ClientKeys.Client.of(address.get());
        String key = counted(client.address());
        String network = client.address().equals(client.network()) ? null : counted(client.network());
        Verdict verdict = verdict(open.merge(key, 1, Integer::sum), perClient);
        if (network != null) {
            Verdict ofNetwork = verdict(open.merge(network, 1, Integer::sum), SHARES_PER_NETWORK * (long) perClient);
            verdict = ofNetwork.compareTo(verdict) > 0 ? ofNetwork : verdict;
        }
        if (verdict != Verdict.WITHIN) {
            refused.increment();
        }
        return new Share(key, network, verdict);
    }

    private String counted(String client) {
        return Base64.getEncoder().withoutPadding().encodeToString(ClientKeys.hmac(secret, client));
    }

    private static Verdict verdict(int count, long share) {
        if (count <= share) {
            return Verdict.WITHIN;
        }
        return count <= 2 * share ? Verdict.TURNED_AWAY : Verdict.SHUT;
    }

    /** Gives back the client's own count of a share; answers what stays counted: its network's, if any. */
    Share clientCountGivenBack(Share share) {
        giveBack(share.client());
        return new Share(null, share.network(), share.verdict());
    }

    void closed(Share share) {
        giveBack(share.client());
        giveBack(share.network());
    }

    private void giveBack(String counted) {
        if (counted != null) {
            open.computeIfPresent(counted, (client, count) -> count == 1 ? null : count - 1);
        }
    }
}
