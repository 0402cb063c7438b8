package org.helpline.domain;

/** A ready-made reply a counsellor can insert, then edit, before sending: a short title and the text. */
public record CannedReply(String id, String title, String text) {
}
