package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.HttpSettings;
import org.helpline.transport.ClientConnections.Share;
import org.helpline.transport.ClientConnections.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The shares counted in memory: a client's own, and an IPv6 client's /48, whose holder has 65,536 /64s to open
 * connections from (the connections themselves, and what a turned-away one is answered, are {@code
 * ConnectionsPerClientIT}'s: a test's connections all come from one loopback address).
 */
class ClientConnectionsTest {
    private static final int SHARE = 3;
    private final ClientConnections connections = new ClientConnections(new HttpSettings(0, List.of(), List.of(),
            List.of(), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30), 1, SHARE), new SimpleMeterRegistry());

    @Test
    void aSlash48OpeningFromEveryOneOfItsSlash64sHoldsFourTimesAClientsShare() {
        List<Share> held = new ArrayList<>();
        for (int network = 0; network < ClientConnections.SHARES_PER_NETWORK * SHARE; network++) {
            held.add(open("2001:db8:7:" + network + "::1", Verdict.WITHIN));
        }
        open("2001:db8:7:ff::1", Verdict.TURNED_AWAY);
        open("2001:db8:7:fe::1", Verdict.TURNED_AWAY);
        open("2001:db8:8::1", Verdict.WITHIN); // the next /48 is someone else
        open("192.0.2.1", Verdict.WITHIN);
        for (int extra = 2; extra < ClientConnections.SHARES_PER_NETWORK * SHARE; extra++) {
            open("2001:db8:7:" + (0x100 + extra) + "::1", Verdict.TURNED_AWAY);
        }
        open("2001:db8:7:fd::1", Verdict.SHUT);

        held.forEach(connections::closed);
        for (int extra = 0; extra < ClientConnections.SHARES_PER_NETWORK * SHARE + 1; extra++) {
            connections.closed(new Share(null, null, Verdict.WITHIN)); // uncounted: changes nothing
        }
        assertEquals(Verdict.TURNED_AWAY, connections.opened(address("2001:db8:7:1000::1")).verdict(),
                "the ones turned away are still open: beyond the /48's share");
    }

    @Test
    void aClientWithinItsNetworksShareStillHasOnlyItsOwn() {
        for (int i = 0; i < SHARE; i++) {
            open("2001:db8:9:1::" + (i + 1), Verdict.WITHIN);
        }
        open("2001:db8:9:1::ffff", Verdict.TURNED_AWAY);
        open("2001:db8:9:2::1", Verdict.WITHIN);
    }

    @Test
    void anIpv4ClientIsCountedOnce() {
        for (int i = 0; i < SHARE; i++) {
            open("192.0.2.9", Verdict.WITHIN);
        }
        open("192.0.2.9", Verdict.TURNED_AWAY);
    }

    @Test
    void givenBackAClosedConnectionsPlaceServesTheNext() {
        List<Share> held = new ArrayList<>();
        for (int network = 0; network < ClientConnections.SHARES_PER_NETWORK * SHARE; network++) {
            held.add(open("2001:db8:a:" + network + "::1", Verdict.WITHIN));
        }
        connections.closed(held.get(0));
        open("2001:db8:a:77::1", Verdict.WITHIN);
    }

    /**
     * A live chat's socket gives back its client's own count (its client may open more), not its /48's: a /48 holder
     * starting chats from its 65,536 /64s still holds four shares of the node's connections at most.
     */
    @Test
    void aChatsSocketGivesBackItsClientsCountNotItsNetworks() {
        for (int i = 0; i < SHARE; i++) {
            connections.clientCountGivenBack(open("2001:db8:c::1", Verdict.WITHIN));
        }
        for (int i = 0; i < SHARE; i++) {
            open("2001:db8:c::1", Verdict.WITHIN); // its own places are free again
        }
        for (int network = 1; network < ClientConnections.SHARES_PER_NETWORK * SHARE - 2 * SHARE + 1; network++) {
            open("2001:db8:c:" + network + "::1", Verdict.WITHIN);
        }
        open("2001:db8:c:ff::1", Verdict.TURNED_AWAY); // the chats' sockets still fill their /48's places
        Share ipv4 = open("192.0.2.44", Verdict.WITHIN);
        assertEquals(new Share(null, null, Verdict.WITHIN), connections.clientCountGivenBack(ipv4), "nothing stays");
        for (int i = 0; i < SHARE; i++) {
            open("192.0.2.44", Verdict.WITHIN);
        }
    }

    private Share open(String host, Verdict expected) {
        Share share = connections.opened(address(host));
        assertEquals(expected, share.verdict(), host);
        return share;
    }

    private static SocketAddress address(String host) {
        return SocketAddress.inetSocketAddress(4711, host);
    }
}
