package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.helpline.config.EscalationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers escalations to the operator's endpoint: a JSON POST signed with HMAC-SHA256 over
 * {@code <timestamp>.<body>}, retried with exponential backoff up to {@code maxAttempts}, at most
 * {@code maxPending} in flight per node (beyond, dropped and counted). It never blocks the chat: the caller gets a
 * future of the final outcome and does not wait for it.
 */
public final class EscalationWebhook {
    public static final String SIGNATURE = "X-Helpline-Signature";
    public static final String TIMESTAMP = "X-Helpline-Timestamp";
    public static final String DELIVERY = "X-Helpline-Delivery";
    private static final Logger LOG = LoggerFactory.getLogger(EscalationWebhook.class);

    private final Vertx vertx;
    private final EscalationSettings settings;
    private final Clock clock;
    private final WebClient client;
    private final AtomicInteger pending = new AtomicInteger();

    public EscalationWebhook(Vertx vertx, EscalationSettings settings, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("helpline-webhook")
                .setConnectTimeout((int) settings.timeout().toMillis()).setFollowRedirects(false));
    }

    /** Delivers, retrying as configured; the future says what became of it and never fails. */
    public Future<WebhookDelivery> deliver(String deliveryId, JsonObject body) {
        if (settings.webhookUrl().isEmpty()) {
            return Future.succeededFuture(WebhookDelivery.NO_WEBHOOK);
        }
        if (pending.incrementAndGet() > settings.maxPending()) {
            pending.decrementAndGet();
            LOG.warn("Escalation webhook backlog full: one escalation not delivered");
            return Future.succeededFuture(WebhookDelivery.DROPPED);
        }
        Promise<WebhookDelivery> outcome = Promise.promise();
        attempt(deliveryId, Buffer.buffer(body.encode()), 1, outcome);
        return outcome.future().onComplete(done -> pending.decrementAndGet());
    }

    public void close() {
        client.close();
    }

    private void attempt(String deliveryId, Buffer body, int attempt, Promise<WebhookDelivery> outcome) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        client.postAbs(settings.webhookUrl().get())
                .timeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(TIMESTAMP, timestamp)
                .putHeader(DELIVERY, deliveryId)
                .putHeader(SIGNATURE, "sha256=" + sign(settings.webhookSecret(), timestamp, body))
                .sendBuffer(body)
                .onComplete(result -> {
                    if (result.succeeded() && result.result().statusCode() / 100 == 2) {
                        outcome.complete(WebhookDelivery.DELIVERED);
                    } else if (attempt >= settings.maxAttempts()) {
                        LOG.warn("Escalation webhook gave up after {} attempts", attempt);
                        outcome.complete(WebhookDelivery.FAILED);
                    } else {
                        long delay = settings.firstRetry().toMillis() << (attempt - 1);
                        vertx.setTimer(delay, id -> attempt(deliveryId, body, attempt + 1, outcome));
                    }
                });
    }

    /** hex(HMAC-SHA256(secret, timestamp + "." + body)): what a receiver recomputes to verify. */
    public static String sign(String secret, String timestamp, Buffer body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
