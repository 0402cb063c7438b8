package org.helpline.store;

/** A counsellor's accept of the chat offered to them. */
public enum AcceptOutcome {
    /** The chat is theirs now. */
    ACCEPTED,
    /** It is no longer offered to them (expired, withdrawn, ended). */
    GONE
}
