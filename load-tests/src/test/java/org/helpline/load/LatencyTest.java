package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Latencies are printed finely enough to compare the relay with the bare relay by 1.5x at 0.1 ms: to the microsecond
 * under 1 ms, to the tenth of a millisecond above.
 */
class LatencyTest {
    @Test
    void subMillisecondLatenciesArePrintedToTheMicrosecond() {
        assertEquals("0.100", Latency.millis(0.1));
        assertEquals("0.150", Latency.millis(0.15), "1.5x of 0.1 ms, told apart");
        assertEquals("0.049", Latency.millis(0.0494));
        assertEquals("12.3", Latency.millis(12.34));

        Latency relay = new Latency("bare relay");
        relay.record(123_000);
        assertTrue(relay.row().startsWith("| bare relay | 1 | 0.123 | 0.123 |"), relay.row());
    }
}
