package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.helpline.config.AddressRange;
import org.helpline.domain.ClientKey;
import org.helpline.store.ClientKeyStore;
import org.helpline.store.ClientKeyStore.DaySecret;
import org.helpline.store.ClientStore;

/**
 * The client key of an HTTP request or WebSocket handshake: HMAC-SHA256, under the day's secret, of the client's
 * address. The address is the peer of the connection, or, when that peer is a trusted proxy, the first address of
 * {@code X-Forwarded-For} (read from the right) that is not a trusted proxy. An IPv6 client counts by its /64 (one
 * subscriber's network, in which a device may take any address), and its key names its /48 too (a network one holder
 * may be given whole, with 65,536 /64s in it). The address is never stored nor logged: it lives for the length of
 * this computation (and of its look-up of blocks made under earlier days' keys).
 */
public final class ClientKeys {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int KEY_BYTES = 16;
    private static final int IPV6_CLIENT_BYTES = 8;
    private static final int IPV6_NETWORK_BYTES = 6;

    private final List<AddressRange> trustedProxies;
    private final ClientKeyStore secrets;
    private final ClientStore blocks;

    public ClientKeys(List<AddressRange> trustedProxies, ClientKeyStore secrets, ClientStore blocks) {
        this.trustedProxies = List.copyOf(trustedProxies);
        this.secrets = secrets;
        this.blocks = blocks;
    }

    /** The client key of this request's client; fails (store unavailable) when the day's secret cannot be had. */
    public Future<ClientKey> of(HttpServerRequest request) {
        Client client = client(request.remoteAddress(), request.headers());
        return secrets.today().map(secret -> digest(secret, client));
    }

    /**
     * The client key of a WebSocket's client, from its peer and the headers of its handshake. A block of the same
     * client under an earlier day's key (whose secret the block keeps) follows it to today's key first.
     */
    public Future<ClientKey> of(ServerWebSocket socket) {
        Client client = client(socket.remoteAddress(), socket.headers());
        return secrets.today().map(secret -> digest(secret, client)).compose(today -> secrets.kept()
                .compose(kept -> Future.all(kept.stream()
                        .map(earlier -> blocks.carryBlock(digest(earlier, client), today)).toList()))
                .map(carried -> today));
    }

    /**
     * Whether this request's client (as its key is made: past the trusted proxies) is this machine, on its loopback
     * address. Nothing is kept of it.
     */
    public boolean isLocal(HttpServerRequest request) {
        return isLocal(peerOf(request.remoteAddress()), request.headers().getAll(FORWARDED_FOR),
                request.headers().contains("Forwarded"), trustedProxies);
    }

    /**
     * Whether the client is on the server's loopback address; a request a proxy forwarded ({@code X-Forwarded-For},
     * or {@code forwarded}: a {@code Forwarded} header) from a peer that is not a trusted proxy is from anywhere, as
     * far as anyone knows, even when that peer is this machine.
     */
    static boolean isLocal(String peer, List<String> forwardedFor, boolean forwarded, List<AddressRange> trusted) {
        ClientHop client = clientHop(peer, forwardedFor, trusted);
        boolean viaUntrustedProxy = (forwarded || !forwardedFor.isEmpty()) && client.peer();
        return !viaUntrustedProxy && client.address().map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static String peerOf(SocketAddress peer) {
        return peer == null ? "" : peer.hostAddress();
    }

    private Client client(SocketAddress peer, MultiMap headers) {
        return hop(peer, headers).client();
    }

    private ClientHop hop(SocketAddress peer, MultiMap headers) {
        return clientHop(peerOf(peer), headers.getAll(FORWARDED_FOR), trustedProxies);
    }

    /**
     * A client as the text its key is made of: {@code address}, IPv4 as written or IPv6 as its /64, and the
     * {@code network} it is part of, an IPv6 client's /48 (the address itself otherwise).
     */
    record Client(String address, String network) {
        static Client of(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length == 4) {
                String written = address.getHostAddress();
                return new Client(written, written);
            }
            return new Client(prefix(bytes, IPV6_CLIENT_BYTES), prefix(bytes, IPV6_NETWORK_BYTES));
        }

        private static String prefix(byte[] address, int bytes) {
            byte[] network = Arrays.copyOf(address, 16);
            Arrays.fill(network, bytes, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + bytes * Byte.SIZE;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are an address", e);
            }
        }
    }

    /**
     * Who the client is, as the text the key is made of: the peer, unless it is a trusted proxy; then the hops of
     * {@code X-Forwarded-For} from the nearest, skipping trusted proxies. A hop that is not an address (a proxy wrote
     * "unknown") is taken as it is written, its own network.
     */
    static Client clientAddress(String peer, List<String> forwardedFor, List<AddressRange> trusted) {
        return clientHop(peer, forwardedFor, trusted).client();
    }

    private static ClientHop clientHop(String peer, List<String> forwardedFor, List<AddressRange> trusted) {
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> Arrays.stream(header.split(",")).map(String::trim)
                .filter(hop -> !hop.isEmpty()).forEach(hops::add));
        hops.add(peer);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> address = literal(hops.get(i));
            if (address.isEmpty() || i == 0 || trusted.stream().noneMatch(range -> range.contains(address.get()))) {
                return new ClientHop(hops.get(i), address, i == hops.size() - 1);
            }
        }
        throw new IllegalStateException("the peer is always a hop");
    }

    /** The hop that is the client: as written, its address when it is one, and whether it is the peer itself. */
    private record ClientHop(String written, Optional<InetAddress> address, boolean peer) {
        Client client() {
            return address.map(Client::of).orElse(new Client(written, written));
        }
    }

    private static ClientKey digest(DaySecret secret, Client client) {
        String key = encoded(hmac(secret.secret(), client.address()));
        return new ClientKey(key, secret.day(), client.address().equals(client.network()) ? key
                : encoded(hmac(secret.secret(), client.network())));
    }

    private static String encoded(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** HMAC-SHA256 of {@code client} under {@code secret}, cut to 128 bits. */
    static byte[] hmac(byte[] secret, String client) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(client.getBytes(StandardCharsets.UTF_8)), KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A hop as an address, without its port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}), or empty. */
    private static Optional<InetAddress> literal(String hop) {
        String bare = hop;
        if (bare.startsWith("[") && bare.contains("]")) {
            bare = bare.substring(1, bare.indexOf(']'));
        } else if (bare.indexOf(':') > 0 && bare.indexOf(':') == bare.lastIndexOf(':') && bare.contains(".")) {
            bare = bare.substring(0, bare.indexOf(':'));
        }
        return AddressRange.literal(bare);
    }
}
