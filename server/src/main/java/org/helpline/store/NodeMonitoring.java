package org.helpline.store;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A monitoring as its node keeps it ({@link Keys#nodeMonitorings}): the chat, the monitoring's id, the supervisor
 * socket that holds it and the supervisor's account, so that another node can end it when that node is gone.
 */
public record NodeMonitoring(String conversationId, String monitoringId, String socket, String supervisorId) {
    private static final Pattern MEMBER = Pattern.compile("([^|]+)\\|([^|]+)\\|([^|]+)\\|(.+)");

    /** Its member of the node's set: {@code <conversation id>|<monitoring id>|<socket id>|<supervisor id>}. */
    public String member() {
        return conversationId + '|' + monitoringId + '|' + socket + '|' + supervisorId;
    }

    /** A member read from a node's set; empty when it is not one (written by another version). */
    static Optional<NodeMonitoring> parse(String member) {
        Matcher parts = MEMBER.matcher(member);
        return parts.matches() ? Optional.of(new NodeMonitoring(parts.group(1), parts.group(2), parts.group(3),
                parts.group(4))) : Optional.empty();
    }
}
