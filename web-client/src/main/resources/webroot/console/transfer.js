'use strict';
// Transfer a chat to another association or counsellor, chosen in a picker that shows each target's free places, live
// (the server's `transfer_targets`, asked again every few seconds while a transfer form is in use), with a note for the
// next counsellor (the visitor never sees it). A full target is shown as full before anything is sent. A colleague
// away with her console open and a free place (she may have been asked to take the chat) comes after those available,
// marked "away". The chat leaves this console when the server says `released`; a refusal says why and the chat stays.
// The receiver's console gets the case record with the chat: risk, escalations, shared location and notes (safety.js,
// case-record.js).
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const REFRESH_EVERY = 5000;
  const UNSENT = 'Your last reply is still being sent: transfer the chat once it shows as sent.';
  const TRANSFER_REASONS = {
    offline: 'the counsellor is not connected', full: 'they have no free place', no_counsellor: 'nobody there is free now',
  };
  let targets = { associations: [], counsellors: [] };
  let refreshTimer = 0;

  const places = (n) => (n === 1 ? '1 free place' : n + ' free places');

  // What the picker says of a target, and whether a transfer there can work now.
  function describe(kind, t) {
    const free = Math.max(0, Number(t.freePlaces) || 0);
    if (kind === 'association') {
      const state = t.open === false ? 'closed now' : free ? places(free) : 'full: nobody free now';
      return { label: (t.name || t.id) + ' — ' + state, name: t.name || t.id, state, ok: free > 0 };
    }
    const state = (t.status === 'away' ? 'away, ' : '') + (t.wrappingUp ? 'in wrap-up' : free ? places(free) : 'full');
    const name = (t.name || t.id) + (t.associationName ? ' (' + t.associationName + ')' : '');
    return { label: name + ' — ' + state, name, state, ok: free > 0 };
  }

  function find(value) {
    const [kind, id] = value.split(/:(.*)/s);
    const list = kind === 'association' ? targets.associations : targets.counsellors;
    const t = list.find((x) => x && x.id === id);
    return t ? Object.assign({ kind, id }, describe(kind, t)) : null;
  }

  function fillPicker(c) {
    const select = c.transferTarget;
    const chosen = select.value;
    select.textContent = '';
    select.append(new Option('Choose where to transfer…', ''));
    for (const [kind, title, list] of [['association', 'Associations', targets.associations],
      ['counsellor', 'Counsellors online now', targets.counsellors]]) {
      const group = document.createElement('optgroup');
      group.label = title;
      for (const t of list) {
        if (!t || typeof t.id !== 'string') continue;
        const d = describe(kind, t);
        const option = new Option(d.label, kind + ':' + t.id, false, chosen === kind + ':' + t.id);
        option.disabled = !d.ok;
        group.append(option);
      }
      if (!group.children.length) {
        const none = new Option(kind === 'counsellor' ? 'Nobody else is online now' : 'No association', '');
        none.disabled = true;
        group.append(none);
      }
      select.append(group);
    }
    showChoice(c, chosen);
  }

  // What the chosen target can take now, said before the transfer is sent.
  function showChoice(c, value) {
    const t = value ? find(value) : null;
    if (value && !t) {
      transferState(c, 'This target is no longer online: choose another.', true);
    } else if (t) {
      transferState(c, t.name + ': ' + t.state + (t.ok ? '.' : '. Choose another target.'), !t.ok);
    } else {
      transferState(c, '', false);
    }
    c.transferButton.disabled = !t || !t.ok || c.transferring;
  }

  function transferState(c, text, full) {
    c.transferChoice.textContent = text;
    c.transferChoice.classList.toggle('full', !!full);
    c.transferChoice.hidden = !text;
  }

  function transferForm(c) {
    const form = H.el('form', 'transfer');
    form.autocomplete = 'off';
    form.noValidate = true;
    const title = H.el('h3', null, 'Transfer this chat');
    title.id = 'transfer-title-' + c.n;
    form.setAttribute('aria-labelledby', title.id);
    const [targetLabel, target] = C.field(c, 'select', 'transfer-target', 'Transfer to (free places now)');
    c.transferTarget = target;
    c.transferChoice = H.el('p', 'transfer-choice');
    c.transferChoice.id = 'transfer-choice-' + c.n;
    c.transferChoice.setAttribute('aria-live', 'polite');
    c.transferChoice.hidden = true;
    target.setAttribute('aria-describedby', c.transferChoice.id);
    const [noteLabel, note] = C.field(c, 'textarea', 'transfer-note',
      'Note for the next counsellor (internal: the visitor never sees it)');
    note.rows = 2;
    note.maxLength = 2000;
    c.transferNote = note;
    const button = H.el('button', 'transfer-send secondary', 'Transfer');
    button.type = 'submit';
    c.transferStatus = H.el('p', 'transfer-status');
    c.transferStatus.setAttribute('role', 'status');
    c.transferStatus.hidden = true;
    form.append(title, targetLabel, target, c.transferChoice, noteLabel, note, button, c.transferStatus);
    c.transferButton = button;
    fillPicker(c);
    target.addEventListener('change', () => {
      showChoice(c, target.value);
      // what the target can take shows under the picker: keep it and the button in view
      button.scrollIntoView({ block: 'nearest' });
    });
    form.addEventListener('focusin', () => askTargets(false));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const t = target.value ? find(target.value) : null;
      if (c.ended || c.transferring) return;
      if (!t || !t.ok) {
        showChoice(c, target.value);
        target.focus();
        return;
      }
      if (c.outbox.size) { // replies go one at a time: a transfer before them would leave them unsent here
        transferMessage(c, UNSENT, true);
        return;
      }
      const frame = t.kind === 'association' ? { toAssociation: t.id } : { toCounsellor: t.id };
      if (note.value.trim()) frame.note = note.value.slice(0, 2000);
      if (!C.request('transfer', c.id, frame)) return;
      c.transferring = true;
      button.disabled = true;
      transferMessage(c, 'Transferring to ' + t.name + '…', false);
    });
    return form;
  }

  // Asks for the targets now (and every few seconds while a transfer form is in use or has a target chosen).
  function askTargets(force) {
    if (!refreshTimer || force) C.sock.send({ type: 'transfer_targets' });
    if (!refreshTimer) refreshTimer = setInterval(refresh, REFRESH_EVERY);
  }

  function refresh() {
    const inUse = [...C.convs.values()].some((c) => !c.ended
      && (c.transfer.contains(document.activeElement) || c.transferTarget.value));
    if (inUse) {
      C.sock.send({ type: 'transfer_targets' });
    } else {
      clearInterval(refreshTimer);
      refreshTimer = 0;
    }
  }

  // Those away after those available, each part in the server's order (by name).
  const awayLast = (list) => list.filter((t) => !t || t.status !== 'away')
    .concat(list.filter((t) => t && t.status === 'away'));

  // The `transfer_targets` frame: every picker shows it.
  function showTransferTargets(f) {
    targets = {
      associations: Array.isArray(f.associations) ? f.associations : [],
      counsellors: Array.isArray(f.counsellors) ? awayLast(f.counsellors) : [],
    };
    for (const c of C.convs.values()) fillPicker(c);
  }

  function transferMessage(c, text, error) {
    c.transferStatus.textContent = text;
    c.transferStatus.classList.toggle('error', !!error);
    c.transferStatus.hidden = !text;
  }

  function transferRefused(c, f) {
    let text;
    if (f.code === 'transfer_failed') {
      text = 'Transfer failed: ' + (TRANSFER_REASONS[f.reason] || 'nobody could take the chat')
        + '. The chat stays with you.';
    } else if (f.code === 'invalid') {
      // the page sends 2000 characters at most: a note refused is one the chat's full notes cannot keep
      text = f.field === 'note' ? 'This chat has 200 notes already, so it cannot take this one. Copy what you need'
        + ' from the note, empty it, then transfer again.'
        : 'The transfer was refused: ' + (f.message || 'invalid request') + '.';
    } else if (f.code === 'not_assigned') {
      text = 'This chat is no longer assigned to you.';
    } else if (['unavailable', 'internal', 'rate_limited'].includes(f.code)) {
      text = 'The transfer may not have been done: the service had a short problem. If the chat is still here, '
        + 'try again.';
    } else {
      text = 'Transfer not done: ' + C.words(f.code);
    }
    transferMessage(c, text, true);
  }

  // A transfer refused (f, the error) or never answered (f null): the button comes back, the targets are asked again.
  function transferUnanswered(id, f) {
    const c = C.convs.get(id);
    if (!c) return;
    c.transferring = false;
    showChoice(c, c.transferTarget.value);
    if (f) transferRefused(c, f);
    else transferMessage(c, 'No answer about the transfer. Check the chat, then try again if it is still here.', true);
    askTargets(true);
  }

  // The `released` frame: the chat left this console (transferred, or back to the queue).
  function released(f) {
    const c = C.convs.get(f.conversation);
    C.settle('transfer', f.conversation);
    C.removeOffer(f.conversation); // an offer given back to the queue with the chats (her lease lapsed)
    if (!c) return;
    // replies not acknowledged may have been stored all the same (their ack lost with a connection): asked about
    const unsent = c.outbox.size;
    if (unsent || c.section.querySelector('li.message.failed')) {
      C.movedAway(c, f.reason === 'transferred' ? 'Transferred: not yours any more.'
        : 'Back in the queue: not yours any more.');
    } else {
      C.forgetConversation(c);
    }
    // offline: her console was gone past the grace, she is away (the same words as the status that says so)
    const why = f.reason === 'transferred' ? 'Chat transferred.'
      : f.reason === 'offline' ? C.words('connection_lost') : 'Chat returned to the queue.';
    C.notice(why + (unsent ? ' Any reply that did not reach the visitor is marked "Not sent" in its chat.' : ''),
      f.reason === 'offline' ? 30000 : 0);
  }

  C.onSessionEnd(() => {
    clearInterval(refreshTimer);
    refreshTimer = 0;
    targets = { associations: [], counsellors: [] };
  });

  // Her replies were all answered: "still being sent" no longer holds.
  function transferUnblocked(c) {
    if (c.transferStatus && c.transferStatus.textContent === UNSENT) transferMessage(c, "", false);
  }

  Object.assign(C, { transferForm, transferUnanswered, released, showTransferTargets, askTargets, transferUnblocked });
})();
