package org.helpline;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.helpline.auth.CounsellorLogin;
import org.helpline.config.HelplineConfig;
import org.helpline.store.ConversationStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.EventChannels;
import org.helpline.store.QueueStore;
import org.helpline.store.RedisHealth;
import org.helpline.store.SessionStore;

/** What the verticles of one node share: configuration, stores, the node's pub/sub, login and the meter registry. */
public record HelplineServices(HelplineConfig config, RedisHealth redis,
                               ConversationStore conversations, CounsellorStore counsellors, QueueStore queue,
                               SessionStore sessions, EventChannels events, CounsellorLogin login,
                               PrometheusMeterRegistry registry) {
}
