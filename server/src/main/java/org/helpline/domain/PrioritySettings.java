package org.helpline.domain;

import java.time.Duration;

/**
 * Priority classes as head starts. Waiting raises priority one minute per minute (aging), so a class is worth the
 * time it puts a conversation ahead: with a 120-minute head start, a person in danger now is served before anyone
 * who has waited less than two hours, and nobody starves.
 */
public record PrioritySettings(Duration dangerHeadStart, Duration childrenHeadStart) {
    public static PrioritySettings defaults() {
        return new PrioritySettings(Duration.ofMinutes(120), Duration.ofMinutes(20));
    }
}
