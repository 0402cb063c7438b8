package org.helpline.load;

import java.util.Optional;

/** The numbers in what the generator reads: Redis's {@code INFO} text and the server's Prometheus page. */
final class ReadingText {
    private ReadingText() {
    }

    /** A number field of an {@code INFO} text ({@code name:value} lines), 0 when absent. */
    static double info(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    /** The sum of every series of the metric {@code name} in a Prometheus text, with labels or without, if any. */
    static Optional<Double> metric(String prometheusText, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? Optional.of(sum) : Optional.empty();
    }
}
