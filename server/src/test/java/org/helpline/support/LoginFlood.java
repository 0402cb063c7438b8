package org.helpline.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.helpline.auth.Passwords;
import org.helpline.domain.Counsellor;

/**
 * Parallel clients posting wrong passwords to a node as fast as they can (half on a few real accounts, half on random
 * names), each from the address {@code addressOf} gives it (in {@code X-Forwarded-For}: the node must trust the
 * loopback test client as a proxy); and a real counsellor logging in meanwhile from an address of their own, with an
 * HTTP client of their own, retrying after a {@code busy} answer as the console's user would.
 */
public final class LoginFlood implements AutoCloseable {
    /** Real accounts the guesses aim at (besides random names): configure them with {@link #realCounsellor}. */
    public static final List<String> TARGETS = List.of("target.1", "target.2", "target.3", "target.4", "target.5",
            "target.6");
    /** Hashed with the production cost, so that guesses cost what they cost in production. */
    private static final String REAL_HASH = Passwords.hash(TestConfig.PASSWORD, 210_000);
    private final int port;
    private final HttpClient attackersClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService attackers;
    private final AtomicBoolean attacking = new AtomicBoolean(true);
    private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger guesses = new AtomicInteger();
    private final List<Future<?>> running = new ArrayList<>();

    private LoginFlood(int port, int count) {
        this.port = port;
        this.attackers = Executors.newFixedThreadPool(count);
    }

    /** A counsellor whose password ({@link TestConfig#PASSWORD}) is hashed at the production cost. */
    public static Counsellor realCounsellor(String id) {
        Counsellor base = TestConfig.counsellor(id, 2);
        return new Counsellor(id, base.displayName(), base.associationId(), base.languages(), base.topics(),
                base.capacity(), REAL_HASH, false, false);
    }

    /** Starts {@code count} guessing clients; returns once they have made {@code warmUp} guesses. */
    public static LoginFlood start(int port, int count, IntFunction<String> addressOf, int warmUp) {
        LoginFlood flood = new LoginFlood(port, count);
        for (int i = 0; i < count; i++) {
            int attacker = i;
            flood.running.add(flood.attackers.submit(() -> {
                Random random = new Random(attacker);
                while (flood.attacking.get()) {
                    String account = attacker % 2 == 0 ? TARGETS.get(random.nextInt(TARGETS.size()))
                            : "guess." + random.nextInt(1_000_000);
                    flood.statuses.add(send(flood.attackersClient, request(port, account, "guess-" + random.nextInt(),
                            addressOf.apply(attacker))).statusCode());
                    flood.guesses.incrementAndGet();
                }
            }));
        }
        Waits.until(() -> flood.guesses.get() >= warmUp, 30, "the flood is on");
        return flood;
    }

    /** How long each of a real counsellor's logins took, and how many {@code busy} answers they met. */
    public record RealLogins(List<Long> millis, int busy) {
        public long median() {
            return sorted().get(millis.size() / 2);
        }

        /** The 99th percentile: the slowest but one in a hundred (the slowest of fewer than a hundred). */
        public long p99() {
            List<Long> sorted = sorted();
            return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1));
        }

        private List<Long> sorted() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted;
        }
    }

    /** {@code count} logins of {@code account} with the right password from {@code address}; each must succeed. */
    public RealLogins realLogins(String account, String address, int count) {
        HttpClient counsellor = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> millis = new ArrayList<>();
        int busy = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(counsellor, request(port, account, TestConfig.PASSWORD, address));
            while (response.statusCode() == 503) {
                busy++;
                TestSocket.sleep(Duration.ofSeconds(1));
                response = send(counsellor, request(port, account, TestConfig.PASSWORD, address));
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("the real login was answered " + response.statusCode() + ": "
                        + response.body());
            }
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return new RealLogins(millis, busy);
    }

    public int guesses() {
        return guesses.get();
    }

    /** How many guesses got each status, so far. */
    public Map<Integer, Long> statuses() {
        synchronized (statuses) {
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
                    Collectors.counting()));
        }
    }

    /** Stops the clients and waits for their last guesses. */
    @Override
    public void close() throws Exception {
        attacking.set(false);
        for (Future<?> attacker : running) {
            attacker.get(30, TimeUnit.SECONDS);
        }
        attackers.shutdown();
    }

    /** A login request from {@code address} (forwarded by the loopback test client). */
    public static HttpRequest request(int port, String account, String password, String address) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/counsellor/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("id", account)
                        .put("password", password).encode())).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
