package org.helpline.domain;

/** A conversation at the head of the queue, as the router sees it: no message text, no secret. */
public record WaitingConversation(String id, double score, Triage triage) {
}
