package org.helpline.domain;

/**
 * What a supervision entry of a chat's case record tells: a supervisor started or stopped monitoring it, whispered to
 * its counsellor or took it over; or its counsellor asked the supervisors for help.
 */
public enum SupervisionKind {
    MONITOR, MONITOR_END, WHISPER, TAKEOVER, HELP;

    public String wireName() {
        return WireNames.of(this);
    }
}
