'use strict';
// Loaded last: the visitor's socket (/ws/visitor), what each frame from the server does (one handler per frame type),
// what each error does, and the start of the page. The other visitor files only define what is used here.
(function () {
  const H = window.Helpline;
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);

  // Shown again by Back or Forward after the page was left (LEFT, written as a page holding a chat goes: a reload, a
  // navigation; not a phone dropping the tab in the background, which runs nothing, and whose restore the browser may
  // also call back_forward). No link on this page leaves it in the same tab and comes back (the lines' websites open
  // in a new tab, the numbers are tel: and sms:, the skip links add no history entry): it is the Quick exit link
  // followed before quick-exit.js had run (through /exit, which leaves this page in the history), and whoever presses
  // Back now may be the person she left for. The chat is forgotten, never shown; she continues with her resume code.
  const LEFT = 'helpline.left';
  // Shown again from the history: this page, or in the widget's frame the partner's page (widget.js says so: a frame
  // it makes is always a new navigation)
  function shownByHistory() {
    if (window.parent !== window && new URLSearchParams(location.search).get('shown') === 'history') return true;
    try {
      const entry = performance.getEntriesByType('navigation')[0];
      return !!entry && entry.type === 'back_forward';
    } catch (e) {
      return false;
    }
  }

  function forgetStored() {
    try {
      sessionStorage.clear();
    } catch (e) { /* nothing kept anyway */ }
  }

  // quick-exit.js never arrived (its link still leaves, through /exit), so the files after it could not run and the
  // page shows nothing; but what an earlier load of this tab stored must not outlive a Back either. The browser may
  // show this page again from its back/forward cache, as it was: then a new load, which may get the scripts this time.
  if (!V || !V.chat) {
    if (shownByHistory()) forgetStored();
    window.addEventListener('pageshow', (e) => {
      if (!e.persisted) return;
      forgetStored();
      location.reload();
    });
    return;
  }
  const chat = V.chat;

  // rate_limited errors carry no ref: the oldest message not yet acknowledged is sent again (the server stores each
  // once), the others after it in turn, and what else is still asked, after a wait that grows while the refusals go on
  // (H.Retry).
  const retry = H.Retry(() => {
    if (!V.sock.isOpen()) return;
    if (chat.attached) {
      V.sendQueued();
      V.sendDanger();
      V.sendEnd();
      if (chat.forgetRequested) V.sock.send({ type: 'forget' });
    } else if (chat.pendingStart) {
      V.sock.send({ type: 'start', triage: chat.pendingStart, pageLanguage: V.language() });
    } else if (chat.pendingCode) {
      V.sock.send({ type: 'resume', code: chat.pendingCode });
    } else if (chat.conv || chat.endedConv) {
      V.sock.restart();
    }
  });
  // a resume by code answered unavailable or internal is sent again this many times, then given up
  const CODE_RETRIES = 3;
  let codeRetries = 0;

  function onError(f) {
    const code = f.code;
    const ref = f.ref;
    // sent before the server closes a socket it heard nothing from (a locked screen): the close that follows says
    // "Connection lost. Trying again…" and the page reconnects by itself; nothing went wrong that she could redo
    if (code === 'heartbeat_missed') return;
    // a frame too large to be read names nothing: on this page only her message can be one (her text)
    if (code === 'too_large' && !ref && V.inFlight()) {
      V.failed(V.inFlight(), code);
      return;
    }
    if (ref === 'share_location' && code !== 'conversation_ended') {
      V.locStatus(V.sock.isOpen() ? 'locFailed' : 'locOffline');
      return;
    }
    if (ref === 'took_alternative' || ref === 'danger' && code !== 'conversation_ended' && !chat.dangerPending) return;
    if (ref === 'resume' && chat.pendingCode) {
      if ((code === 'unavailable' || code === 'internal') && ++codeRetries <= CODE_RETRIES) {
        V.notice(code);
        retry.soon();
        return;
      }
      codeRetries = 0;
      V.codeRefused(code);
      return;
    }
    if (code === 'rate_limited' || code === 'unavailable' || code === 'internal') {
      if (ref !== 'typing' && ref !== 'ping') {
        V.notice(code);
        V.holdQueued();
        retry.soon();
      }
    } else if (ref && V.isUnsent(ref)) {
      if (code === 'not_started') {
        V.sock.restart();
      } else if (code === 'conversation_ended') {
        V.failed(ref, null);
        endedUntold();
      } else {
        V.failed(ref, code);
      }
    } else if (ref === 'start') {
      if (code === 'already_started') {
        if (!chat.attached) V.sock.restart();
      } else {
        chat.pendingStart = null;
        V.failUnsent(); // typed while the start was on its way: back to the reply box
        V.showForm();
        // a chat that cannot start is said in the status line too, which stays (the notice goes after 12 s), and
        // beside Start; the lines open now come into view
        V.setStatus(code === 'chat_unavailable' ? code : 'ready');
        V.notice(code, code === 'chat_unavailable'); // shown with the lines, read out once: by the status line
        if (code === 'chat_unavailable') V.showRefused();
      }
    } else if (ref === 'resume') {
      if (code === 'not_found' || code === 'invalid') {
        chat.endedConv = null;
        if (chat.ended) { // the ended chat is gone from the server already (expired, or deleted from another tab)
          V.failUnsent(); // nothing left to ask about them
          if (chat.forgetRequested) V.erasedNow();
          else $('forget').hidden = true;
          return;
        }
        if (chat.forgetRequested) { // deleted, and the answer lost with the connection: what she asked happened
          V.erasedNow();
          return;
        }
        V.clearChat();
        V.setStatus('ready');
        V.showForm();
        V.notice('not_found');
      } else if (code !== 'already_started') {
        V.sock.restart();
      }
    } else if (code === 'conversation_ended') {
      endedUntold();
    } else if (code === 'not_started') {
      if (chat.conv) V.sock.restart();
    } else if (ref !== 'typing' && ref !== 'ping' && (ref || V.hasWord(code) || code === 'too_large')) {
      // a code this page has no words for, about no frame of hers (no ref), is nothing she did: not hers to retry
      V.notice(code);
    }
  }

  // The server says the chat has ended: shown as ended, unless its end was told already (by whom, and what is kept).
  function endedUntold() {
    if (!chat.ended) V.endedNow(null);
  }

  // What each frame type does (protocol.md, visitor WebSocket).
  const FRAMES = {
    started(f) {
      retry.done();
      codeRetries = 0; // a code she gave up on before this chat leaves the next one all its tries
      chat.startedInDanger = !!(chat.pendingStart && chat.pendingStart.inDanger);
      chat.dangerNotAlerted = chat.startedInDanger && f.alerted === false; // no alert, no priority: she is told
      chat.pendingStart = null;
      chat.conv = { conversation: f.conversation, resumeSecret: f.resumeSecret, lastSeq: 0, code: f.resumeCode || '' };
      V.save();
      V.attachedNow();
      V.waiting();
      V.chatOnTop();
    },
    resumed(f) {
      retry.done();
      codeRetries = 0;
      // the history that follows was on her screen before (this tab before a reload, or where her code comes from)
      if (typeof f.lastSeq === 'number') {
        V.replaying(f.lastSeq, chat.pendingCode ? f.lastSeq : chat.conv ? chat.conv.lastSeq : 0);
      }
      if (chat.ended) { // attached again after the end, only so that the visitor can still delete it
        chat.attached = true;
        V.sock.connected();
        V.connection(false);
        $('forget').hidden = false;
        if (chat.forgetRequested) V.sock.send({ type: 'forget' });
        else V.sendQueued(); // messages whose answer a dropped connection lost: stored, or not (conversation_ended)
        return;
      }
      V.codeAccepted(f);
      // her open chat resumed by its secret (after a reload): the code, which no storage keeps, comes back to be shown
      if (chat.conv && typeof f.resumeCode === 'string') chat.conv.code = f.resumeCode;
      if (f.status === 'ended') chat.dangerPending = false; // an alert is not sent after the end
      V.attachedNow();
      if (f.status === 'ended') V.endedNow(f.endedBy); // ended while she was away: by whom (the hold, often)
      else if (f.status === 'active') V.assigned(f.counsellor, chat.endRequested ? 'ending' : undefined);
      else if (!chat.endRequested) V.waiting(V.statusKey() === 'requeued' ? 'requeued' : null);
    },
    assigned(f) {
      V.assigned(f.counsellor, chat.endRequested ? 'ending' : undefined);
    },
    transferred(f) {
      if (!chat.ended) V.assigned(f.counsellor, chat.endRequested ? 'ending' : 'transferred');
    },
    requeued() {
      if (chat.ended) return;
      V.setCounsellorName('');
      V.typingOff();
      V.setQueue(null);
      V.waiting(chat.endRequested ? 'ending' : 'requeued');
    },
    queue(f) {
      if (chat.waitingNow && typeof f.position === 'number') V.setQueue(f);
    },
    message: V.onMessage,
    ack(f) {
      V.onAck(f);
      if (!V.anyUnsent()) retry.done();
    },
    typing(f) {
      if (f.from === 'counsellor') V.typingOn();
    },
    ended(f) {
      if (f.erased) V.erasedNow();
      else V.endedNow(f.by);
    },
    replaced() {
      V.reset('replaced');
    },
    error: onError,
    danger: V.dangerSent,
    alternatives: V.onAlternatives,
    location_request: V.locationRequested,
    location_shared: V.locationShared,
  };

  V.sock = H.ReconnectingSocket('/ws/visitor', {
    open() {
      chat.attached = false;
      V.connection(false); // connected again, whatever the server answers next
      if (chat.conv) {
        V.sock.send({ type: 'resume', conversation: chat.conv.conversation, resumeSecret: chat.conv.resumeSecret,
          afterSeq: V.afterSeq() });
      } else if (chat.pendingCode) {
        V.sock.send({ type: 'resume', code: chat.pendingCode });
      } else if (chat.pendingStart) {
        V.sock.send({ type: 'start', triage: chat.pendingStart, pageLanguage: V.language() });
      } else if (chat.ended && chat.endedConv) {
        V.sock.send({ type: 'resume', conversation: chat.endedConv.conversation,
          resumeSecret: chat.endedConv.resumeSecret, afterSeq: V.afterSeq() });
      } else if (!chat.ended && V.statusKey() !== 'replaced' && V.statusKey() !== 'chat_unavailable') {
        V.setStatus('ready');
      }
    },
    frame: H.frameTable(FRAMES),
    reconnect: (code) => code !== 4003,
    close() {
      chat.attached = false;
      V.locationLost();
      if (!chat.ended) V.connection(true);
      // after the end the secret is kept in memory only, to attach again and delete; without it nothing can
      if (chat.ended && !chat.endedConv) $('forget').hidden = true;
    },
  });

  function forgetTheChat() {
    forgetStored();
    V.clearChat();
    V.showCodeAgain(); // its code off the page too
    $('resume-form').reset();
  }

  // The same page restored whole from the back/forward cache: its socket closed, its chat off the screen.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && (chat.conv || chat.endedConv || chat.attached || chat.pendingCode || !$('chat').hidden)) {
      forgetTheChat();
      V.reset('connecting');
    }
  });

  const asked = new URLSearchParams(location.search).get('lang');
  // the browser's first preferred language the page has (French or English)
  const preferred = (navigator.languages || [navigator.language || '']).find((l) => /^(fr|en)\b/i.test(l)) || '';
  if (asked === 'fr' || !asked && /^fr\b/i.test(preferred)) V.useLanguage('fr');
  let left = false;
  try {
    left = sessionStorage.getItem(LEFT) === '1';
    sessionStorage.removeItem(LEFT);
  } catch (e) { /* no storage: nothing stored to forget */ }
  window.addEventListener('pagehide', () => {
    try {
      if (chat.conv) sessionStorage.setItem(LEFT, '1');
    } catch (e) { /* nothing stored */ }
  });
  if (chat.conv && left && shownByHistory()) forgetTheChat();
  if (chat.conv) {
    V.showChat();
    V.setStatus('resuming');
  } else {
    V.showForm();
  }
  V.sock.start();
})();
