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
    NO_WEBHOOK("no_webhook");

    private final String wireName;

    WebhookDelivery(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
