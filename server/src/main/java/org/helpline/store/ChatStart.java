package org.helpline.store;

import java.util.Optional;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Triage;

/**
 * A visitor's start of a chat: the new conversation's random id, the triage she gave (in danger now included), the
 * language of her page if known, the digest of its resume secret, and her client key with its hour's limits: chats
 * the client may start, and chats the clients of its network (an IPv6 /48) may start together; and whether lines of
 * the directory open for her need are shown to her with it ({@code linesShown}: false when none is open, only the
 * emergency numbers), for the statistics of a chat nobody answers.
 */
public record ChatStart(String id, Triage triage, Optional<String> pageLanguage, String secretDigest, ClientKey client,
                        int chatsPerHour, int chatsPerNetworkPerHour, boolean linesShown) {

    /** A start shown lines of the directory. */
    public ChatStart(String id, Triage triage, Optional<String> pageLanguage, String secretDigest, ClientKey client,
                     int chatsPerHour, int chatsPerNetworkPerHour) {
        this(id, triage, pageLanguage, secretDigest, client, chatsPerHour, chatsPerNetworkPerHour, true);
    }
}
