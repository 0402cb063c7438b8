package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.domain.DayCounts;

/** Reads the days of the anonymous statistics (the counters the end and outcome scripts keep), never a transcript. */
public final class StatisticsStore {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;

    public StatisticsStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge) {
        this.commands = commands;
        this.bridge = bridge;
    }

    /**
     * Each day's counters as stored (a day whose counters expired or never existed has none), for
     * {@link DayCounts#fromFields}: two years of them are a few hundred thousand fields, parsed off the event loop by
     * the caller. One pipelined read per day.
     */
    public Future<Map<LocalDate, Map<String, String>>> days(List<LocalDate> days) {
        List<Future<Map<String, String>>> reads = days.stream()
                .map(day -> bridge.toFuture(commands.hgetall(Keys.statistics(day)))).toList();
        return Future.all(reads).map(all -> {
            Map<LocalDate, Map<String, String>> fields = new HashMap<>();
            for (int i = 0; i < days.size(); i++) {
                fields.put(days.get(i), reads.get(i).result());
            }
            return fields;
        });
    }
}
