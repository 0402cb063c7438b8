package org.helpline.store;

/** What a visitor's socket leaving did. */
public enum VisitorDeparture {
    /** It held the presence: the visitor is away and the hold deadline is set. */
    AWAY,
    /** Another socket holds the presence (or this one never took it): nothing changed. */
    NOT_PRESENT,
    /** The conversation has ended or is gone. */
    CONVERSATION_ENDED
}
