package org.helpline.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The figures the anonymous statistics count for each ended chat (docs/observatory.md), by the names the Lua scripts
 * store them under and the export shows, and the sums that tie them within a row: each chat is received once, ends one
 * way, has one role (or none said), children involved or not said, in danger or not said, one risk level or none.
 * Outcome tags are counted as given, so they add up to nothing. Some figures are zero by construction in some rows.
 */
public final class ChatFigures {
    public static final String RECEIVED = "received";
    public static final String ANSWERED = "answered";
    public static final String WITHIN_SERVICE_LEVEL = "answeredWithinServiceLevel";
    public static final String AFTER_SERVICE_LEVEL = "answeredAfterServiceLevel";
    /** Not stored: redirected plus left after alternatives. */
    public static final String UNANSWERED_WITH_ALTERNATIVE = "unansweredWithAlternative";
    public static final String REDIRECTED = "redirected";
    public static final String LEFT_AFTER_ALTERNATIVE = "leftAfterAlternative";
    public static final String UNANSWERED_WITHOUT_ALTERNATIVE = "unansweredWithoutAlternative";
    public static final String TAG_PREFIX = "tag.";
    /** Waits of answered chats are stored as {@code wait.<upper bound in s>} or {@code wait.>3600}. */
    public static final String WAIT_PREFIX = "wait.";

    private static final List<String> OUTCOMES = List.of(ANSWERED, UNANSWERED_WITH_ALTERNATIVE,
            UNANSWERED_WITHOUT_ALTERNATIVE);
    private static final List<String> SERVICE_LEVEL = List.of(WITHIN_SERVICE_LEVEL, AFTER_SERVICE_LEVEL);
    private static final List<String> ALTERNATIVES = List.of(REDIRECTED, LEFT_AFTER_ALTERNATIVE);
    private static final List<String> ROLES = Stream.concat(Arrays.stream(Role.values()).map(Role::wireName),
            Stream.of("notSaid")).map(role -> "role." + role).toList();
    private static final List<String> CHILDREN = List.of("children.yes", "children.notSaid");
    private static final List<String> DANGER = List.of("inDanger.yes", "inDanger.notSaid");
    private static final List<String> RISK = Stream.concat(
            Stream.of(RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.STANDARD).map(RiskLevel::wireName),
            Stream.of("notAssessed")).map(level -> "risk." + level).toList();

    private final List<String> columns;

    /** The figures of a row for these outcome tags: the fixed ones, then one per tag. */
    public ChatFigures(Collection<String> tagIds) {
        List<String> all = new ArrayList<>();
        all.add(RECEIVED);
        all.addAll(List.of(ANSWERED, WITHIN_SERVICE_LEVEL, AFTER_SERVICE_LEVEL, UNANSWERED_WITH_ALTERNATIVE,
                REDIRECTED, LEFT_AFTER_ALTERNATIVE, UNANSWERED_WITHOUT_ALTERNATIVE));
        all.addAll(ROLES);
        all.addAll(CHILDREN);
        all.addAll(DANGER);
        all.addAll(RISK);
        tagIds.forEach(tag -> all.add(TAG_PREFIX + tag));
        columns = List.copyOf(all);
    }

    /** Every figure of a row, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The columns that are zero by construction in the row of {@code association} (docs/observatory.md "What is
     * counted"), as indices: a chat nobody answered is counted under {@link DayCounts#NONE}, so that row has no
     * answered chat and no outcome tag (only the counsellor who held a chat may tag it); an answered chat is counted
     * under its association, so an association's row has no unanswered chat. The network's row has none.
     */
    List<Integer> zeroByConstruction(String association) {
        List<String> zero = new ArrayList<>();
        if (DayCounts.NONE.equals(association)) {
            zero.addAll(SERVICE_LEVEL);
            zero.add(ANSWERED);
            columns.stream().filter(column -> column.startsWith(TAG_PREFIX)).forEach(zero::add);
        } else if (!StatisticsReport.ALL.equals(association)) {
            zero.addAll(ALTERNATIVES);
            zero.addAll(List.of(UNANSWERED_WITH_ALTERNATIVE, UNANSWERED_WITHOUT_ALTERNATIVE));
        }
        return zero.stream().map(columns::indexOf).toList();
    }

    /** The sums within a row, as column indices: the total first, then its parts. */
    List<List<Integer>> rowSums() {
        return Stream.of(sum(RECEIVED, OUTCOMES), sum(ANSWERED, SERVICE_LEVEL),
                sum(UNANSWERED_WITH_ALTERNATIVE, ALTERNATIVES), sum(RECEIVED, ROLES), sum(RECEIVED, CHILDREN),
                sum(RECEIVED, DANGER), sum(RECEIVED, RISK)).toList();
    }

    private List<Integer> sum(String total, List<String> parts) {
        return Stream.concat(Stream.of(total), parts.stream()).map(columns::indexOf).toList();
    }
}
