package org.helpline.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Who a visitor's connection comes from, without the address: a keyed digest of the client address that changes
 * every day, so limits and blocks can count one client's chats while no address is stored and no key links two days.
 * {@code day} is the UTC day whose secret made it: a block made with the key keeps that day's secret while it lasts.
 */
public record ClientKey(String value, LocalDate day) {
    public ClientKey {
        if (!isKey(value)) {
            throw new IllegalArgumentException("a client key is 22 base64url characters");
        }
        Objects.requireNonNull(day, "day");
    }

    /** Whether {@code text} has the form of a client key's value. */
    public static boolean isKey(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{22}");
    }
}
