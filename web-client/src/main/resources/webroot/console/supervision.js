'use strict';
// Supervision in a chat card: who monitors the chat (the counsellor always knows: each monitoring stays open, by its
// id, until its own end, whoever else of the same name stops, and a takeover ends none), the supervisors' whispers
// (marked "only you see this": the visitor never gets them; the latest at the top of the card, a live one also among
// the messages), the chat's supervision record (folded, every whisper in it), and the "Ask a supervisor for help"
// button (a help frame: the supervisors are alerted with the conversation reference).
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const SAID = {
    monitor: (who) => who + ' started monitoring this chat',
    monitor_end: (who) => who + ' stopped monitoring this chat',
    takeover: (who, e) => who + ' took this chat over' + (typeof e.previous === 'string' ? ' from ' + e.previous : ''),
    help: (who) => who + ' asked a supervisor for help',
    whisper: (who, e) => who + ' whispered: ' + e.text,
  };

  function name(e) {
    return typeof e.from === 'string' && e.from ? e.from : 'A supervisor';
  }

  // The panel under the triage: who monitors, the latest whisper, the help button and the supervision record.
  function supervisionPanel(c) {
    const panel = H.el('div', 'supervision');
    c.monitoredBy = new Map(); // open monitoring -> who
    c.watchers = H.el('p', 'watchers');
    c.watchers.setAttribute('role', 'status');
    c.watchers.hidden = true;
    c.latestWhisper = H.el('p', 'whisper-latest');
    c.latestWhisper.setAttribute('role', 'status');
    c.latestWhisper.hidden = true;
    c.supervisionRecord = H.el('details', 'supervision-record');
    c.supervisionCount = H.el('summary', null, 'Supervision record');
    c.supervisionLog = H.el('ul', 'supervision-log');
    c.supervisionLog.setAttribute('aria-label', 'Supervision of this chat');
    c.supervisionRecord.append(c.supervisionCount, c.supervisionLog);
    c.supervisionRecord.hidden = true;
    c.help = H.el('button', 'ask-help secondary', 'Ask a supervisor for help');
    c.help.type = 'button';
    c.helpStatus = H.el('p', 'help-status');
    c.helpStatus.setAttribute('role', 'status');
    c.helpStatus.hidden = true;
    c.help.addEventListener('click', () => {
      if (c.ended) return;
      if (!C.sendAbout(c, { type: 'help', conversation: c.id })) {
        C.toolMessage(c.helpStatus, 'Not connected. Try again in a moment.', true);
        return;
      }
      c.help.disabled = true;
      C.toolMessage(c.helpStatus, 'Asking the supervisors…');
    });
    const row = H.el('div', 'supervision-row');
    c.safetyActions.append(c.help); // with the chat's other actions: no row of its own above the messages
    row.append(c.helpStatus, c.supervisionRecord);
    panel.append(c.watchers, c.latestWhisper, row);
    return panel;
  }

  function showWatchers(c) {
    const names = [...new Set(c.monitoredBy.values())];
    c.watchers.textContent = names.length ? 'Supervision: ' + names.join(', ') + (names.length > 1 ? ' are' : ' is')
      + ' reading this chat as you do.' : '';
    c.watchers.hidden = names.length === 0;
    c.section.classList.toggle('monitored', names.length > 0);
  }

  // A whisper at the top of the card and, when it comes live, among the messages after the last one: hers only.
  function whisper(c, e, live) {
    const who = 'Whisper from ' + name(e) + ' — only you see this';
    if (live) {
      const li = H.el('li', 'message whisper');
      li.setAttribute('data-seq', String(c.lastSeq + 0.5));
      li.append(H.el('span', 'who', who), H.el('p', 'text', e.text), H.el('span', 'meta', H.timeOf(e.at)));
      H.place(c.list, li);
      if (!C.watching(c)) C.unread(c);
    }
    c.latestWhisper.textContent = '';
    c.latestWhisper.append(H.el('span', 'who', who + (e.at ? ', ' + H.timeOf(e.at) : '')),
      H.el('span', 'text', e.text));
    c.latestWhisper.hidden = false;
  }

  // One entry of the chat's case record, live or from the assigned frame.
  function show(c, e, live) {
    const who = name(e);
    if (e.kind === 'whisper') {
      if (typeof e.text !== 'string') return;
      whisper(c, e, live);
    }
    // an entry recorded before monitorings had ids is matched by name
    const monitoring = typeof e.monitoring === 'string' && e.monitoring ? 'id:' + e.monitoring : 'name:' + who;
    if (e.kind === 'monitor') c.monitoredBy.set(monitoring, who);
    if (e.kind === 'monitor_end') c.monitoredBy.delete(monitoring);
    const said = SAID[e.kind];
    if (said) {
      c.supervisionLog.append(H.el('li', 'supervision-' + e.kind, said(who, e) + (e.at ? ', ' + H.timeOf(e.at) : '')));
      c.supervisionCount.textContent = 'Supervision record (' + c.supervisionLog.children.length + ')';
      c.supervisionRecord.hidden = false;
    }
    showWatchers(c);
  }

  // The assigned frame carries the chat's supervision entries: shown afresh (none: the visitor deleted the chat, and
  // its whispers with it).
  function showSupervision(c, entries) {
    c.monitoredBy.clear();
    c.supervisionLog.textContent = '';
    c.supervisionCount.textContent = 'Supervision record';
    c.supervisionRecord.hidden = true;
    c.latestWhisper.textContent = '';
    c.latestWhisper.hidden = true;
    for (const e of Array.isArray(entries) ? entries : []) if (e && typeof e === 'object') show(c, e, false);
    showWatchers(c);
  }

  function onSupervision(f) {
    const c = C.convs.get(f.conversation);
    if (c) {
      show(c, f, true);
      if (f.kind === 'help') helpRequested(f);
    } else if (f.kind === 'takeover') {
      C.notice('A supervisor, ' + name(f) + ', took a chat of yours over; it is on their console now.', 20000);
    }
  }

  // The answer to her help frame (also when asked again within a minute, when no supervision entry follows), or the
  // supervision entry of her call from any of her consoles: the supervisors were told.
  function helpRequested(f) {
    const c = C.convs.get(f.conversation);
    if (!c) return;
    c.help.disabled = false;
    C.toolMessage(c.helpStatus, 'The supervisors are alerted.');
  }

  // A call for help whose answer will not come (a new socket): the button works again.
  function helpLost(text) {
    for (const c of C.convs.values()) {
      if (c.help && c.help.disabled) {
        c.help.disabled = false;
        C.toolMessage(c.helpStatus, text, true);
      }
    }
  }

  function helpRefused(f) {
    const c = C.convs.get(f.conversation);
    if (!c) return;
    c.help.disabled = false;
    // the page's own words, not the server's (protocol.md); nothing asks again by itself: she does
    C.toolMessage(c.helpStatus, ['unavailable', 'internal', 'rate_limited'].includes(f.code)
      ? 'Not sent: the service had a short problem. Please ask again.' : C.words(f.code), true);
  }

  Object.assign(C, { supervisionPanel, showSupervision, onSupervision, helpRequested, helpLost, helpRefused });
})();
