package org.helpline.load;

import java.time.Duration;
import java.util.Locale;

/**
 * What a drive of the {@link BareRelay} measured over its window ({@link RelayWindow}): the one-way latency of the
 * messages sent in it, the messages delivered in it, and the CPU seconds the relay process and this generator spent
 * in it (-1 when unknown); and how the window was placed: {@code warmUp} after its {@code pairs} pairs connected.
 */
record RelayRun(Latency latency, int pairs, Duration warmUp, double seconds, long relayed, double relayCpuSeconds,
                double generatorCpuSeconds) {
    /** The report's paragraph: the window, the costs per relayed message, and what still differs from steady. */
    String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Bare relay, measured over %.1f s from %.1f s"
                + " after its %d pairs connected (their handshakes, the relay JVM's first seconds and the closes left"
                + " out), its CPU read before any socket closed: %d messages relayed (%.1f a second)", seconds,
                warmUp.toMillis() / 1000.0, pairs, relayed, relayed / Math.max(0.001, seconds)));
        text.append(cost("the relay process's CPU", relayCpuSeconds))
                .append(cost("this generator's", generatorCpuSeconds))
                .append(".\n\nLike the server, the relay answers each `send` with the message to the other side, the"
                        + " same echoed to the sender and an `ack` (three frames, each parsed as JSON by the generator,"
                        + " as in `steady`), and its JVM has the server's options. Unlike `steady`: two sockets a pair,"
                        + " where `steady` has a visitor's a chat and a console's for `--capacity` chats; no Redis, no"
                        + " storage, no routing, no pings; and `steady`'s message phase also holds its 3 s drain, with"
                        + " no sends.\n\n");
        return text.toString();
    }

    private String cost(String what, double cpuSeconds) {
        if (cpuSeconds < 0 || relayed == 0) {
            return "; " + what + " not measured";
        }
        return String.format(Locale.ROOT, "; %s %.2f s, %.3f ms per relayed message", what, cpuSeconds,
                cpuSeconds * 1000 / relayed);
    }
}
