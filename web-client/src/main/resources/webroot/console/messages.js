'use strict';
// The messages of each chat: shown once each, in seq order, the counsellor's own marked sending / sent / not sent. A
// message is kept in its chat's outbox until the server has it, sent when the one before it was answered (so that
// they are stored in the order typed: H.Outbox), and sent again after a reconnect (the server stores each clientId
// once). One not acknowledged when its chat ended or left her is sent again too, only to ask: the
// server stores nothing then, and answers the ack it had (sent after all: its ack was lost with a connection) or
// not_assigned (not sent). Also "the visitor is typing" and the counsellor's own typing signal.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const refs = new Map(); // clientId -> conversation id (messages not yet acknowledged)
  // rate_limited errors carry no ref: each chat's oldest message not yet acknowledged is sent again (the server stores
  // each once), the others after it in turn, after a wait that grows while the refusals go on (H.Retry).
  const retry = H.Retry(() => {
    for (const c of C.convs.values()) resend(c);
  });

  // A message is no longer waiting for its ack (acknowledged, shown, failed or forgotten).
  function settle(clientId) {
    refs.delete(clientId);
    if (!refs.size) retry.done();
  }

  // name: the display name of the counsellor who wrote it (protocol.md), said for another counsellor's message (after
  // a transfer or a takeover), "Counsellor" when the message has none.
  function item(from, text, mine, name) {
    const counsellor = from === 'counsellor';
    const li = H.el('li', 'message from-' + (counsellor ? 'counsellor' : 'visitor') + (counsellor && !mine ? ' other' : ''));
    const other = typeof name === 'string' && name ? name : 'Counsellor';
    li.append(H.el('span', 'who', counsellor ? (mine ? 'You' : other) : 'Visitor'), H.el('p', 'text', text),
      H.el('span', 'meta'));
    return li;
  }

  function delivered(c, li, seq, at) {
    li.setAttribute('data-seq', String(seq));
    li.classList.remove('pending');
    // marked not sent as it crossed the end of its chat, stored after all: its text is no longer hers to send again
    if (li.classList.replace('failed', 'delivered') && c.text.value === li.querySelector('.text').textContent) {
      c.text.value = '';
    }
    li.classList.add('delivered');
    li.querySelector('.meta').textContent = at ? H.timeOf(at) : 'Sent';
    c.shown.add(seq);
    H.place(c.list, li);
  }

  function onMessage(f) {
    const c = C.convs.get(f.conversation);
    if (!c || typeof f.seq !== 'number') return;
    if (f.seq > c.lastSeq) c.lastSeq = f.seq;
    const own = f.from === 'counsellor' && f.clientId ? c.byClient.get(f.clientId) : null;
    if (own) {
      settle(f.clientId);
      c.outbox.settle(f.clientId);
      if (own.getAttribute('data-seq') !== String(f.seq)) delivered(c, own, f.seq, f.at);
      else own.querySelector('.meta').textContent = H.timeOf(f.at);
      C.leftChecked(c);
      return;
    }
    if (c.shown.has(f.seq)) return;
    const li = item(f.from, f.text, f.from === 'counsellor' && C.isOwn(f.clientId), f.name);
    if (f.from === 'counsellor' && f.clientId) c.byClient.set(f.clientId, li);
    delivered(c, li, f.seq, f.at);
    if (f.from === 'visitor') {
      c.typing.hidden = true;
      if (!C.watching(c)) C.unread(c);
    }
  }

  function onAck(f) {
    const c = C.convs.get(f.conversation || refs.get(f.clientId));
    settle(f.clientId);
    if (!c) return;
    c.outbox.settle(f.clientId);
    const li = c.byClient.get(f.clientId);
    if (li && !li.hasAttribute('data-seq') && typeof f.seq === 'number') delivered(c, li, f.seq, null);
    C.leftChecked(c);
  }

  function failed(c, clientId) {
    settle(clientId);
    c.outbox.settle(clientId);
    const li = c.byClient.get(clientId);
    if (li && li.classList.contains('pending')) {
      li.classList.remove('pending');
      li.classList.add('failed');
      li.querySelector('.meta').textContent = 'Not sent';
      // back in her box, for her to send again; or, in a chat that left her, to give to whoever holds it now
      if (!c.text.value && (!c.ended || c.movedAway)) c.text.value = li.querySelector('.text').textContent;
    }
    C.leftChecked(c);
  }

  // Whether her message's frame fits the largest the server takes (its welcome says).
  function fits(c, clientId, text) {
    return H.fits({ type: 'send', conversation: c.id, clientId, text }, C.maxFrameBytes || H.MAX_FRAME_BYTES);
  }

  // Sends one of her messages (c.outbox, one at a time: H.Outbox) in a chat this socket follows; in one that ended or
  // left her, to ask what became of it, once the socket is authenticated (welcome). One too large for the server (a
  // reply given back after a session end, on a node that takes less) is not sent: "Not sent", back in her box, and the
  // next one goes (the server's too_large names no frame: the page would wait for an answer that never comes).
  function transmit(c, clientId, text) {
    if (C.convs.get(c.id) !== c || !(c.followed || c.ended && C.authenticated)) return false;
    if (!fits(c, clientId, text)) {
      queueMicrotask(() => {
        failed(c, clientId);
        C.notice('too_large');
      });
      return true;
    }
    return C.sock.send({ type: 'send', conversation: c.id, clientId, text });
  }

  // Sends the chat's oldest message not yet acknowledged (again), the others after it in turn (asks about each, in a
  // chat that ended or left her).
  function resend(c) {
    c.outbox.resend();
  }

  function compose(c) {
    const text = c.text.value;
    if (!text.trim() || c.ended) return;
    const clientId = H.newClientId('c-' + C.session.tag);
    if (!fits(c, clientId, text)) {
      C.notice('too_large'); // stays in her box
      return;
    }
    c.text.value = '';
    pending(c, clientId, text);
    c.text.focus();
  }

  // A message of hers shown as sending and kept in the chat's outbox until the server has it (sent in its turn).
  function pending(c, clientId, text) {
    const li = item('counsellor', text, true);
    li.classList.add('pending');
    li.setAttribute('data-client-id', clientId);
    li.querySelector('.meta').textContent = 'Sending…';
    c.byClient.set(clientId, li);
    refs.set(clientId, c.id);
    H.place(c.list, li);
    c.outbox.add(clientId, text);
  }

  // Her messages not acknowledged when her session ended, given back to the chat after her next login (chat-card.js):
  // sent again in their turn once the chat is followed, each stored once (their clientIds are the same).
  function keepUnsent(c, outbox) {
    for (const [clientId, text] of outbox) {
      if (!c.byClient.has(clientId)) pending(c, clientId, text);
    }
  }

  // The counsellor types in the reply box: the visitor is told at most every 3 s.
  function typed(c) {
    const now = Date.now();
    if (c.followed && !c.ended && c.text.value.trim() && now - c.lastTypingSent >= 3000) {
      c.lastTypingSent = now;
      C.sock.send({ type: 'typing', conversation: c.id });
    }
  }

  function visitorTyping(f) {
    const c = C.convs.get(f.conversation);
    if (c && f.from === 'visitor' && !c.ended) {
      c.typing.hidden = false;
      clearTimeout(c.typingTimer);
      c.typingTimer = setTimeout(() => { c.typing.hidden = true; }, 4000);
    }
  }

  // The chat a message not yet acknowledged belongs to, or null.
  function chatOfUnsent(clientId) {
    return clientId && refs.has(clientId) ? C.convs.get(refs.get(clientId)) : null;
  }

  C.onSessionEnd(() => refs.clear());

  Object.assign(C, {
    onMessage,
    onAck,
    failed,
    resend,
    transmit,
    compose,
    keepUnsent,
    typed,
    visitorTyping,
    retrySoon: retry.soon,
    /** A refusal for now: each chat's reply in flight is sent again after the retry's wait. */
    holdReplies: () => {
      for (const c of C.convs.values()) c.outbox.hold();
    },
    chatOfUnsent,
    /** The chat leaves the screen, or its visitor erased it: its unsent messages are no longer followed. */
    forgetMessages: (c) => c.outbox.clear().forEach(settle),
  });
})();
