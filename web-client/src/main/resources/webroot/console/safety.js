'use strict';
// The safety tools of a chat: escalate to emergency services (or to a line of the directory) after a confirmation
// that says what goes with it, ask where the visitor is and show what they shared, and the escalation's answer (the
// number to call and the script). A chat received by transfer (or again after a reconnect) shows the location and the
// escalations its `assigned` frame carries. Also the refusals of these tools and of the directory search, shown in
// their chat.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;

  function safetyTools(c) {
    const tools = H.el('div', 'safety-tools');
    const row = H.el('div', 'safety-actions');
    c.escalateButton = H.el('button', 'escalate-emergency', 'Escalate to emergency services');
    c.locationButton = H.el('button', 'request-location secondary', 'Ask where the visitor is');
    c.escalateButton.type = c.locationButton.type = 'button';
    row.append(c.escalateButton, c.locationButton);
    c.safetyActions = row; // the chat's action buttons (supervision.js adds "Ask a supervisor for help")
    c.toolStatus = H.el('p', 'tool-status');
    c.toolStatus.setAttribute('role', 'status');
    c.toolStatus.hidden = true;
    c.location = H.el('div', 'location');
    c.location.hidden = true;
    c.confirm = escalateForm(c);
    c.escalations = H.el('div', 'escalations');
    tools.append(row, c.toolStatus, c.location, c.confirm, c.escalations);
    c.escalateButton.addEventListener('click', () => openEscalation(c, 'emergency', 'the emergency services'));
    c.locationButton.addEventListener('click', () => {
      const asked = C.sendAbout(c, { type: 'request_location', conversation: c.id });
      C.toolMessage(c.toolStatus, asked ? 'Asking the visitor…' : 'Not connected. Try again in a moment.', !asked);
    });
    return tools;
  }

  function escalateForm(c) {
    const form = H.el('form', 'escalate-confirm');
    form.autocomplete = 'off';
    form.noValidate = true;
    form.hidden = true;
    c.confirmTitle = H.el('h3', 'escalate-title');
    c.confirmTitle.id = 'escalate-title-' + c.n;
    c.confirmTitle.tabIndex = -1;
    form.setAttribute('aria-labelledby', c.confirmTitle.id);
    const [locRow, loc] = C.checkRow(c, 'include-location', 'Include the location the visitor shared');
    c.includeLocation = loc;
    c.locationHint = H.el('p', 'hint', 'The visitor has not shared a location in this chat.');
    const [triRow, tri] = C.checkRow(c, 'include-triage', 'Include the triage (region, topic, children, danger)');
    c.includeTriage = tri;
    const [noteLabel, note] = C.field(c, 'textarea', 'escalate-note', 'Note sent with the escalation (optional)');
    note.rows = 2;
    note.maxLength = 2000;
    c.escalateNote = note;
    const actions = H.el('div', 'escalate-actions');
    c.escalateSend = H.el('button', 'escalate-send', 'Escalate now');
    c.escalateSend.type = 'submit';
    const cancel = H.el('button', 'escalate-cancel secondary', 'Cancel');
    cancel.type = 'button';
    actions.append(c.escalateSend, cancel);
    c.escalateStatus = H.el('p', 'escalate-status');
    c.escalateStatus.setAttribute('role', 'status');
    c.escalateStatus.hidden = true;
    form.append(c.confirmTitle, locRow, c.locationHint, triRow, noteLabel, note, actions, c.escalateStatus);
    cancel.addEventListener('click', () => {
      form.hidden = true;
      c.escalating = 0;
      c.escalateButton.focus();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (c.escalating || !c.target) return;
      const include = { location: loc.checked && !loc.disabled, triage: tri.checked };
      // one id for this escalation until it is answered: pressed again after the connection was renewed before its
      // answer, it is the same escalation, not a second call to the emergency services (the server calls once, with
      // what the first press sent). Pressed again with something else to send (another line, the location shared
      // since or ticked now, another note), it is a new escalation, so that what she is told was sent is what went.
      const what = JSON.stringify([c.target, include, note.value.trim(), include.location ? c.locationText : '']);
      if (!c.escalationId || c.escalationWhat !== what) {
        c.escalationId = 'esc-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
        c.escalationWhat = what;
      }
      const frame = { type: 'escalate', conversation: c.id, target: c.target, clientId: c.escalationId, include };
      if (note.value.trim()) frame.note = note.value.trim().slice(0, 2000);
      if (!C.sock.send(frame)) {
        C.toolMessage(c.escalateStatus, 'Not connected: nothing was sent. Try again in a moment.', true);
        return;
      }
      c.escalating = Date.now();
      c.escalateSend.disabled = true;
      C.toolMessage(c.escalateStatus, 'Escalating…');
      C.startTicker();
    });
    return form;
  }

  // The confirmation for an escalation to target ('emergency', or a hotline id of the directory).
  function openEscalation(c, target, name) {
    c.target = target;
    c.confirmTitle.textContent = 'Escalate to ' + name + '?';
    c.includeLocation.disabled = !c.locationText;
    if (!c.locationText) c.includeLocation.checked = false;
    c.locationHint.hidden = !!c.locationText;
    c.escalateSend.disabled = !!c.escalating;
    c.escalateSend.classList.toggle('urgent', target === 'emergency');
    if (!c.escalating) C.toolMessage(c.escalateStatus, '');
    c.confirm.hidden = false;
    c.confirm.scrollIntoView({ block: 'nearest' });
    c.confirmTitle.focus({ preventScroll: true });
  }

  // answered (an escalation, or a refusal that is not of the moment): the next press is a new escalation
  function escalationAnswered(c) {
    c.escalationId = null;
  }

  function escalationDone(c, text) {
    c.escalating = 0;
    c.escalateSend.disabled = false;
    if (text) C.toolMessage(c.escalateStatus, text, true);
  }

  // Escalations unanswered for too long are given up; true while some are still waiting.
  function tickEscalations(now, giveUpAfter) {
    let escalating = false;
    for (const c of C.convs.values()) {
      if (c.escalating && now - c.escalating > giveUpAfter) {
        escalationDone(c, 'No answer about the escalation. Check above, then try again if it is not shown.');
      }
      escalating = escalating || !!c.escalating;
    }
    return escalating;
  }

  // The `escalation` frame: the line, its numbers and the script to read, newest first. The answer to an escalation
  // given up before it came (no answer in time) leaves the one under way since as it is.
  function showEscalation(f) {
    const c = C.convs.get(f.conversation);
    if (!c) return;
    const shown = typeof f.escalation === 'string' ? [...c.escalations.children]
      .find((box) => box.getAttribute('data-escalation') === f.escalation) : null;
    if (!f.clientId || f.clientId === c.escalationId) {
      escalationAnswered(c);
      escalationDone(c, '');
      c.confirm.hidden = true;
      c.escalateNote.value = '';
      c.includeLocation.checked = c.includeTriage.checked = false;
    }
    // the same escalation answered twice (pressed again before its first answer came): shown once; one known only
    // from `assigned` (its answer lost with a socket, pressed again since): this answer, with its script, replaces it
    if (shown && !shown.classList.contains('earlier')) return;
    if (shown) shown.remove();
    const target = f.target && typeof f.target === 'object' ? f.target : {};
    const emergency = f.kind === 'emergency';
    const box = H.el('div', 'escalation ' + (emergency ? 'kind-emergency' : 'kind-service'));
    if (typeof f.escalation === 'string') box.setAttribute('data-escalation', f.escalation);
    box.tabIndex = -1;
    const title = H.el('h3', null, (emergency ? 'Emergency escalation' : 'Escalation') + ' — ' + (target.name || 'line')
      + ' (' + H.timeOf(Date.now()) + ')');
    title.id = 'escalation-' + c.n + '-' + (c.escalations.children.length + 1);
    box.setAttribute('aria-labelledby', title.id);
    const numbers = H.el('ul', 'escalation-numbers');
    for (const n of Array.isArray(target.numbers) ? target.numbers : []) {
      const li = H.el('li');
      li.append(C.numberLink(n, 'number'));
      numbers.append(li);
    }
    box.append(title, numbers, H.el('p', 'script', typeof f.script === 'string' ? f.script : ''),
      H.el('p', 'hint', f.locationIncluded ? 'The location the visitor shared was included.'
        : 'No location was included.'));
    c.escalations.prepend(box);
    const active = document.activeElement;
    if (!active || active === document.body || c.section.contains(active)) box.focus();
  }

  function locationAsked(f) {
    const c = C.convs.get(f.conversation);
    if (c) C.toolMessage(c.toolStatus, 'The visitor was asked. They choose on their page whether to share where they are.');
  }

  // The `location_shared` frame; earlier: the location carried by `assigned`, shared before this console had the chat.
  function showLocation(f, earlier) {
    const c = C.convs.get(f.conversation);
    if (!c || typeof f.location !== 'string') return;
    c.locationText = f.location;
    c.location.textContent = '';
    c.location.append(H.el('strong', null, 'Location: '), H.el('span', 'location-text', f.location),
      H.el('span', 'hint', earlier ? ' — Shared by the visitor after consent, earlier in this chat'
        : ' — Shared by the visitor after consent, ' + H.timeOf(Date.now())));
    c.location.hidden = false;
    c.includeLocation.disabled = false;
    c.locationHint.hidden = true;
    if (!earlier) C.toolMessage(c.toolStatus, 'The visitor shared a location.');
  }

  // What the `assigned` frame carries from whoever held the chat before: the shared location and the escalations made
  // (oldest first in the frame; shown newest first, each once).
  function showKnown(c, f) {
    if (typeof f.location === 'string' && f.location !== c.locationText) {
      showLocation({ conversation: c.id, location: f.location }, true);
    }
    for (const e of Array.isArray(f.escalations) ? f.escalations : []) {
      if (!e || typeof e.escalation !== 'string') continue;
      if ([...c.escalations.children].some((box) => box.getAttribute('data-escalation') === e.escalation)) continue;
      const emergency = e.kind === 'emergency';
      const box = H.el('div', 'escalation earlier ' + (emergency ? 'kind-emergency' : 'kind-service'));
      box.setAttribute('data-escalation', e.escalation);
      box.append(H.el('h3', null, (emergency ? 'Emergency escalation' : 'Escalation') + ' — '
        + (e.targetName || e.target || 'line') + (e.number ? ' (' + e.number + ')' : '')),
      H.el('p', 'hint', 'By ' + (e.from || 'a counsellor') + (e.at ? ' at ' + H.timeOf(e.at) : '') + '. '
        + (e.locationIncluded ? 'The location the visitor shared was included.' : 'No location was included.')));
      c.escalations.prepend(box);
    }
  }

  function forgetLocation(c) {
    c.location.textContent = '';
    c.location.hidden = true;
    c.locationText = '';
    c.escalationWhat = null; // what the last escalation sent, the location among it: a press now is a new one
  }

  // Why a directory search, an escalation or a location request was refused.
  function refusal(f) {
    const field = f.field || '';
    if (f.code === 'invalid') {
      if (field === 'target') {
        return 'This line is not in the directory (any more). Search the directory again.';
      }
      if (field === 'note') return 'The note is too long (2,000 characters at most).';
      if (/region/.test(field)) return 'Region: use a short code (59, london…).';
      if (/language/.test(field)) return 'Language: use a 2 or 3 letter code (fr, en…).';
      return 'Not accepted: ' + (field ? 'check the field “' + field + '”.' : 'malformed request.');
    }
    if (f.code === 'country_unknown') {
      return 'Not sent: her country is not known. Ask where she is, then escalate to that country\'s emergency number '
        + 'in the directory below.';
    }
    if (f.code === 'not_supervisor') return 'Not done: this needs a supervisor account.';
    if (f.code === 'not_assigned') return 'Not done: this chat is no longer assigned to you.';
    if (f.code === 'rate_limited' || f.code === 'unavailable' || f.code === 'internal') {
      return 'Not done: the service had a short problem. Please try again.';
    }
    return 'Not done: ' + C.words(f.code);
  }

  // A refused directory, escalate or request_location: shown in its chat panel.
  function toolRefused(f) {
    let c = f.conversation ? C.convs.get(f.conversation) : null;
    if (f.ref === 'directory') {
      const searched = C.searchRefused(f);
      if (!c) c = searched;
    }
    if (!c) {
      C.notice(f.code);
      return;
    }
    const text = refusal(f);
    if (f.ref === 'escalate') escalationDone(c, text);
    if (f.ref === 'escalate' && f.code !== 'unavailable' && f.code !== 'internal') escalationAnswered(c);
    if (f.ref === 'escalate' && f.code === 'country_unknown') C.chooseEmergency(c);
    else C.toolMessage(f.ref === 'directory' ? c.directoryStatus : c.toolStatus, text, true);
    if (f.code === 'not_assigned' && !c.ended) C.sock.restart();
  }

  // Whether an error answers an escalate frame: its ref is the clientId of the chat's escalation under way.
  function isEscalationRef(f) {
    const c = f.conversation ? C.convs.get(f.conversation) : null;
    return !!c && !!c.escalationId && f.ref === c.escalationId;
  }

  // Escalations whose answer will not come (a new socket, or a frame dropped unread).
  function escalationsLost(text) {
    for (const c of C.convs.values()) if (c.escalating) escalationDone(c, text);
  }

  Object.assign(C, {
    safetyTools, openEscalation, tickEscalations, showEscalation, locationAsked, showLocation, showKnown, forgetLocation,
    toolRefused, escalationsLost, isEscalationRef,
  });
})();
