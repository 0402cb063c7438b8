package org.helpline.domain;

/**
 * A reason a counsellor may give for being away (a break, training, a supervision session...), from
 * {@code config/console.yaml}; supervisors see it next to the counsellor.
 *
 * @param id    the id sent in the console's {@code status} frame
 * @param label what the console and the supervisor page show
 */
public record CounsellorAwayReason(String id, String label) {
}
