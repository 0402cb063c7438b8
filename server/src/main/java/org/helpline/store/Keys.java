package org.helpline.store;

import java.time.LocalDate;
import org.helpline.domain.ClientKey;

/**
 * Every Redis key and channel name, in one place. Keys hold conversation and counsellor ids (random or configured) and
 * client keys (a keyed digest of the day), never a visitor's address, message text or token: sessions are keyed by a
 * SHA-256 of the token.
 * The keys of one conversation share the hash tag {@code {<id>}}.
 */
public final class Keys {
    public static final String QUEUE = "hl:queue";
    public static final String ACTIVE_CONVERSATIONS = "hl:conversations:active";
    /** The chats offered to a counsellor and not yet accepted, by arrival (ms): waiting, for the dashboard. */
    public static final String OFFERED_CONVERSATIONS = "hl:conversations:offered";
    public static final String AVAILABLE_COUNSELLORS = "hl:counsellors:available";
    /**
     * The counsellors who may have a live console, available or away: added when a console of hers gets a lease it
     * did not have, removed when her presence deadline finds none live. Each read checks her leases.
     */
    public static final String ONLINE_COUNSELLORS = "hl:counsellors:online";
    public static final String ROUTING_CHANNEL = "hl:events:routing";
    /** Every change of the queue, published by the scripts that make it (see prelude.lua and {@link QueueMirror}). */
    public static final String QUEUE_CHANGES = QUEUE + ":changes";
    public static final String CONVERSATION_CHANNEL_PREFIX = "hl:events:conv:";
    /** Alerts for supervisors: a visitor in danger, an escalation. */
    public static final String SUPERVISORS_CHANNEL = "hl:events:supervisors";
    /**
     * Every alert published on {@link #SUPERVISORS_CHANNEL}, kept (a stream, the last 1,000 or so) so that a supervisor
     * socket can read those it missed ({@code alertSupervisors} in prelude.lua).
     */
    public static final String SUPERVISORS_ALERT_LOG = SUPERVISORS_CHANNEL + ":log";
    /** The escalation record (newest first, bounded): time, association, target, webhook outcome; no text. */
    public static final String ESCALATIONS = "hl:escalations";
    /** Every timer of the system (offer expiries, step timeouts, presence), member -> due time (ms). */
    public static final String DEADLINES = "hl:deadlines";
    /** Counts of deadlines created, fired and cancelled: created = fired + cancelled + pending. */
    public static final String DEADLINE_STATS = "hl:deadlines:stats";
    /** Assignments of the last hour (member conversation|time -> time), for throughput and wait estimates. */
    public static final String RECENT_ASSIGNMENTS = "hl:stats:assignments";
    /**
     * How long each chat waited, for the service level (last 25 hours): member {@code <conversation>|<waited ms>|a}
     * scored by the time of its first answer, or {@code ...|u} scored by the time it ended unanswered.
     */
    public static final String WAITS = "hl:stats:waits";
    /** When each ended conversation's transcript expires (id -> ms, Redis time), for the retention sweep. */
    public static final String EXPIRING_TRANSCRIPTS = "hl:retention:expiring";
    /**
     * A count raised each time an erase or an expiry left text in Redis's files: a rewrite of the append-only file is
     * owed while it exists; the node that took the rewrite deletes it only while it holds the count it took.
     */
    public static final String DISK_PURGE_OWED = "hl:retention:purgeOwed";
    /** Present for one window after a rewrite was asked for, so that the nodes ask at most once per window. */
    public static final String DISK_PURGE_WINDOW = "hl:retention:purgeWindow";
    /** Resume codes: {@code hl:resume:<SHA-256 of the normalised code>} -> conversation id. */
    public static final String RESUME_CODE_PREFIX = "hl:resume:";
    /**
     * Conversation keys are this prefix and the id in braces (the hash tag). Scripts that learn conversation ids only
     * while they run (from the queue, a counsellor's sets, a resume code) get the prefix and derive the keys.
     */
    public static final String CONVERSATION_PREFIX = "hl:conv:";
    /** Counsellor keys are this prefix and the id in braces (the hash tag), likewise. */
    public static final String COUNSELLOR_PREFIX = "hl:counsellor:";

    private Keys() {
    }

    public static String conversation(String id) {
        return CONVERSATION_PREFIX + "{" + id + "}";
    }

    public static String log(String id) {
        return conversation(id) + ":log";
    }

    public static String clientIds(String id) {
        return conversation(id) + ":ids";
    }

    public static String notes(String id) {
        return conversation(id) + ":notes";
    }

    public static String excluded(String id) {
        return conversation(id) + ":excluded";
    }

    /**
     * The presences held by the visitor sockets of node {@code nodeId} ('conversation id|socket id'): read when the
     * node is gone (its lease ran out) to set those visitors away.
     */
    public static String nodeVisitors(String nodeId) {
        return "hl:node:{" + nodeId + "}:visitors";
    }

    /**
     * The monitorings held by the supervisor sockets of node {@code nodeId} ({@link NodeMonitoring#member}): read when
     * the node is gone to end them.
     */
    public static String nodeMonitorings(String nodeId) {
        return "hl:node:{" + nodeId + "}:monitorings";
    }

    /** Present while node {@code nodeId}'s lease runs. */
    public static String nodeLease(String nodeId) {
        return "hl:node:{" + nodeId + "}:lease";
    }

