package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.helpline.domain.ClientKey;

/**
 * What the helpline counts per client key, in Redis so every node agrees: its waiting in-danger chat and its block (the
 * chats it started this hour are counted by a start, {@link ChatStartStore}; its wrong resume codes by the lookup of a
 * code, {@link VisitorStore#resumeByCode}).
 * Everything expires; a key is a day's key.
 */
public final class ClientStore {
    /** How often a key's in-danger chats grouped behind the one with the priority are looked at again. */
    static final Duration DANGER_RECHECK = Duration.ofSeconds(2);
    /**
     * A conversation remembers the key that started it as long as the key means anything; its danger claims are kept
     * as long after the last.
     */
    static final Duration REMEMBERED = Duration.ofHours(25);
    /** Between a remembered key and its day ({@code /} is not in base64url). */
    private static final String DAY_SEPARATOR = "/";

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final Duration dangerHeadStart;

    /** {@code dangerHeadStart}: how far ahead of its age a chat in danger queues (routing's priority settings). */
    public ClientStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts, Clock clock,
                       Duration dangerHeadStart) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.dangerHeadStart = dangerHeadStart;
    }

    /**
     * Whether this waiting chat gets the danger priority, is grouped under the key's waiting chat that was given it, or
     * is behind (started beyond its /48's chats of the hour: never); a grouped chat sets the key's
     * {@link Deadline#danger} deadline, which raises it in its turn. Granted, it is raised at once, in the same script:
     * top priority class, supervisors alerted, its counsellor (if it has one) told.
     */
    public Future<DangerClaim> claimDanger(ClientKey key, String conversationId) {
        return scripts.list(dangerClaims(Scripts.CLAIM_DANGER.call(), key.value()).key("deadlines", Keys.DEADLINES)
                .key("deadlineStats", Keys.DEADLINE_STATS).key("conversation", Keys.conversation(conversationId))
                .key("queue", Keys.QUEUE).arg("conversationId", conversationId)
                .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL).arg("at", clock.millis())
                .arg("dangerHeadStart", dangerHeadStart.toMillis()).arg("routingChannel", Keys.ROUTING_CHANNEL)
                .arg("conversationChannel", Keys.conversationChannel(conversationId)))
                .map(DangerClaim::fromScript);
    }

    /**
     * What every script reading a key's danger claims is given (the prelude's {@code claimDanger} and
     * {@code dangerHolder}): the key's claimed chats and their counts, how its conversations' keys are named, how long
     * the claims are kept, the key's danger deadline and how often it looks again.
     */
    static ScriptCall dangerClaims(ScriptCall call, String key) {
        return call.key("dangerChats", Keys.client(key, "danger")).key("dangerCounts", Keys.client(key, "dangerCounts"))
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG)
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX).arg("window", REMEMBERED.toSeconds())
                .arg("deadline", Deadline.danger(key).member()).arg("recheck", DANGER_RECHECK.toMillis());
    }

    /**
     * A key's danger deadline fired: when none of its chats given the danger priority waits any more, the grouped
     * in-danger chat that claimed first and still waits is raised (supervisors get its own alert). The deadline is set
     * again while a grouped chat waits.
     */
    public Future<Void> promoteDanger(Deadline deadline) {
        String key = deadline.subject();
        return scripts.text(dangerClaims(Scripts.PROMOTE_DANGER.call(), key).key("deadlines", Keys.DEADLINES)
                .key("deadlineStats", Keys.DEADLINE_STATS).key("queue", Keys.QUEUE)
                .arg("dangerHeadStart", dangerHeadStart.toMillis())
                .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL).arg("routingChannel", Keys.ROUTING_CHANNEL)
                .arg("conversationChannelPrefix", Keys.CONVERSATION_CHANNEL_PREFIX))
                .mapEmpty();
    }

    /** A key as a conversation remembers it: the key and its day. */
    static String remembered(ClientKey key) {
        return key.value() + DAY_SEPARATOR + key.day();
    }

    /** The key that started a conversation (and its day), while it is remembered. */
    public Future<Optional<ClientKey>> clientOf(String conversationId) {
        return bridge.toFuture(commands.get(Keys.conversationClient(conversationId)))
                .map(value -> Optional.ofNullable(value).map(stored -> {
                    int separator = stored.indexOf(DAY_SEPARATOR);
                    if (separator < 0) { // remembered before keys had their day: today's is the likeliest
                        return new ClientKey(stored, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
                    }
                    return new ClientKey(stored.substring(0, separator),
                            LocalDate.parse(stored.substring(separator + 1)));
                }));
    }

    /**
     * Blocks the key of {@code block} until its end, on every node; the secret of the key's day is kept as long, so
     * that the block follows its client to the keys of the days after ({@link #carryBlock}). False when that secret
     * has expired already: no client can be matched to the key any more, and nothing is blocked.
     */
    public Future<Boolean> block(ClientBlock block) {
        long seconds = Math.max(1, (block.until() - clock.millis() + 999) / 1000);
        return scripts.integer(Scripts.BLOCK_CLIENT.call().key("block", Keys.client(block.key(), "block"))
                .key("blocks", Keys.BLOCKS).key("daySecret", Keys.clientKeySecret(block.key().day()))
                .key("keptDays", Keys.CLIENT_KEY_KEPT_DAYS).key("blockEnds", Keys.BLOCK_ENDS)
                .arg("clientKey", block.key().value())
                .arg("block", block.toJson().encode()).arg("seconds", seconds).arg("day", block.key().day().toString())
                .arg("until", block.until()).arg("now", clock.millis())
                .arg("keptDaysChannel", Keys.CLIENT_KEY_KEPT_DAYS_CHANNEL)).map(blocked -> blocked == 1);
    }

    /**
     * A client whose key of today is {@code today} had the key {@code earlier} on an earlier day: if that one is
     * blocked, so is today's, for the time the block has left. True when it was blocked.
     */
    public Future<Boolean> carryBlock(ClientKey earlier, ClientKey today) {
        return scripts.integer(Scripts.CARRY_BLOCK.call().key("earlierBlock", Keys.client(earlier, "block"))
                .key("block", Keys.client(today, "block")).key("carried", Keys.client(earlier, "carried"))
                .arg("clientKey", today.value()).arg("earlierKey", earlier.value())).map(carried -> carried == 1);
    }

    /**
     * The blocks in force, newest first; expired ones are forgotten on the way, each only if still listed as read
     * (a block made again on the same key meanwhile stays listed: forget_expired_blocks.lua).
     */
    public Future<List<ClientBlock>> blocks() {
        long now = clock.millis();
        return bridge.toFuture(commands.hgetall(Keys.BLOCKS)).compose(all -> {
            Map<String, String> expired = new HashMap<>();
            List<ClientBlock> current = new ArrayList<>();
            all.forEach((client, listing) -> {
                ClientBlock block = ClientBlock.fromJson(new JsonObject(listing));
                if (block.until() > now) {
                    current.add(block);
                } else {
                    expired.put(client, listing);
                }
            });
            current.sort(Comparator.comparingLong(ClientBlock::at).reversed());
            return expired.isEmpty() ? Future.succeededFuture(current) : forgetExpired(expired).map(current);
        });
    }

    /** Forgets these listings (client key -> listing as read) of expired blocks, each only if still listed so. */
    Future<Long> forgetExpired(Map<String, String> expired) {
        List<String> pairs = expired.entrySet().stream()
                .flatMap(listing -> Stream.of(listing.getKey(), listing.getValue())).toList();
        return scripts.integer(Scripts.FORGET_EXPIRED_BLOCKS.call().key("blocks", Keys.BLOCKS)
                .key("blockEnds", Keys.BLOCK_ENDS).args("expired", pairs));
    }

    /**
     * Lifts the block of the listed key {@code client}, and wherever it followed its client on later days: it may
     * start chats again at once. True when there was one. One script, so that no connection carries the block on
     * meanwhile (lift_block.lua).
     */
    public Future<Boolean> lift(String client) {
        return scripts.integer(Scripts.LIFT_BLOCK.call().key("block", Keys.client(client, "block"))
                .key("blocks", Keys.BLOCKS).key("carried", Keys.client(client, "carried"))
                .key("blockEnds", Keys.BLOCK_ENDS).arg("clientKey", client).arg("clientKeyPrefix", Keys.CLIENT_PREFIX))
                .map(lifted -> lifted == 1);
    }
}
