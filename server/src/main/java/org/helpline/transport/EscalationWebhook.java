package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;
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
    private final HttpClient client;
    private final AtomicInteger pending = new AtomicInteger();

    public EscalationWebhook(Vertx vertx, EscalationSettings settings, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis()));
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

    /**
     * One attempt, failed once {@code timeout} has passed whatever the request is doing (waiting for a pooled
     * connection, or an answer that trickles in, which an idle timeout would not end), so that every outcome comes
     * within {@link EscalationSettings#outcomeWithin}. A request still running then is reset, which closes its
     * connection, so that a receiver that never finishes cannot hold the client's connections.
     */
    private void attempt(String deliveryId, Buffer body, int attempt, Promise<WebhookDelivery> outcome) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Promise<Integer> answered = Promise.promise();
        long limit = vertx.setTimer(settings.timeout().toMillis(),
                id -> answered.tryFail(new TimeoutException("no answer within the attempt's time")));
        // built inside the future: a URL the client refuses fails this attempt instead of throwing past the outcome
        Future.succeededFuture().compose(start -> client.request(new RequestOptions().setMethod(HttpMethod.POST)
                        .setAbsoluteURI(settings.webhookUrl().get())))
                .compose(request -> {
                    answered.future().onFailure(tooLate -> request.reset());
                    return request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .putHeader(HttpHeaders.USER_AGENT, "helpline-webhook")
                            .putHeader(TIMESTAMP, timestamp)
                            .putHeader(DELIVERY, deliveryId)
                            .putHeader(SIGNATURE, "sha256=" + sign(settings.webhookSecret(), timestamp, body))
                            .send(body)
                            .compose(response -> response.body().map(ignored -> response.statusCode()));
                })
                .onComplete(result -> {
                    vertx.cancelTimer(limit);
                    if (result.succeeded()) {
                        answered.tryComplete(result.result());
                    } else {
                        answered.tryFail(result.cause());
                    }
                });
        answered.future().onComplete(result -> {
            if (result.succeeded() && result.result() / 100 == 2) {
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
