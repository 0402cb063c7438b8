package org.helpline.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options: {@code <scenario> --name value ...}. Every run is bounded: scenarios end by themselves after
 * their duration (plus a short drain), whatever happens.
 */
record Options(String scenario, Map<String, String> values) {

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: <steady|surge|idle|baseline|all> [--name value ...]");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            values.put(name, flag ? "true" : args[++i]);
        }
        return new Options(args[0], values);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
    }

    Duration seconds(String name, int fallback) {
        return Duration.ofMillis((long) (Double.parseDouble(values.getOrDefault(name, Integer.toString(fallback)))
                * 1000));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }
}
