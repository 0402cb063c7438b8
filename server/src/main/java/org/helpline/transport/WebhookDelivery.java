package org.helpline.transport;

/** What became of an escalation's webhook (the {@code outcome} tag of the escalation meter, and its record). */
public enum WebhookDelivery {
    /** Not known yet: the escalation is recorded at once, its outcome written when the delivery ends. */
    PENDING("pending"),
    DELIVERED("delivered"),
    /** Every attempt failed. */
    FAILED("failed"),
    /** Too many deliveries were pending: this one was not attempted. */
    DROPPED("dropped"),
    /** No webhook is configured. */
    NO_WEBHOOK("no_webhook"),
    /**
     * Not written in time: the node delivering it stopped during the retries (or Redis failed when the outcome was
     * written); marked by another node when the escalation's deadline fires, for the supervisors to pass it on.
     */
    UNCONFIRMED("unconfirmed");

    private final String wireName;

    WebhookDelivery(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
