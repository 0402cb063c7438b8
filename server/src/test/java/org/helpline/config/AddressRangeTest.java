package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressRangeTest {
    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static AddressRange range(String text) {
        return AddressRange.parse(text).orElseThrow();
    }

    @Test
    void ipv4RangesMatchTheirPrefix() throws UnknownHostException {
        AddressRange ten = range("10.0.0.0/8");
        assertTrue(ten.contains(address("10.200.3.4")));
        assertFalse(ten.contains(address("11.0.0.1")));
        AddressRange odd = range("192.168.1.128/25");
        assertTrue(odd.contains(address("192.168.1.200")));
        assertFalse(odd.contains(address("192.168.1.127")));
        assertTrue(range("127.0.0.1").contains(address("127.0.0.1")));
        assertFalse(range("127.0.0.1").contains(address("127.0.0.2")));
        assertTrue(range("0.0.0.0/0").contains(address("8.8.8.8")));
    }

    @Test
    void ipv6RangesAndFamiliesStayApart() throws UnknownHostException {
        assertTrue(range("::1/128").contains(address("::1")));
        assertTrue(range("fd00::/8").contains(address("fd12:3456::1")));
        assertFalse(range("fd00::/8").contains(address("fe80::1")));
        assertFalse(range("::/0").contains(address("10.0.0.1")), "an IPv4 address is not in an IPv6 range");
    }

    @Test
    void onlyLiteralRangesParse() {
        for (String wrong : new String[]{"localhost", "example.org", "10.0.0.0/33", "::1/129", "10.0.0.0/", "/8",
                "10.0.0.0/-1", "", "1", "dead.beef", "bad.cafe/8", "1.2.3"}) {
            assertEquals(Optional.empty(), AddressRange.parse(wrong), wrong);
        }
        assertEquals("10.0.0.0/8", range("10.0.0.0/8").toString());
        assertEquals(range("10.0.0.0/8"), range("10.0.0.0/8"));
    }
}
