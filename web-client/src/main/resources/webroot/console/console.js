'use strict';
// Loaded last: the console's socket (/ws/console), what each frame from the server does (one handler per frame type),
// what each error does, and the start of the page. The other console files only define what is used here.
(function () {
  const H = window.Helpline;
  const R = window.CaseRecord;
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);
  let heartbeat = null;

  // Requests whose answer will not come (a new socket, or a frame dropped unread).
  function giveUpTools(text) {
    C.searchesLost(text);
    R.settleAll(text);
    C.escalationsLost(text);
    C.helpLost(text);
  }

  function onError(f) {
    const code = f.code;
    // an escalate frame carries a clientId (so that pressed again it is the same escalation): its errors name it
    if (C.isEscalationRef(f)) f.ref = 'escalate';
    const ref = f.ref;
    if (code === 'session_expired') {
      C.sessionEnded();
      return;
    }
    if (ref === 'auth' || code === 'unauthenticated' && C.authenticated) {
      C.sock.restart();
      return;
    }
    if (code === 'unauthenticated') {
      // a frame sent while this socket's auth was being answered (its welcome comes next): not done; restarting the
      // socket now would only begin the auth again, and again, while her reconnect grace runs out
      C.unansweredAll();
      giveUpTools('Not done: the connection was still being set up. Please try again.');
      return;
    }
    if (ref === 'help') {
      C.helpRefused(f);
      return;
    }
    if (ref === 'directory' || ref === 'escalate' || ref === 'request_location') {
      C.toolRefused(f);
      return;
    }
    const recordOf = ['risk', 'note', 'outcome', 'end', 'block'].includes(ref) && C.convs.get(f.conversation);
    if (recordOf) {
      R.refused(recordOf.record, f);
      if (code === 'not_assigned' && ref !== 'outcome' && ref !== 'block') notHers(f);
      return;
    }
    if (code === 'rate_limited' || code === 'unavailable' || code === 'internal') {
      if (C.isPending(ref)) {
        C.unanswered(ref, f);
      } else if (!ref) {
        // A dropped frame (no ref): give the buttons back; the counsellor can press again.
        C.unansweredAll();
        giveUpTools('Maybe not done (too many requests at once). Please try again.');
      }
      if (ref !== 'typing' && ref !== 'ping') {
        // a request given back (its button is back) is not retried: she presses again; replies are retried
        C.notice(C.isPending(ref) ? 'not_done' : code);
        C.holdReplies();
        C.retrySoon();
      }
      return;
    }
    if (C.isPending(ref)) {
      C.unanswered(ref, f);
      if (code === 'pick_not_allowed') {
        C.showWaiting([]);
        C.canPick(false);
      }
      if (code === 'not_assigned') notHers(f);
      if (ref !== 'transfer') C.notice(code === 'not_waiting' ? C.notTaken(f.message) : code);
      return;
    }
    const c = C.chatOfUnsent(ref);
    if (c) {
      C.failed(c, ref);
      if (c.ended) return; // asked about after its chat ended or left her (C.resend): not stored, and nothing else
      if (code === 'conversation_ended') C.ended(c, 'Ended');
    }
    if (code === 'not_assigned' && ref !== 'typing') notHers(f);
    if (ref !== 'typing' && ref !== 'ping') C.notice(code);
    const panel = f.conversation && C.convs.get(f.conversation);
    if (panel && ref !== 'typing' && ref !== 'send') C.toolMessage(panel.toolStatus, C.words(code), true);
  }

  // not_assigned: the chat is no longer hers. Most often its end crossed her frame, and its ended frame comes (or
  // came) by itself: nothing to renew. Otherwise the console missed a change, and starts again from welcome; a restart
  // would also give up every request still waiting (an escalation's answer with it), so not for an ended chat.
  const notHersAbout = new Set(); // the chats of the not_assigned of the last 2 s ('' for one that named none)
  function notHers(f) {
    const first = !notHersAbout.size;
    notHersAbout.add(typeof f.conversation === 'string' ? f.conversation : '');
    if (!first) return;
    setTimeout(() => {
      const missed = [...notHersAbout].some((id) => {
        const c = id && C.convs.get(id);
        return !id || c && !c.ended;
      });
      notHersAbout.clear();
      if (missed) C.sock.restart();
    }, 2000);
  }

  function welcome(f) {
    C.authenticated = true;
    C.maxFrameBytes = Number.isInteger(f.maxFrameBytes) ? f.maxFrameBytes : H.MAX_FRAME_BYTES;
    C.sock.connected();
    C.warnBeforeEnd();
    R.configure(f);
    if (C.configureLabels(f.labels)) {
      for (const c of C.convs.values()) {
        C.render(c);
        C.fillTopics(c);
      }
    }
    $('connection-state').textContent = '';
    C.welcomed(f.counsellor);
    C.setStatus(f.status);
    C.configureAvailability(f);
    C.askTargets(true);
    C.canPick(f.canPick === true);
    C.offersStale();
    // Requests made on the old socket will never be answered.
    C.unansweredAll();
    giveUpTools('The connection was renewed before an answer came. Please try again (an escalation pressed again is '
      + 'not made twice).');
    // set away while her console was gone (the grace after a lost connection ran out): her chats went back to the queue
    if (f.awayBy === 'connection_lost') C.notice('connection_lost', 30000);
    const held = new Set(Array.isArray(f.conversations) ? f.conversations : []);
    for (const c of C.convs.values()) {
      // the server says next what became of it: released (back to the queue, or another's), ended while hers, erased
      if (!c.ended && !held.has(c.id)) C.awaitingWord(c);
      // her replies in a chat that ended or left her, whose answer the old socket did not bring: asked about again
      if (c.ended) C.resend(c);
    }
  }

  function assigned(f) {
    if (typeof f.conversation !== 'string') return;
    C.settle('accept', f.conversation);
    C.settle('pick', f.conversation);
    const pickedHere = C.pickedHere(f.conversation);
    const c = C.conversation(f.conversation);
    c.triage = f.triage || {};
    c.pageLanguage = typeof f.pageLanguage === 'string' ? f.pageLanguage : '';
    c.startedAt = f.startedAt;
    c.priority = f.priority;
    if (f.priority) c.section.setAttribute('data-priority', f.priority);
    c.followed = true;
    C.render(c);
    R.assigned(c.record, f);
    C.showKnown(c, f);
    C.showSupervision(c, f.supervision);
    if (f.status === 'ended') {
      C.ended(c, 'Ended');
    } else {
      if (c.ended || c.awaiting) C.reopen(c); // hers again (or still), its reply box usable
      C.resend(c);
      C.sendHeld(c); // what she pressed on it before this socket was told the chat (chat-card.js)
    }
    C.removeOffer(f.conversation); // an accepted offer: its card goes, focus moves to the chat
    if (pickedHere && !c.ended) C.focusReply(c);
  }

  function ended(f) {
    const c = C.convs.get(f.conversation);
    if (!c) return;
    const endsNow = !c.ended; // not an end told again (erased after a reconnect): no second wrap-up
    if (f.erased) C.forgetMessages(c); // nothing of it to ask about: its client ids are erased too
    if (!c.movedAway) { // a card kept for her unsent replies is not hers to record an outcome for
      C.ended(c, f.by === 'visitor' ? 'Ended by the visitor'
        : f.by === 'timeout' ? 'Ended: the visitor was away too long' : 'Ended by you');
    }
    C.visitorEnded(c, f);
    if (endsNow && f.wrapUp !== false) C.chatEnded(); // none after a start its visitor never got (protocol.md)
  }

  // What the case record answers (risk, note, outcome_recorded) goes to its chat's record.
  function toRecord(show) {
    return (f) => {
      const c = C.convs.get(f.conversation);
      if (c) show(c.record, f);
    };
  }

  // What each frame type does (protocol.md, console WebSocket).
  const FRAMES = {
    welcome,
    status(f) {
      C.statusRecorded(f);
      if (f.reason === 'missed_offers' || f.reason === 'connection_lost') C.notice(f.reason, 30000);
      // its lease lapsed: the chats it shows may have gone back to the queue; a new socket's welcome says which
      if (f.reason === 'connection_lost') C.sock.restart();
    },
    offer: C.showOffer,
    offer_withdrawn: C.offerWithdrawn,
    waiting(f) {
      if (C.isPicking()) C.showWaiting(f.conversations, f.freePlaces);
    },
    released: C.released,
    assigned,
    message: C.onMessage,
    ack: C.onAck,
    typing: C.visitorTyping,
    ended,
    visitor_presence: C.visitorPresence,
    danger: C.visitorInDanger,
    error: onError,
    directory: C.showDirectory,
    escalation: C.showEscalation,
    transfer_targets: C.showTransferTargets,
    location_request: C.locationAsked,
    location_shared: C.showLocation,
    risk: toRecord(R.risk),
    note: toRecord(R.note),
    outcome_recorded: toRecord(R.recorded),
    block_result: toRecord(R.blockResult),
    supervision: C.onSupervision,
    help_requested: C.helpRequested,
  };

  // A console silent for 60 s is closed by the server (4002): ping every 15 s, and a reconnect follows such a close.
  // Tries again at least every 4 s: a node restarting, or her network back, finds her console again within the
  // reconnect grace (20 s by default, routing.yaml), before she is set away and her chats go back to the queue.
  const RETRY_AT_MOST = 4000;
  C.sock = H.ReconnectingSocket('/ws/console', {
    open() {
      C.authenticated = false;
      const resume = {};
      const shownEnded = []; // still on screen: wiped if the visitor deleted it while this page could not hear it
      C.unfollowAll();
      for (const c of C.convs.values()) {
        if (!c.ended) resume[c.id] = c.lastSeq;
        else if (!c.erased) shownEnded.push(c.id);
      }
      $('connection-state').textContent = 'Connected';
      C.sock.send({ type: 'auth', token: C.session.token, resume, ended: shownEnded });
    },
    frame: H.frameTable(FRAMES),
    reconnect: (code) => code !== 4001,
    close(code) {
      C.authenticated = false;
      C.unfollowAll();
      if (code === 4001) C.sessionEnded();
      else $('connection-state').textContent = 'Connection lost, reconnecting…';
    },
  }, 15000, RETRY_AT_MOST);

  // Logged in: the workspace, and the socket.
  C.open = () => {
    C.showWorkspace();
    $('connection-state').textContent = 'Connecting…';
    if (!heartbeat && window.Worker) {
      try {
        heartbeat = new Worker('/console/heartbeat.js');
        heartbeat.onmessage = () => C.sock.beat();
      } catch (e) {
        heartbeat = null; // the page's own timer still pings
      }
    }
    C.sock.start();
  };
  C.onSessionEnd(() => {
    if (heartbeat) heartbeat.terminate();
    heartbeat = null;
  });

  if (C.session) C.open();
  else C.showLogin('');
})();
