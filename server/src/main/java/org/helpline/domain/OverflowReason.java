package org.helpline.domain;

/** Why a waiting visitor is offered the hotlines open now (the {@code reason} of an {@code alternatives} frame). */
public enum OverflowReason {
    /** Nobody configured can take the chat at this hour. */
    CLOSED("closed"),
    /** The chat has waited longer than the whole routing policy and reached its last step. */
    LONG_WAIT("long_wait"),
    /** Nobody who could take the chat is online with a free place. */
    NO_COUNSELLOR("no_counsellor");

    private final String wireName;

    OverflowReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
