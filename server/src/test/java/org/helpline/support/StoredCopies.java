package org.helpline.support;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where a text (a canary) is still kept: the files of a Redis data directory, and the keys and values in Redis. */
public final class StoredCopies {
    private StoredCopies() {
    }

    /** The files under {@code directory} (the append-only files, any snapshot) whose bytes hold {@code text}. */
    public static List<Path> files(Path directory, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (contains(read(file), wanted)) {
                    holding.add(file.getFileName());
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return files(directory, text); // Redis removed a file while it was listed
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return holding;
    }

    /** The keys whose name or any value (string, hash, list, set, sorted set) holds {@code text}. */
    public static List<String> keys(RedisCommands<String, String> redis, String text) {
        List<String> holding = new ArrayList<>();
        for (String key : redis.keys("*")) {
            List<String> values = new ArrayList<>(List.of(key));
            switch (redis.type(key)) {
                case "string" -> values.add(redis.get(key));
                case "hash" -> redis.hgetall(key).forEach((field, value) -> values.addAll(List.of(field, value)));
                case "list" -> values.addAll(redis.lrange(key, 0, -1));
                case "set" -> values.addAll(redis.smembers(key));
                case "zset" -> redis.zrangeWithScores(key, 0, -1).stream().map(ScoredValue::getValue)
                        .forEach(values::add);
                default -> { }
            }
            if (values.stream().anyMatch(value -> value != null && value.contains(text))) {
                holding.add(key);
            }
        }
        return holding;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException deletedMeanwhile) {
            return new byte[0];
        }
    }

    private static boolean contains(byte[] data, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= data.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
