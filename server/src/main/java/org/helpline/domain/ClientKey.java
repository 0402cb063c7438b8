package org.helpline.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Who a visitor's connection comes from, without the address: a keyed digest of the client address that changes
 * every day, so limits and blocks can count one client's chats while no address is stored and no key links two days.
 * {@code day} is the UTC day whose secret made it: a block made with the key keeps that day's secret while it lasts.
 * {@code network} is the same digest of the wider network the client is part of, an IPv6 client's /48 (within which
 * one holder may take any of 65,536 /64s); for an IPv4 client, and a key read back without it, it is {@code value}.
 */
public record ClientKey(String value, LocalDate day, String network) {
    public ClientKey {
        if (!isKey(value) || !isKey(network)) {
            throw new IllegalArgumentException("a client key is 22 base64url characters");
        }
        Objects.requireNonNull(day, "day");
    }

    /** A key that is its own network (an IPv4 client, or a key read back from a conversation or a block). */
    public ClientKey(String value, LocalDate day) {
        this(value, day, value);
    }

    /** Whether {@code text} has the form of a client key's value. */
    public static boolean isKey(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{22}");
    }

    /** Whether the key's network is wider than the key itself (an IPv6 client: its /48 holds many /64s). */
    public boolean inWiderNetwork() {
        return !network.equals(value);
    }
}
