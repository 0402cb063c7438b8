package org.helpline.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canned replies of the network, by language, and those of each association. An association's counsellors get
 * the network's replies followed by their association's own; an association reply with the id of a network reply
 * replaces it (same place in the list).
 *
 * @param network       language code to replies, for every association
 * @param byAssociation association id to language code to replies
 */
public record CannedReplies(Map<String, List<CannedReply>> network,
                            Map<String, Map<String, List<CannedReply>>> byAssociation) {
    public CannedReplies {
        network = copy(network);
        Map<String, Map<String, List<CannedReply>>> associations = new LinkedHashMap<>();
        byAssociation.forEach((association, replies) -> associations.put(association, copy(replies)));
        byAssociation = Collections.unmodifiableMap(associations);
    }

    public static CannedReplies none() {
        return new CannedReplies(Map.of(), Map.of());
    }

    /** The replies this association's counsellors see, by language. */
    public Map<String, List<CannedReply>> forAssociation(String associationId) {
        Map<String, List<CannedReply>> result = new LinkedHashMap<>();
        network.forEach((language, replies) -> result.put(language, new ArrayList<>(replies)));
        byAssociation.getOrDefault(associationId, Map.of()).forEach((language, own) -> {
            List<CannedReply> replies = result.computeIfAbsent(language, ignored -> new ArrayList<>());
            for (CannedReply reply : own) {
                int same = indexOf(replies, reply.id());
                if (same >= 0) {
                    replies.set(same, reply);
                } else {
                    replies.add(reply);
                }
            }
        });
        result.replaceAll((language, replies) -> List.copyOf(replies));
        return Collections.unmodifiableMap(result);
    }

    private static int indexOf(List<CannedReply> replies, String id) {
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, List<CannedReply>> copy(Map<String, List<CannedReply>> byLanguage) {
        Map<String, List<CannedReply>> copy = new LinkedHashMap<>();
        byLanguage.forEach((language, replies) -> copy.put(language, List.copyOf(replies)));
        return Collections.unmodifiableMap(copy);
    }
}
