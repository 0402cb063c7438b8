package org.helpline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code escalation.yaml}: the escalation webhook (its secret may come from the environment instead) and the
 * scripts counsellors see, by kind and language. Every mistake names the file and the field. Blocking.
 */
final class EscalationSettingsLoader {
    static final String FILE = "escalation.yaml";

    private EscalationSettingsLoader() {
    }

    /** {@code secretFromEnvironment}: the value of {@link ConfigLoader#ENV_WEBHOOK_SECRET}, or null. */
    static EscalationSettings load(Path directory, String secretFromEnvironment) {
        ConfigSection file = ConfigSection.read(directory, FILE);
        file.allowOnly("webhook", "scripts");
        ConfigSection webhook = file.section("webhook");
        webhook.allowOnly("url", "secret", "maxAttempts", "firstRetrySeconds", "timeoutSeconds", "maxPending");
        Optional<String> url = webhook.optionalString("url");
        url.ifPresent(value -> {
            if (!value.startsWith("https://") && !value.startsWith("http://") || !hasHost(value)) {
                throw webhook.error("url", "must be an http:// or https:// URL with a host (and a numeric port)");
            }
        });
        String secret = secretFromEnvironment != null && !secretFromEnvironment.isBlank() ? secretFromEnvironment
                : webhook.string("secret", "");
        if (url.isPresent() && secret.length() < 16) {
            throw webhook.error("secret", "a webhook needs a secret of at least 16 characters (or "
                    + ConfigLoader.ENV_WEBHOOK_SECRET + ")");
        }
        return new EscalationSettings(url, secret, webhook.integer("maxAttempts", 6, 1, 20),
                Duration.ofSeconds(webhook.integer("firstRetrySeconds", 1, 1, 600)),
                Duration.ofSeconds(webhook.integer("timeoutSeconds", 5, 1, 60)),
                webhook.integer("maxPending", 1000, 1, 100_000), scripts(file.section("scripts")));
    }

    /** A URL whose host (and port, if any) parse: a webhook that cannot be called is refused at start. */
    private static boolean hasHost(String url) {
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    private static Map<String, Map<String, String>> scripts(ConfigSection texts) {
        Map<String, Map<String, String>> scripts = new HashMap<>();
        texts.allowOnly("emergency", "service");
        for (String kind : List.of("emergency", "service")) {
            Map<String, String> byLanguage = new HashMap<>();
            Object raw = texts.raw(kind);
            if (raw instanceof Map<?, ?> languages) {
                ConfigSection section = texts.section(kind);
                for (Object language : languages.keySet()) {
                    byLanguage.put(String.valueOf(language), section.string(String.valueOf(language)));
                }
            }
            scripts.put(kind, byLanguage);
        }
        return scripts;
    }
}
