package org.helpline.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * escalation.yaml: the outbound webhook called for each escalation, and the short scripts shown to the counsellor.
 *
 * @param webhookUrl     where escalations are POSTed (empty: no webhook)
 * @param webhookSecret  the HMAC-SHA256 key of the signature (from HELPLINE_WEBHOOK_SECRET or the file)
 * @param maxAttempts    attempts per escalation before giving up
 * @param firstRetry     the first retry's delay; each next one doubles
 * @param timeout        one attempt's timeout
 * @param maxPending     escalations waiting for delivery on one node at most; beyond, new ones are dropped (counted)
 * @param scripts        kind ({@code emergency}, {@code service}) to language to text; {number} and {name} are
 *                       replaced
 */
public record EscalationSettings(Optional<String> webhookUrl, String webhookSecret, int maxAttempts,
                                 Duration firstRetry, Duration timeout, int maxPending,
                                 Map<String, Map<String, String>> scripts) {
    /** Beyond the retries' own time and Redis's answers, what a busy node may add before an outcome is written. */
    static final Duration OUTCOME_MARGIN = Duration.ofSeconds(10);

    public EscalationSettings {
        scripts = Map.copyOf(scripts);
    }

    /**
     * How long after an escalation its webhook's outcome is written at the latest: every attempt timing out, every
     * retry delay (doubling from the first), twice Redis's {@code commandTimeout} (the record's answer, which the
     * webhook waits for, and the outcome's write) and {@link #OUTCOME_MARGIN}. An escalation whose outcome is not
     * written by then was being delivered by a node that stopped.
     */
    public Duration outcomeWithin(Duration commandTimeout) {
        Duration retries = firstRetry.multipliedBy((1L << Math.max(0, maxAttempts - 1)) - 1);
        return timeout.multipliedBy(maxAttempts).plus(retries).plus(commandTimeout.multipliedBy(2))
                .plus(OUTCOME_MARGIN);
    }

    /** The script for this kind in this language (else English), with the target's name and number filled in. */
    public String script(String kind, String language, String name, String number) {
        Map<String, String> texts = scripts.getOrDefault(kind, Map.of());
        String text = Optional.ofNullable(texts.get(language)).or(() -> Optional.ofNullable(texts.get("en")))
                .orElse("Call {number} ({name}).");
        return text.replace("{number}", number).replace("{name}", name);
    }
}
