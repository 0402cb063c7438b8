'use strict';
// One card per held chat, side by side, each scrolling on its own, and its item in the list on the left. A card holds,
// top to bottom: the triage, the safety tools, supervision, the private notes, the messages, the reply box, "End
// chat…", the risk checklist, the hotline directory and transfer; the other files make those parts (case-record.js,
// safety.js, supervision.js, directory.js, transfer.js). Also the small form helpers those parts share.
(function () {
  const H = window.Helpline;
  const R = window.CaseRecord;
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);
  const convs = new Map(); // conversation id -> chat state
  let counter = 0;

  // ---- Form parts, with ids unique to the chat
  function field(c, tag, cls, labelText, type) {
    const input = H.el(tag, cls);
    if (type) input.type = type;
    input.id = cls.split(' ')[0] + '-' + c.n;
    const lab = H.el('label', null, labelText);
    lab.htmlFor = input.id;
    return [lab, input];
  }

  function checkRow(c, cls, text) {
    const row = H.el('div', 'check');
    const [lab, input] = field(c, 'input', cls, text, 'checkbox');
    row.append(input, lab);
    return [row, input];
  }

  // A status line of a tool: text shown, or hidden when empty.
  function toolMessage(node, text, error) {
    node.textContent = text || '';
    node.classList.toggle('error', !!error);
    node.hidden = !text;
  }

  function render(c) {
    const danger = !!(c.triage && c.triage.inDanger);
    c.section.classList.toggle('danger', danger);
    c.li.classList.toggle('danger', danger);
    c.heading.textContent = C.chatLabel(c) + (danger ? ' — IN DANGER' : '');
    c.liLabel.textContent = C.chatLabel(c) + (danger ? ' — IN DANGER' : '');
    c.triageList.textContent = '';
    for (const [text, cls] of C.triageItems(c.triage, c.startedAt)) c.triageList.append(H.el('li', cls, text));
  }

  function composer(c) {
    const form = H.el('form', 'composer');
    form.autocomplete = 'off';
    const textId = 'text-' + c.n;
    const lab = H.el('label', null, 'Reply');
    lab.htmlFor = textId;
    c.text = H.el('textarea', 'text');
    c.text.id = textId;
    c.text.rows = 3;
    c.text.maxLength = 4000;
    c.send = H.el('button', 'send primary', 'Send');
    c.send.type = 'submit';
    form.append(c.record.picker, lab, c.text, c.send);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      C.compose(c);
    });
    c.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    c.text.addEventListener('input', () => C.typed(c));
    return form;
  }

  // The chat's item in the list on the left: its name and unread badge; pressing it goes to the chat.
  function listItem(c) {
    c.li = H.el('li');
    c.li.setAttribute('data-conversation', c.id);
    const pick = H.el('button');
    pick.type = 'button';
    c.liLabel = H.el('span');
    c.badge = H.el('span', 'unread');
    c.badgeCount = H.el('span', 'unread-count');
    c.badgeCount.setAttribute('aria-hidden', 'true');
    c.badgeText = H.el('span', 'visually-hidden');
    c.badge.append(c.badgeCount, c.badgeText);
    c.badge.hidden = true;
    pick.append(c.liLabel, c.badge);
    c.li.append(pick);
    pick.addEventListener('click', () => goTo(c));
  }

  // The chat with this id, its card made on first use.
  function conversation(id) {
    let c = convs.get(id);
    if (c) return c;
    counter++;
    c = {
      id, n: counter, triage: {}, ended: false, followed: false, heldFrames: [], shown: new Set(), lastSeq: 0,
      byClient: new Map(), unread: 0, typingTimer: 0, lastTypingSent: 0,
    };
    c.outbox = H.Outbox((clientId, text) => C.transmit(c, clientId, text), () => repliesSent(c));
    const section = H.el('section', 'chat card');
    section.setAttribute('data-conversation', id);
    const header = H.el('header');
    c.heading = H.el('h2');
    c.heading.id = 'chat-title-' + c.n;
    section.setAttribute('aria-labelledby', c.heading.id);
    c.state = H.el('span', 'hint', 'active');
    c.record = R.attach(c, {
      send: (frame) => sendAbout(c, frame),
      end: (abusive) => sendAbout(c, abusive ? { type: 'end', conversation: id, abusive: true }
        : { type: 'end', conversation: id }),
      unsent: () => c.outbox.size > 0,
      block: () => C.sock.send({ type: 'block', conversation: id }),
      close: (text) => {
        forgetConversation(c, true);
        C.notice(text);
      },
    });
    header.append(c.heading, c.record.badge, c.state);
    c.triageList = H.el('ul', 'triage');
    c.triageList.setAttribute('aria-label', 'Triage');
    c.list = H.el('ol', 'messages');
    c.list.setAttribute('aria-live', 'polite');
    c.list.setAttribute('aria-label', 'Messages');
    c.list.tabIndex = 0; // it scrolls: reachable by keyboard
    c.typing = H.el('p', 'typing', 'The visitor is typing…');
    c.typing.hidden = true;
    const form = composer(c);
    c.end = H.el('button', 'end secondary', 'End chat…');
    c.end.type = 'button';
    c.dismiss = H.el('button', 'dismiss secondary', 'Close without recording an outcome');
    c.dismiss.type = 'button';
    c.dismiss.hidden = true;
    c.transfer = C.transferForm(c);
    c.tools = C.safetyTools(c);
    c.supervision = C.supervisionPanel(c);
    c.directory = C.directoryPanel(c);
    section.append(header, c.triageList, c.tools, c.supervision, c.record.notes, c.list, c.typing, form, c.end, c.record.outcome,
      c.dismiss, c.record.riskPanel, c.directory, c.transfer);
    c.section = section;
    listItem(c);

    section.addEventListener('focusin', () => C.read(c));
    c.end.addEventListener('click', () => {
      if (!c.ended) R.askOutcome(c.record);
    });
    c.dismiss.addEventListener('click', () => forgetConversation(c, true));

    convs.set(id, c);
    $('chats').append(section);
    $('conversations').append(c.li);
    $('no-conversations').hidden = true;
    render(c);
    giveBackUnsent(c);
    return c;
  }

  // ---- Frames about a chat she holds (end, risk, note, transfer, request_location, help)
  // The server takes them only once this socket has been told the chat (its `assigned`, which comes after the welcome
  // that names it): one sent before is refused not_assigned (protocol.md), and the console would take that for the chat
  // lost and start a new socket. So a press on a chat this socket does not follow yet (just after a reconnect) is kept,
  // shown as under way by its part of the card, and sent when the chat's `assigned` comes; or, if the server says
  // instead that the chat ended or left her, sent then, to be answered as any press that crossed that change. Before
  // the welcome a frame goes at once (answered unauthenticated, and given up: console.js); her replies wait in their
  // outbox (messages.js); an escalation and a directory search go at once (the server checks them against the stored
  // chat). True when sent or kept.
  function sendAbout(c, frame) {
    if (c.followed || c.ended || !C.authenticated) return C.sock.send(frame);
    c.heldFrames.push(frame);
    return true;
  }

  // The chat's `assigned` came, or its end or departure: what waited for it goes, in the order pressed.
  function sendHeld(c) {
    for (const frame of c.heldFrames.splice(0)) C.sock.send(frame);
  }

  // A request about the chat given up (no answer in time): its frame, if still kept, is not sent when assigned comes.
  function dropHeld(id, type) {
    const c = convs.get(id);
    if (c) c.heldFrames = c.heldFrames.filter((frame) => frame.type !== type);
  }

  // A socket closed, or a new one opened: it follows no chat yet. What waited for one goes nowhere, as a frame the old
  // socket got no answer to (the next welcome gives their requests up: console.js).
  function unfollowAll() {
    for (const c of convs.values()) {
      c.followed = false;
      c.heldFrames = [];
    }
  }

  // Takes a conversation off the screen (dismissed, transferred, or given back to the queue). If it had the focus, the
  // focus goes to the next chat's reply box only after her own action here (Close, the outcome saved); when the chat
  // went from under her (released: taken over, lease lapsed, transferred), to the list's heading, where keys do
  // nothing, so that what she was typing for one visitor never goes on in another's reply box (nor presses a button).
  function forgetConversation(c, byHer) {
    const hadFocus = c.section.contains(document.activeElement);
    clearTimeout(c.typingTimer);
    C.forgetMessages(c);
    C.forgetSearches(c);
    R.forget(c.record);
    c.section.remove();
    c.li.remove();
    convs.delete(c.id);
    $('no-conversations').hidden = convs.size > 0;
    C.updateTitle();
    if (hadFocus) {
      const next = convs.values().next().value;
      if (!byHer) $('conversations-title').focus();
      else if (!next) $('go-available').focus();
      else (next.ended ? next.dismiss : next.text).focus();
    }
  }

  // An ended chat keeps its card: no reply box, no transfer, nobody to ask where she is, "Close" instead of "End
  // chat…"; escalation and the directory still serve what she said before she left.
  function showEnded(c, over, how) {
    c.state.textContent = how;
    c.section.classList.toggle('ended', over);
    c.li.classList.toggle('ended', over);
    c.text.disabled = c.send.disabled = over;
    c.end.hidden = c.transfer.hidden = c.help.hidden = c.locationButton.hidden = over;
    c.dismiss.hidden = !over;
  }

  // Her replies not yet acknowledged are asked about (C.resend): "Not sent" only for those the server did not store.
  function ended(c, how) {
    if (!c.ended) {
      c.ended = true;
      C.resend(c);
    }
    sendHeld(c);
    showEnded(c, true, how);
    c.typing.hidden = true;
    R.ended(c.record);
  }

  // Her replies in the chat are all answered: a refusal that said one was still being sent no longer holds.
  function repliesSent(c) {
    R.repliesSent(c.record);
    C.transferUnblocked(c);
  }

  // A chat this console showed before it reconnected, no longer held by her: nothing can be sent until the server
  // says what became of it (released, ended or erased). Her draft stays in the box meanwhile.
  function awaitingWord(c) {
    c.awaiting = true;
    c.state.textContent = 'Checking what became of this chat…';
    c.text.disabled = c.send.disabled = true;
  }

  // A chat that left her (transferred, taken over, back to the queue) while a reply of hers had not got through: the
  // card stays, read-only, while the server is asked about each reply not acknowledged (C.resend); those it did not
  // store are marked "Not sent" (the first back in its box), so that she sees what did not reach the visitor (and can
  // give it to whoever holds the chat now) until she closes it; those it stored (their ack lost with a connection) are
  // marked sent. No outcome to record: it is not hers any more. Typing there goes nowhere: the focus moves to the
  // list's heading.
  function movedAway(c, how) {
    const hadFocus = c.section.contains(document.activeElement);
    c.ended = c.movedAway = true;
    c.leftHow = how;
    showEnded(c, true, how);
    c.typing.hidden = true;
    C.resend(c);
    sendHeld(c);
    leftChecked(c);
    if (hadFocus) $('conversations-title').focus();
  }

  // The state line of a chat that left her, as the answers about her replies come.
  function leftChecked(c) {
    if (!c.movedAway) return;
    c.state.textContent = c.leftHow + (c.outbox.size ? ' Checking whether your last replies were sent…'
      : c.list.querySelector('li.message.failed') ? ' What you had not sent is kept here.' : '');
  }

  function reopen(c) {
    c.ended = false;
    c.movedAway = false;
    c.awaiting = false;
    showEnded(c, false, 'active');
    R.reopened(c.record);
  }

  // A session that ends under her (its absolute end, a revocation) takes her chats off the screen until she logs in
  // again: what she had typed in each reply box and her messages the server had not acknowledged are kept in this
  // page's memory (never in storage), for her only, and given back to each chat that comes back with her next login.
  // Kept two minutes at most: her chats go back to the queue soon after her console is gone (routing's grace), and
  // text she typed must not stay in an unattended page.
  let unsent = null; // { until (ms), chats: Map(id -> { draft, outbox: [[clientId, text]] }) }
  let unsentTimer = 0;
  const KEEP_UNSENT = 2 * 60 * 1000;

  function dropUnsent() {
    unsent = null;
    clearTimeout(unsentTimer);
  }

  function giveBackUnsent(c) {
    if (unsent && Date.now() > unsent.until) dropUnsent(); // a page asleep meanwhile: its timer could not run
    if (!unsent) return; // dropped when another account logged in here (session.js): what is left is hers
    const kept = unsent.chats.get(c.id);
    if (!kept) return;
    unsent.chats.delete(c.id);
    c.text.value = kept.draft;
    C.keepUnsent(c, kept.outbox);
  }

  C.onSessionEnd((keepFor) => {
    dropUnsent();
    if (keepFor) {
      unsent = { until: Date.now() + KEEP_UNSENT, chats: new Map([...convs.values()]
        .filter((c) => !c.ended && (c.text.value.trim() || c.outbox.size))
        .map((c) => [c.id, { draft: c.text.value, outbox: c.outbox.entries() }])) };
      for (const c of convs.values()) c.outbox.clear(); // kept above: nothing goes on the next login's socket
      unsentTimer = setTimeout(dropUnsent, KEEP_UNSENT);
    }
    convs.clear();
    $('conversations').textContent = '';
    $('chats').textContent = '';
    $('no-conversations').hidden = false;
  });

  // Puts the focus in a chat's reply box with the whole composer in view (focus alone may leave it cut at the bottom).
  function focusReply(c) {
    c.text.focus({ preventScroll: true });
    c.text.closest('form').scrollIntoView({ block: 'nearest' });
  }

  // Shows a chat (its list entry pressed, Alt+N, Alt+R): its reply box, or its "Close" once ended, has the focus.
  function goTo(c) {
    c.section.scrollIntoView({ block: 'nearest' });
    if (c.ended) c.dismiss.focus();
    else focusReply(c); // the whole reply box in view, not only the focus in it
  }

  Object.assign(C, {
    convs, field, checkRow, toolMessage, render, conversation, forgetConversation, ended, awaitingWord, movedAway,
    leftChecked, reopen, focusReply, sendAbout, sendHeld, dropHeld, unfollowAll,
    goTo, dropUnsent,
  });
})();
