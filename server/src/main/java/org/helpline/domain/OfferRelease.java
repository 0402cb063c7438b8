package org.helpline.domain;

/** Why an offer ended without the counsellor accepting it: the chat goes back to the queue. */
public enum OfferRelease {
    /** The counsellor declined it. */
    DECLINED,
    /** Its time ran out. */
    EXPIRED;

    public String wireName() {
        return WireNames.of(this);
    }
}
