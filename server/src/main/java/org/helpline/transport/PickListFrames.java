package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OnlineCounsellor;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.StepRouting;
import org.helpline.domain.WaitingConversation;

/**
 * The {@code waiting} frames of one tick (the pick lists): for a console allowed to pick, the waiting chats of the
 * queue's head its counsellor could take (priority, step, wait, topic, language, role: nothing identifying), and her
 * free places now (her capacity less the chats she holds and is offered). With none, a {@code pick} is refused
 * ({@code not_waiting}, "Not taken: full."): her console still shows who waits (a chat in danger among them), with
 * its Take buttons disabled and why. Each chat is described once, and each list built and encoded once, however many
 * consoles show it.
 */
final class PickListFrames {
    private final StepRouting routing;
    private final Function<Counsellor, List<WaitingConversation>> pickable;
    private final long now;
    private final Map<String, JsonObject> described = new HashMap<>();
    private final Map<Listing, String> frames = new HashMap<>();

    PickListFrames(StepRouting routing, List<WaitingConversation> head, Instant now) {
        this.routing = routing;
        this.pickable = routing.pickable(head, now);
        this.now = now.toEpochMilli();
    }

    /**
     * The free places of these counsellors, by id, as Redis has them now (one read for a few hundred); one with no live
     * console is left out (her pick would be refused {@code offline}, which says so).
     */
    static Future<Map<String, Integer>> freePlaces(Function<List<String>, Future<List<OnlineCounsellor>>> online,
                                                    Collection<Counsellor> counsellors) {
        List<String> ids = counsellors.stream().map(Counsellor::id).distinct().toList();
        return online.apply(ids).map(read -> {
            Map<String, Integer> free = new HashMap<>();
            read.forEach(counsellor -> free.put(counsellor.id(), counsellor.freeCapacity()));
            return free;
        });
    }

    /** The encoded {@code waiting} frame for this counsellor, her free places read in {@code freePlaces}. */
    String frame(Counsellor counsellor, Map<String, Integer> freePlaces) {
        List<WaitingConversation> visible = pickable.apply(counsellor);
        Listing listing = new Listing(visible.stream().map(WaitingConversation::id).toList(),
                freePlaces.getOrDefault(counsellor.id(), counsellor.capacity()));
        return frames.computeIfAbsent(listing, same -> {
            JsonArray items = new JsonArray();
            visible.forEach(conversation -> items.add(described.computeIfAbsent(conversation.id(),
                    id -> describe(conversation))));
            return new JsonObject().put("type", "waiting").put("conversations", items)
                    .put("freePlaces", listing.freePlaces()).encode();
        });
    }

    private JsonObject describe(WaitingConversation conversation) {
        JsonObject item = new JsonObject().put("conversation", conversation.id())
                .put("priority", QueuePriority.classOf(conversation.triage()).wireName())
                .put("step", routing.step(conversation.step()).name())
                .put("waitedSeconds", Math.max(0, (now - conversation.arrivedAt()) / 1000));
        conversation.triage().topic().ifPresent(topic -> item.put("topic", topic));
        conversation.triage().language().ifPresent(language -> item.put("language", language));
        conversation.triage().role().ifPresent(role -> item.put("role", role.wireName()));
        return item;
    }

    /** What one frame shows: the chats listed, in order, and the free places. */
    private record Listing(List<String> conversations, int freePlaces) {
    }
}
