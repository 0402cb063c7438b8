package org.helpline.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A range of network addresses written in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}, or one address), as
 * configuration names trusted proxies or who may read the metrics. Only literal addresses: a host name is refused,
 * so reading the configuration never looks anything up.
 */
public record AddressRange(byte[] network, int prefixLength) {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public AddressRange {
        network = network.clone();
    }

    /** The range written as {@code address} or {@code address/prefix}; empty when it is not one. */
    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > bytes.length * 8) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(bits);
        }
        return Optional.of(new AddressRange(bytes, prefix));
    }

    /**
     * A literal IPv4 (dotted quad) or IPv6 address as an {@link InetAddress}, or empty when the text is not one: a host
     * name is never looked up, so this may run on an event loop. Parsed by Netty, which never resolves: the JDK's
     * {@code InetAddress.getByName} would look up a name made of hex letters and dots, such as {@code dead.beef}, which
     * a forwarded header may carry.
     */
    public static Optional<InetAddress> literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) { // only for a length other than 4 or 16, which Netty never gives
            return Optional.empty();
        }
    }

    /** Whether the address lies in this range (an IPv4 address never lies in an IPv6 range, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength
                && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a range always holds 4 or 16 bytes", e);
        }
    }
}
