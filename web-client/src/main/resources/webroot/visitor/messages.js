'use strict';
// The conversation on screen: the messages (each shown once, in seq order, the visitor's own marked sending / sent /
// not sent), the reply box, and "the counsellor is typing". A message is kept in the outbox until the server has it,
// sent when the one before it was answered (so that they are stored in the order typed: H.Outbox), and sent again
// after a reconnect (the server stores each clientId once), also after the end: the server then stores nothing, and
// answers the ack it had (its ack lost with a connection) or conversation_ended (not sent).
(function () {
  const H = window.Helpline;
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  const list = $('messages');
  const text = $('text');
  // clientId -> text, until acknowledged; one in flight at a time (H.Outbox)
  const outbox = H.Outbox((clientId, body) => V.chat.attached && V.sock.send({ type: 'send', clientId, text: body }),
    () => V.sendEnd());
  const byClient = new Map(); // clientId -> li
  let maxFrameBytes = H.MAX_FRAME_BYTES;
  V.onSettings((v) => {
    if (Number.isInteger(v.maxFrameBytes)) maxFrameBytes = v.maxFrameBytes;
  });
  const shown = new Set(); // seqs on screen
  // Highest seq this page has received. A freshly loaded page has nothing on screen, so it resumes from 0 and shows
  // the whole conversation again; reconnects within the page resume after it (sessionStorage keeps lastSeq too).
  let pageSeq = 0;
  let counsellorName = '';
  // The list is a polite live region: each message is read once, as it comes. What the page shows again (a reload, a
  // resume, the words redrawn in another language) is put in while the list is quiet (aria-busy, and not live), so
  // that the whole conversation is not read aloud in the room; quietUntil: the last seq of the history shown again.
  let quietUntil = 0;
  let quietTimer = 0;
  let lastTypingSent = 0;
  let typingTimer = 0;

  // A text of the page's words on a message (redrawn when the language changes), or its time, or a name (kept as is).
  function say(node, key) {
    node.textContent = V.t(key);
    node.setAttribute('data-word', key);
  }
  function show(node, words) {
    node.textContent = words;
    node.removeAttribute('data-word');
  }

  // name: who wrote a counsellor's message (after a transfer, the one before may have); else the counsellor shown now
  function item(from, body, name) {
    const li = H.el('li', 'message from-' + (from === 'visitor' ? 'visitor' : 'counsellor'));
    const who = H.el('span', 'who');
    const writer = typeof name === 'string' && name ? name : counsellorName;
    if (from !== 'visitor' && writer) show(who, writer);
    else say(who, from === 'visitor' ? 'you' : 'counsellor');
    // sending, sent, its time: seen, not read out (each change would be read again); "not sent" is said (unsent)
    const state = H.el('span', 'meta');
    state.setAttribute('aria-hidden', 'true');
    li.append(who, H.el('p', 'text', body), state);
    return li;
  }

  function meta(li, at, key) {
    if (at) show(li.querySelector('.meta'), H.timeOf(at));
    else say(li.querySelector('.meta'), key);
    unsent(li, key === 'notSent');
  }

  // "Not sent" for screen readers: added once when a message fails (read out then), gone once it is stored after all.
  function unsent(li, notSent) {
    const said = li.querySelector('.unsent');
    if (notSent && !said) {
      const words = H.el('span', 'unsent visually-hidden');
      say(words, 'notSent');
      li.append(words);
    } else if (!notSent && said) {
      said.remove();
    }
  }

  function loud() {
    clearTimeout(quietTimer);
    quietTimer = 0;
    quietUntil = 0;
    list.removeAttribute('aria-busy');
    list.setAttribute('aria-live', 'polite');
  }

  // Quiet now, and live again a moment after the last change (a later task: screen readers take the live state as it
  // is when they are told of the change, once the page has drawn it).
  function quiet() {
    clearTimeout(quietTimer);
    quietTimer = 0;
    list.setAttribute('aria-busy', 'true');
    list.setAttribute('aria-live', 'off');
  }
  function loudSoon() {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(loud, 300);
  }

  // The server answered a resume: the messages up to lastSeq that come next were on her screen already (before a
  // reload, or in the browser she continues from, by code): shown, not read aloud. A reconnect within the page asks
  // only for what came since it saw (afterSeq), which is new to her and read as it comes.
  function replaying(lastSeq, seenBefore) {
    const upTo = pageSeq > 0 ? 0 : Math.min(lastSeq, seenBefore);
    if (!(upTo > 0)) return;
    quiet();
    quietUntil = upTo;
    quietTimer = setTimeout(loud, 10000); // history that never comes (deleted meanwhile): live again all the same
  }

  // She is at the chat (writing, or the reply box in view): a new message, which lengthens the list above it, must
  // not push the reply box below the screen. The list shows its newest message at its bottom, just above the box.
  function atTheChat() {
    if ($('chat').hidden || $('location-consent').contains(document.activeElement)) return false;
    if (document.activeElement === text) return true;
    const box = text.getBoundingClientRect();
    const { top, bottom } = V.visibleBand();
    return box.height > 0 && box.bottom > top && box.top < bottom;
  }

  function keepAtTheChat() {
    const composer = $('composer');
    const box = composer.getBoundingClientRect();
    const { top, bottom } = V.visibleBand();
    if (box.bottom > bottom || box.top < top) composer.scrollIntoView({ block: 'nearest' });
  }

  function put(li) {
    const at = atTheChat();
    H.place(list, li);
    if (at) keepAtTheChat();
  }

  function delivered(li, seq, at) {
    li.setAttribute('data-seq', String(seq));
    li.classList.remove('pending');
    // marked not sent as it crossed the end, stored after all: its text is no longer hers to send again
    if (li.classList.replace('failed', 'delivered') && text.value === li.querySelector('.text').textContent) {
      text.value = '';
    }
    li.classList.add('delivered');
    meta(li, at, 'sent');
    shown.add(seq);
    put(li);
  }

  function onMessage(f) {
    const chat = V.chat;
    if (typeof f.seq !== 'number' || chat.forgetRequested) return;
    if (f.seq > pageSeq) pageSeq = f.seq;
    if (chat.conv && f.seq > chat.conv.lastSeq) {
      chat.conv.lastSeq = f.seq;
      V.save();
    }
    const own = f.from === 'visitor' && f.clientId ? byClient.get(f.clientId) : null;
    if (own) {
      outbox.settle(f.clientId);
      if (own.getAttribute('data-seq') !== String(f.seq)) delivered(own, f.seq, f.at);
      else meta(own, f.at, 'sent');
      return;
    }
    if (shown.has(f.seq)) return;
    if (quietUntil && f.seq > quietUntil) loud(); // new to her (the history shown again ended before it)
    const li = item(f.from, f.text, f.name);
    if (f.from === 'visitor' && f.clientId) byClient.set(f.clientId, li);
    delivered(li, f.seq, f.at);
    if (f.from === 'counsellor') typingOff();
    if (quietUntil && f.seq >= quietUntil) {
      quietUntil = 0;
      loudSoon();
    }
  }

  function onAck(f) {
    outbox.settle(f.clientId);
    const li = byClient.get(f.clientId);
    if (li && !li.hasAttribute('data-seq') && typeof f.seq === 'number') delivered(li, f.seq, null);
  }

  // A message the server refused (code) or that can no longer be sent (no code): its text goes back to the reply box.
  function failed(clientId, code) {
    outbox.settle(clientId);
    const li = byClient.get(clientId);
    if (li && li.classList.contains('pending')) {
      li.classList.remove('pending');
      li.classList.add('failed');
      meta(li, 0, 'notSent');
      if (!text.value) text.value = li.querySelector('.text').textContent;
    }
    if (code) V.notice(code);
  }

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = text.value;
    // typed while the start is on its way: kept as "sending" and sent once the chat is attached (attachedNow)
    const starting = V.chat.pendingStart || V.chat.pendingCode;
    if (!body.trim() || V.chat.ended || !V.chat.conv && !V.chat.attached && !starting) return;
    const clientId = H.newClientId('v');
    if (!H.fits({ type: 'send', clientId, text: body }, maxFrameBytes)) { // stays in her box
      V.notice('too_large');
      return;
    }
    const li = item('visitor', body);
    li.classList.add('pending');
    li.setAttribute('data-client-id', clientId);
    meta(li, 0, 'sending');
    byClient.set(clientId, li);
    put(li);
    text.value = '';
    outbox.add(clientId, body);
    text.focus();
  });

  const coarse = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !coarse) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  text.addEventListener('input', () => {
    const now = Date.now();
    if (V.chat.attached && !V.chat.ended && text.value.trim() && now - lastTypingSent >= 3000) {
      lastTypingSent = now;
      V.sock.send({ type: 'typing' });
    }
  });

  function typingOn() {
    $('typing').hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(typingOff, 4000);
  }

  function typingOff() {
    clearTimeout(typingTimer);
    $('typing').hidden = true;
  }

  function clearMessages() {
    list.textContent = '';
    shown.clear();
    byClient.clear();
    outbox.clear();
    pageSeq = 0;
    loud();
    text.value = '';
  }

  // the same messages in the other language: redrawn, not read out again
  V.onLanguage(() => {
    const words = list.querySelectorAll('[data-word]');
    if (!words.length) return;
    if (!quietUntil) quiet();
    words.forEach((node) => { node.textContent = V.t(node.getAttribute('data-word')); });
    if (!quietUntil) loudSoon();
  });

  Object.assign(V, {
    onMessage,
    onAck,
    replaying,
    failed,
    /** Sends the oldest message not yet acknowledged (again), the others after it in turn. */
    sendQueued: outbox.resend,
    /** A refusal for now: her message in flight is sent again after H.Retry's wait. */
    holdQueued: outbox.hold,
    /** Marks every message not yet acknowledged as not sent (the conversation ended). */
    failUnsent: () => outbox.clear().forEach((clientId) => failed(clientId, null)),
    isUnsent: (clientId) => outbox.has(clientId),
    /** Her message sent and waiting for its answer, or null. */
    inFlight: outbox.inFlight,
    anyUnsent: () => outbox.size > 0,
    typingOn,
    typingOff,
    clearMessages,
    setCounsellorName: (name) => { counsellorName = name; },
    afterSeq: () => pageSeq,
  });
})();
