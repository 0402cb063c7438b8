package org.helpline.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of a run: one section per scenario, latencies, counts, server cost, and the baselines. */
final class Report {
    private final StringBuilder text = new StringBuilder();

    Report(String command, String machine) {
        text.append("# Helpline load run\n\n").append("Command: `").append(command).append("`\n\n")
                .append("Machine: ").append(machine).append("\n\n");
    }

    void add(Scenarios.Result result) {
        Traffic traffic = result.traffic();
        text.append("## ").append(result.scenario()).append("\n\n`").append(result.parameters()).append("`\n\n")
                .append("| latency (ms) | count | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
        for (Latency latency : List.of(traffic.startToQueued, traffic.firstPosition, traffic.startToCounsellor,
                traffic.visitorToCounsellor, traffic.counsellorToVisitor)) {
            if (latency.histogram().getTotalCount() > 0) {
                text.append(latency.row()).append('\n');
            }
        }
        chart(traffic);
        long relayed = traffic.counts.get("received.counsellor") + traffic.counts.get("received.visitor");
        text.append("\n| figure | value |\n|---|---|\n")
                .append("| chats started | ").append(traffic.chats.size()).append(" |\n")
                .append("| messages relayed | ").append(relayed).append(" |\n")
                .append("| relayed per second | ").append(String.format("%.1f",
                        relayed / (double) Math.max(1, result.duration().toSeconds()))).append(" |\n")
                .append("| errors (all kinds, lost and doubled included) | ").append(traffic.counts.errors())
                .append(" |\n")
                .append("| server heap max (MB) | ").append(String.format("%.0f", result.probe().maxHeapMegabytes()))
                .append(" |\n")
                .append("| server CPU mean (share of the machine) | ")
                .append(String.format("%.2f", result.probe().meanCpu())).append(" |\n");
        if (result.redisRoundTripsPerMessage() >= 0) {
            text.append("| Redis round trips per relayed message (all server calls, background included) | ")
                    .append(String.format("%.2f", result.redisRoundTripsPerMessage())).append(" |\n");
        }
        if (result.redisCommandsPerMessage() >= 0) {
            text.append("| Redis commands per relayed message (INFO commandstats: calls inside scripts count) | ")
                    .append(String.format("%.2f", result.redisCommandsPerMessage())).append(" |\n");
        }
        text.append("\nCounters: ");
        for (Map.Entry<String, Long> entry : traffic.counts.snapshot().entrySet()) {
            text.append('`').append(entry.getKey()).append('=').append(entry.getValue()).append("` ");
        }
        text.append("\n\n");
    }

    /** A Mermaid bar chart of the relay percentiles (GitHub and most Markdown viewers draw it). */
    private void chart(Traffic traffic) {
        if (traffic.visitorToCounsellor.histogram().getTotalCount() == 0) {
            return;
        }
        text.append("\n```mermaid\nxychart-beta\n    title \"Relay latency, visitor to counsellor (ms)\"\n")
                .append("    x-axis [p50, p90, p99, p99.9]\n    y-axis \"ms\"\n    bar [");
        double[] percentiles = {50, 90, 99, 99.9};
        for (int i = 0; i < percentiles.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f",
                    traffic.visitorToCounsellor.percentileMillis(percentiles[i])));
        }
        text.append("]\n```\n");
    }

    void baseline(Latency relay, double redisSets) {
        text.append("## Baselines (same machine, same run)\n\n")
                .append("| latency (ms) | count | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n")
                .append(relay.row()).append("\n\n");
        if (redisSets > 0) {
            text.append("Raw Redis: ").append(String.format("%.0f", redisSets))
                    .append(" pipelined SETs per second (Lettuce, one connection).\n\n");
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
