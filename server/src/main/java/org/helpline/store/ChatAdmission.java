package org.helpline.store;

/** Whether a client key may start a chat now. The visitor is told the same whatever the refusal. */
public enum ChatAdmission {
    ADMITTED,
    /** The key started {@code abuse.chatsPerClientPerHour} chats this hour. */
    LIMITED,
    /** A counsellor ended one of the key's chats as abusive. */
    BLOCKED;

    static ChatAdmission fromScript(String reply) {
        return switch (reply) {
            case "admitted" -> ADMITTED;
            case "limited" -> LIMITED;
            case "blocked" -> BLOCKED;
            default -> throw new IllegalStateException("admit_chat answered " + reply);
        };
    }
}
