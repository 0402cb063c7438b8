package org.helpline.store;

import java.util.Optional;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Triage;

/**
 * A visitor's start of a chat: the new conversation's random id, the triage she gave (in danger now included), the
 * language of her page if known, the digest of its resume secret, and her client key with its hour's limits: chats
 * the client may start, and chats the clients of its network (an IPv6 /48) may start together.
 */
public record ChatStart(String id, Triage triage, Optional<String> pageLanguage, String secretDigest, ClientKey client,
                        int chatsPerHour, int chatsPerNetworkPerHour) {
}
