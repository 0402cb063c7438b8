package org.helpline.config;

import java.util.List;
import java.util.Optional;

/**
 * Who may read {@code /metrics}: a client address in one of {@code allowFrom} and, when a token is configured, the
 * request's {@code Authorization: Bearer} token.
 */
public record MetricsSettings(List<AddressRange> allowFrom, Optional<String> token) {
    public MetricsSettings {
        allowFrom = List.copyOf(allowFrom);
    }

    public MetricsSettings withToken(String newToken) {
        return new MetricsSettings(allowFrom, Optional.of(newToken));
    }
}
