package org.helpline.domain;

/** A proposal to give one waiting conversation to one counsellor; the store's atomic claim decides. */
public record Assignment(String conversationId, String counsellorId) {
}
