package org.helpline.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters: frames sent and received, and every kind of error (a lost or doubled message is an error). */
final class Counts {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    void add(String name) {
        add(name, 1);
    }

    void add(String name, long amount) {
        counters.computeIfAbsent(name, key -> new LongAdder()).add(amount);
    }

    long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** Errors are the counters whose name starts with {@code error.}. */
    long errors() {
        return counters.entrySet().stream().filter(entry -> entry.getKey().startsWith("error."))
                .mapToLong(entry -> entry.getValue().sum()).sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}