    /** The visitor's sockets attached to a conversation, by the time they attached. */
    public static String visitorSockets(String id) {
        return conversation(id) + ":sockets";
    }

    /** How many times the conversation was resumed this minute (a count; it expires with the minute). */
    public static String resumes(String id) {
        return conversation(id) + ":resumes";
    }

    /** The conversation a resume code leads to, keyed by the code's digest (never the code itself). */
    public static String resumeCode(String codeDigest) {
        return RESUME_CODE_PREFIX + codeDigest;
    }

    public static String conversationChannel(String id) {
        return CONVERSATION_CHANNEL_PREFIX + id;
    }

    public static String counsellor(String id) {
        return COUNSELLOR_PREFIX + "{" + id + "}";
    }

    /** Present while the counsellor is in wrap-up after a chat ended; expires by itself. */
    public static String wrapUp(String counsellorId) {
        return counsellor(counsellorId) + ":wrapUp";
    }

    public static String consoles(String counsellorId) {
        return counsellor(counsellorId) + ":consoles";
    }

    public static String counsellorConversations(String counsellorId) {
        return counsellor(counsellorId) + ":conversations";
    }

    public static String counsellorOffers(String counsellorId) {
        return counsellor(counsellorId) + ":offers";
    }

    public static String counsellorChannel(String counsellorId) {
        return "hl:events:counsellor:" + counsellorId;
    }

    /** Anonymous outcome tag counts of one day of the helpline's calendar (tag id -> count). */
    public static String outcomeCounts(LocalDate day) {
        return "hl:stats:outcomes:" + day;
    }

    /** How the chats that ended on one day (the helpline's calendar) ended (answered, redirected... -> count). */
    public static String endingCounts(LocalDate day) {
        return "hl:stats:endings:" + day;
    }

    /**
     * The anonymous statistics of one day of the helpline's calendar ({@code statistics.timeZone}) for the
     * observatory: {@code <association>|<figure>} -> count, {@code -} for the chats nobody answered
     * (docs/observatory.md).
     */
    public static String statistics(LocalDate day) {
        return "hl:stats:day:" + day;
    }

    /** The dashboard's sample of one minute (epoch minute): most chats waiting, longest wait (ms) seen in it. */
    public static String minuteSample(long epochMinute) {
        return "hl:stats:minute:" + epochMinute;
    }

    /** Every block of a client key: client key -> the block as JSON. */
    public static final String BLOCKS = "hl:blocks";
    /** When each listed block ends: client key -> until (ms), so that the retention sweep unlists it then. */
    public static final String BLOCK_ENDS = "hl:blocks:ends";

    /**
     * Keys about one client key (the hash tag): its block, chats started this hour, in-danger chats, wrong codes,
     * failed logins and their wait.
     */
    public static String client(ClientKey key, String what) {
        return client(key.value(), what);
    }

    /** {@link #client(ClientKey, String)} by the key's value alone (a supervisor lifts a block by the key listed). */
    public static String client(String keyValue, String what) {
        return CLIENT_PREFIX + "{" + keyValue + "}:" + what;
    }

    /**
     * Keys about the network of a client key (an IPv6 client's /48, whose clients are counted together): the chats
     * they started this hour. Apart from the client's own keys, which for an IPv4 client name the same digest.
     */
    public static String network(ClientKey key, String what) {
        return client(key.network(), "network:" + what);
    }

    /** What {@link #client(String, String)} keys start with (a script that learns a client key builds them). */
    public static final String CLIENT_PREFIX = "hl:client:";

    /** The client key that started a conversation (kept a day, for a block if a counsellor ends it as abusive). */
    public static String conversationClient(String id) {
        return conversation(id) + ":client";
    }

    /** The day's secret of the client keys (UTC day); it expires a bit over a day after it was drawn. */
    public static String clientKeySecret(LocalDate day) {
        return "hl:clientkey:secret:" + day;
    }

    /** The days whose secrets blocks still need: day -> until (ms) of the longest block made with its keys. */
    public static final String CLIENT_KEY_KEPT_DAYS = "hl:clientkey:kept";
    /** Told when a block adds a day to {@link #CLIENT_KEY_KEPT_DAYS} or keeps one longer (the day). */
    public static final String CLIENT_KEY_KEPT_DAYS_CHANNEL = "hl:events:clientkey:kept";

    /** A counsellor session's hash is this followed by its token's digest. */
    static final String SESSION_PREFIX = "hl:session:";

    public static String session(String tokenDigest) {
        return SESSION_PREFIX + tokenDigest;
    }

    /** Recent failed logins on an account, keyed by the digest of the id typed (known or not). */
    public static String loginFailures(String accountDigest) {
        return "hl:login:failures:" + accountDigest;
    }

    /** Present while logins on an account must wait. */
    public static String loginWait(String accountDigest) {
        return "hl:login:wait:" + accountDigest;
    }

    /** The digests of one counsellor's sessions (a supervisor's revocation ends them all). */
    public static String counsellorSessions(String counsellorId) {
        return counsellor(counsellorId) + ":sessions";
    }

    /** A counsellor's sessions channel is this followed by her id. */
    static final String SESSIONS_CHANNEL_PREFIX = "hl:events:sessions:";

    /** Where logouts and revocations of one counsellor's sessions are announced to every node. */
    public static String sessionsChannel(String counsellorId) {
        return SESSIONS_CHANNEL_PREFIX + counsellorId;
    }
}
