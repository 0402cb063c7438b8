package org.helpline.domain;

/** One tag a counsellor can give a chat when it ends, e.g. {@code referral-police}, with its English label. */
public record OutcomeTag(String id, String label) {
}
