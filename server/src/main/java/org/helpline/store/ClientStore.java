package org.helpline.store;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.helpline.domain.ClientKey;

/**
 * What the helpline counts per client key, in Redis so every node agrees: the chats it started this hour, its waiting
 * in-danger chat, its wrong resume codes this minute, and its block. Everything expires; a key is a day's key.
 */
public final class ClientStore {
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration CODE_WINDOW = Duration.ofMinutes(1);
    /** A claimed in-danger chat counts as waiting this long before it exists (its creation follows the claim). */
    static final Duration PENDING = Duration.ofSeconds(30);
    /** A conversation remembers the key that started it as long as the key means anything. */
    static final Duration REMEMBERED = Duration.ofHours(25);

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;

    public ClientStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts, Clock clock) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
    }

    /** Counts a new chat of this key unless it is blocked or at its hour's limit; the chat remembers the key. */
    public Future<ChatAdmission> admit(ClientKey key, String conversationId, int chatsPerHour) {
        return scripts.text(Scripts.ADMIT_CHAT.call().key("block", Keys.client(key, "block"))
                .key("chats", Keys.client(key, "chats"))
                .key("conversationClient", Keys.conversationClient(conversationId)).arg("clientKey", key.value())
                .arg("limit", chatsPerHour).arg("window", HOUR.toSeconds()).arg("remember", REMEMBERED.toSeconds()))
                .map(ChatAdmission::fromScript);
    }

    /** Whether this waiting chat keeps the danger priority, or is grouped under the key's chat that has it. */
    public Future<DangerClaim> claimDanger(ClientKey key, String conversationId) {
        return scripts.list(Scripts.CLAIM_DANGER.call().key("dangerChats", Keys.client(key, "danger"))
                .key("dangerCounts", Keys.client(key, "dangerCounts")).arg("conversationId", conversationId)
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX).arg("now", clock.millis())
                .arg("pending", PENDING.toMillis()).arg("window", HOUR.toSeconds()))
                .map(DangerClaim::fromScript);
    }

    /** Whether this key may look up another resume code: fewer than {@code limit} wrong ones this minute. */
    public Future<Boolean> mayTryCode(ClientKey key, int limit) {
        return bridge.toFuture(commands.get(Keys.client(key, "codes")))
                .map(count -> count == null || Long.parseLong(count) < limit);
    }

    /** Counts a wrong resume code against this key for the current minute (which starts with its first). */
    public Future<Void> wrongCode(ClientKey key) {
        String counter = Keys.client(key, "codes");
        return bridge.toFuture(commands.set(counter, "0", SetArgs.Builder.nx().ex(CODE_WINDOW.toSeconds())))
                .compose(set -> bridge.toFuture(commands.incr(counter))).mapEmpty();
    }

    /** The key that started a conversation, while it is remembered. */
    public Future<Optional<ClientKey>> clientOf(String conversationId) {
        return bridge.toFuture(commands.get(Keys.conversationClient(conversationId)))
                .map(value -> Optional.ofNullable(value).map(ClientKey::new));
    }

    /** Blocks the key of {@code block} until its end, on every node. */
    public Future<Void> block(ClientBlock block) {
        long seconds = Math.max(1, (block.until() - clock.millis() + 999) / 1000);
        return scripts.integer(Scripts.BLOCK_CLIENT.call().key("block", Keys.client(block.key(), "block"))
                .key("blocks", Keys.BLOCKS).arg("clientKey", block.key().value())
                .arg("block", block.toJson().encode()).arg("seconds", seconds)).mapEmpty();
    }

    /** The blocks in force, newest first; expired ones are forgotten on the way. */
    public Future<List<ClientBlock>> blocks() {
        long now = clock.millis();
        return bridge.toFuture(commands.hgetall(Keys.BLOCKS)).compose(all -> {
            List<ClientBlock> blocks = all.values().stream().map(JsonObject::new).map(ClientBlock::fromJson).toList();
            String[] expired = blocks.stream().filter(block -> block.until() <= now)
                    .map(block -> block.key().value()).toArray(String[]::new);
            List<ClientBlock> current = blocks.stream().filter(block -> block.until() > now)
                    .sorted(Comparator.comparingLong(ClientBlock::at).reversed()).toList();
            return expired.length == 0 ? Future.succeededFuture(current)
                    : bridge.toFuture(commands.hdel(Keys.BLOCKS, expired)).map(removed -> current);
        });
    }

    /** Lifts the key's block: it may start chats again at once. True when there was one. */
    public Future<Boolean> lift(ClientKey key) {
        return bridge.toFuture(commands.del(Keys.client(key, "block")))
                .compose(deleted -> bridge.toFuture(commands.hdel(Keys.BLOCKS, key.value()))
                        .map(removed -> deleted > 0 || removed > 0));
    }
}
