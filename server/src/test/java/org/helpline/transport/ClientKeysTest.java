package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.helpline.config.AddressRange;
import org.junit.jupiter.api.Test;

class ClientKeysTest {
    private static final List<AddressRange> PROXIES = List.of(AddressRange.parse("10.0.0.0/8").orElseThrow(),
            AddressRange.parse("::1").orElseThrow());

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        assertEquals("198.51.100.7", address("198.51.100.7", List.of("203.0.113.9"), List.of()));
        assertEquals("198.51.100.7", address("198.51.100.7", List.of(), PROXIES));
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertEquals("203.0.113.9", address("10.1.2.3", List.of("203.0.113.9"), PROXIES));
        // a visitor who writes a header of their own cannot choose their key: only the hop the proxy added counts
        assertEquals("203.0.113.9", address("10.1.2.3",
                List.of("192.0.2.1, 203.0.113.9, 10.9.9.9"), PROXIES));
        assertEquals("203.0.113.9", address("10.1.2.3",
                List.of("192.0.2.1", "203.0.113.9:4711"), PROXIES));
        assertEquals("10.0.0.5", address("10.1.2.3", List.of("10.0.0.5"), PROXIES),
                "all hops trusted: the farthest one");
        assertEquals("unknown", address("10.1.2.3", List.of("unknown"), PROXIES));
    }

    @Test
    void anIpv6ClientCountsByItsSlash64InItsSlash48() {
        ClientKeys.Client one = ClientKeys.clientAddress("::1", List.of("[2001:db8:1:2:aaaa::1]:443"), PROXIES);
        ClientKeys.Client other = ClientKeys.clientAddress("2001:db8:1:2:bbbb:cccc:dddd:eeee", List.of(), PROXIES);
        assertEquals(one, other);
        assertEquals(new ClientKeys.Client("2001:db8:1:2:0:0:0:0/64", "2001:db8:1:0:0:0:0:0/48"), one);
        ClientKeys.Client neighbour = ClientKeys.clientAddress("2001:db8:1:ff02::1", List.of(), PROXIES);
        assertEquals("2001:db8:1:ff02:0:0:0:0/64", neighbour.address(), "another /64 is another client");
        assertEquals(one.network(), neighbour.network(), "of the same /48");
    }

    @Test
    void anIpv4ClientIsItsOwnNetwork() {
        assertEquals(new ClientKeys.Client("192.0.2.1", "192.0.2.1"),
                ClientKeys.clientAddress("::ffff:192.0.2.1", List.of(), PROXIES));
        assertEquals(new ClientKeys.Client("unknown", "unknown"),
                ClientKeys.clientAddress("10.1.2.3", List.of("unknown"), PROXIES));
    }

    /** The client's own part of the key's text. */
    private static String address(String peer, List<String> forwardedFor, List<AddressRange> trusted) {
        return ClientKeys.clientAddress(peer, forwardedFor, trusted).address();
    }

    /** Demo accounts log in only from the server's machine: a proxy there forwarding others does not make it so. */
    @Test
    void onlyAClientOnTheLoopbackAddressIsLocalAndNotOneALocalProxyForwards() {
        assertTrue(ClientKeys.isLocal("127.0.0.1", List.of(), false, List.of()));
        assertTrue(ClientKeys.isLocal("0:0:0:0:0:0:0:1", List.of(), false, List.of()));
        assertFalse(ClientKeys.isLocal("127.0.0.1", List.of("203.0.113.5"), false, List.of()), "an untrusted proxy");
        assertFalse(ClientKeys.isLocal("127.0.0.1", List.of(), true, List.of()), "a Forwarded header");
        List<AddressRange> localProxy = List.of(AddressRange.parse("127.0.0.1").orElseThrow());
        assertFalse(ClientKeys.isLocal("127.0.0.1", List.of("203.0.113.5"), false, localProxy), "trusted: its client");
        assertTrue(ClientKeys.isLocal("127.0.0.1", List.of("127.0.0.1"), false, localProxy), "trusted, from here");
        assertFalse(ClientKeys.isLocal("203.0.113.5", List.of(), false, List.of()));
    }
}
