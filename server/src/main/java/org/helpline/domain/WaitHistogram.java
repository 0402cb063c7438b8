package org.helpline.domain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How long answered chats waited, as counts per bucket (the bucket's upper bound in seconds; beyond the last one,
 * {@code ><last bound>}): the statistics keep no single wait. A quantile is the bucket it falls in, read as "at most
 * N s".
 */
public final class WaitHistogram {
    private final TreeMap<Long, Long> buckets = new TreeMap<>();
    private long beyond;
    private String beyondLabel = "";

    /**
     * Adds the count of a bucket stored as {@code <seconds>} (at most that long) or {@code ><seconds>} (longer than the
     * last bucket); anything else is ignored.
     */
    public void add(String bucket, long count) {
        if (bucket.matches(">[0-9]{1,9}")) {
            beyond += count;
            beyondLabel = bucket;
        } else if (bucket.matches("[0-9]{1,9}")) {
            buckets.merge(Long.parseLong(bucket), count, Long::sum);
        }
    }

    public void addAll(WaitHistogram other) {
        other.buckets.forEach((bound, count) -> buckets.merge(bound, count, Long::sum));
        beyond += other.beyond;
        if (!other.beyondLabel.isEmpty()) {
            beyondLabel = other.beyondLabel;
        }
    }

    public long count() {
        return buckets.values().stream().mapToLong(Long::longValue).sum() + beyond;
    }

    /**
     * The bucket holding the {@code fraction} quantile (0.5: the median): {@code "<=60"} for at most 60 s, or
     * {@code ">3600"} beyond the last bucket; empty with no wait.
     */
    public Optional<String> quantile(double fraction) {
        long count = count();
        if (count == 0) {
            return Optional.empty();
        }
        long rank = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return Optional.of("<=" + bucket.getKey());
            }
        }
        return Optional.of(beyondLabel);
    }
}
