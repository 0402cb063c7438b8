package org.helpline.transport;

import java.time.Clock;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.metrics.EscalationMeters;
import org.helpline.store.ChatStartStore;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.VisitorStore;

/**
 * What every visitor socket of a node shares: the stores, the node's pub/sub and queue updates, the client keys, and
 * the frame handlers for opening, resuming, chatting and safety. Built once per node (the ceiling of chats started
 * a minute is the node's).
 */
public final class VisitorEndpoint {
    final HelplineConfig config;
    final FramesInHand inHand;
    final Clients clients;
    final ConversationStore conversations;
    final VisitorStore visitors;
    final EventChannels events;
    final QueueUpdates queueUpdates;
    final ConversationOpening opening;
    final ResumeFrames resumes;
    final ChatFrames chats;
    final SafetyFrames safety;
    final WaitingLines lines;
    final VisitorFrames frames;

    public VisitorEndpoint(HelplineConfig config, ChatStartStore starts, ConversationStore conversations,
                           VisitorStore visitors, EventChannels events, QueueUpdates queueUpdates,
                           HotlineDirectory directory, EscalationMeters endings, Clients clients, Clock clock) {
        this.config = config;
        this.inHand = new FramesInHand("Visitor frames", config.limits().framesHandledPerNode());
        this.clients = clients;
        this.conversations = conversations;
        this.visitors = visitors;
        this.events = events;
        this.queueUpdates = queueUpdates;
        this.frames = new VisitorFrames(config.associationsById());
        this.lines = queueUpdates.lines; // one for the start, the attach and the queue's ticks
        this.safety = new SafetyFrames(conversations, clients.store(), lines, directory, clock);
        this.opening = new ConversationOpening(starts, conversations, config.abuse(), safety::openLines);
        this.resumes = new ResumeFrames(conversations, visitors, config.visitor().resumeCodeFailuresPerMinute(),
                frames, config.visitor().holdAfterExit(), clock);
        this.chats = new ChatFrames(conversations, config.limits().maxTextChars(), endings);
    }

    /** Who a visitor's connection comes from (without the address), and what is counted per client key. */
    public record Clients(ClientKeys keys, ClientStore store) {
    }
}
