package org.helpline.domain;

/**
 * Who a visitor's connection comes from, without the address: a keyed digest of the client address that changes
 * every day, so limits and blocks can count one client's chats while no address is stored and no key links two days.
 */
public record ClientKey(String value) {
    public ClientKey {
        if (!value.matches("[A-Za-z0-9_-]{22}")) {
            throw new IllegalArgumentException("a client key is 22 base64url characters");
        }
    }
}
