package org.helpline.domain;

/** A partner association whose counsellors answer chats. */
public record Association(String id, String name, int defaultCapacity) {
}
