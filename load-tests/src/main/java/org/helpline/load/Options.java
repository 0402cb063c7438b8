package org.helpline.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line options: {@code <scenario> --name value ...}. Every run is bounded: scenarios end by themselves after
 * their duration (plus a short drain), whatever happens.
 */
record Options(String scenario, Map<String, String> values, List<String> arguments) {
    private static final Set<String> SCENARIOS = Set.of("steady", "surge", "idle", "starts", "baseline", "all");

    static Options parse(String[] args) {
        if (args.length == 0 || !SCENARIOS.containsAll(List.of(args[0].split(",")))) {
            throw new RefusedRun(
                    "usage: <steady|surge|idle|starts|baseline|all>[,...] [--name value ...]"
                    + " (the scenarios and their options: docs/performance.md)");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new RefusedRun("expected --name, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            values.put(name, flag ? "true" : args[++i]);
        }
        return new Options(args[0], values, List.of(args));
    }

    /** Whether this run includes the scenario: named in the list, or {@code all}. */
    boolean runs(String name) {
        List<String> named = List.of(scenario.split(","));
        return named.contains(name) || named.contains("all");
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        return parsed(name, fallback, Integer::parseInt);
    }

    Duration seconds(String name, int fallback) {
        return Duration.ofMillis((long) (parsed(name, fallback, Double::parseDouble) * 1000));
    }

    Duration millis(String name, int fallback) {
        return Duration.ofMillis(parsed(name, fallback, Long::parseLong));
    }

    /** A whole number given with {@code --name}, if it was. */
    Optional<Long> whole(String name) {
        return values.containsKey(name) ? Optional.of(parsed(name, 0, Long::parseLong)) : Optional.empty();
    }

    private <T> T parsed(String name, int fallback, Function<String, T> parser) {
        String value = values.getOrDefault(name, Integer.toString(fallback));
        try {
            return parser.apply(value);
        } catch (NumberFormatException notANumber) {
            throw new RefusedRun("--" + name + " takes a number, given '" + value + "'");
        }
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }
}
