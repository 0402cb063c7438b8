package org.helpline.store;

import java.util.List;

/**
 * What firing a node's deadline found: how many visitors its sockets held were set away, and the monitorings its
 * supervisor sockets still held, each to be ended ({@link SupervisionStore#endForGoneNode}); none of either while the
 * node still holds its lease, or when another node fired the deadline first.
 */
public record GoneNode(long visitorsAway, List<NodeMonitoring> monitorings) {
    static final GoneNode NONE = new GoneNode(0, List.of());
}
