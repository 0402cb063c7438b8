'use strict';
// The supervisor's monitor panes: pick an active chat (from the dashboard's list, or a help alert's button), read it
// as its counsellor does (monitor frame: its history, then live; read-only), whisper to the counsellor (never to the
// visitor), take it over (it moves to the console open with this same account), or stop monitoring. The counsellor is
// told each of these. Adds window.HelplineMonitor; supervisor.js routes the frames here, and keeps in session storage
// the chats of the panes open (ids only), so that a reload of the tab opens them again.
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  const panes = new Map(); // conversation id -> pane state
  const ENTRY = {
    monitor: () => 'started monitoring', monitor_end: () => 'stopped monitoring',
    whisper: (e) => 'whispered: ' + e.text, takeover: () => 'took the chat over', help: () => 'asked for help',
  };
  // This page's own id, sent with each monitor frame: a pane asking again after a reconnect is the same monitoring,
  // so the chat's case record gets no new entry, and the old socket closing does not end it (protocol.md). Each load of
  // the page has its own: a reload's panes are new monitorings (the counsellor is told), and a duplicated tab (which
  // copies session storage) never shares one with the tab it came from.
  let page = newPage();
  const NOT_SHOWN = ' Its messages are no longer shown here.';
  const REQUEUED = 'Its counsellor lost the connection: the chat is back in the queue. Monitor it again once someone'
    + ' holds it.' + NOT_SHOWN;
  const ENDED = 'The chat has ended.' + NOT_SHOWN;
  let send = () => false;
  let ownName = () => ''; // this supervisor's display name, as a chat moved to her names her
  let remember = () => {}; // told the chats of the panes monitoring, or opening, when they change
  let remembered = '';
  let counter = 0;
  // The panes whose monitor frame (asked again after a reconnect, or after a whisper found the chat not monitored)
  // has no answer yet, asked again, later and later, while the server answers that it cannot now.
  const askAgain = H.Retry(() => {
    for (const p of panes.values()) if (p.asking && !p.ended) ask(p);
  });

  function newPage() {
    return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  function ask(p) {
    p.asking = true;
    send({ type: 'monitor', conversation: p.id, page });
  }

  // The panes a reload opens again: those monitoring or asking, not one whose monitoring ended or that is stopping.
  function keepPanes() {
    const open = [...panes.values()].filter((p) => !p.ended && !p.stopping).map((p) => p.id);
    const text = JSON.stringify(open);
    if (text === remembered) return;
    remembered = text;
    remember(open);
  }

  function short(id) {
    return typeof id === 'string' ? id.slice(0, 8) + '…' : '?';
  }

  function minutes(seconds) {
    return typeof seconds === 'number' ? Math.floor(seconds / 60) + ' min' : '';
  }

  function say(text, error) {
    $('monitor-status').textContent = text || '';
    $('monitor-status').classList.toggle('error', !!error);
  }

  // ---- The chats one may monitor: the dashboard's active chats, kept by id so a press is never lost to a redraw.
  function activeChats(list, associationName) {
    const ul = $('monitorable');
    const chats = (Array.isArray(list) ? list : []).filter((c) => c && typeof c.conversation === 'string');
    const wanted = new Set(chats.map((c) => c.conversation));
    for (const li of [...ul.children]) if (!wanted.has(li.dataset.conversation)) li.remove();
    for (const chat of chats) {
      let li = [...ul.children].find((x) => x.dataset.conversation === chat.conversation);
      if (!li) {
        li = H.el('li');
        li.dataset.conversation = chat.conversation;
        li.append(H.el('span', 'chat-label'), monitorButton(chat.conversation));
        ul.append(li);
      }
      li.querySelector('.chat-label').textContent = [associationName(chat.association), chat.counsellor,
        minutes(chat.durationSeconds), 'ref ' + short(chat.conversation)].filter(Boolean).join(' · ') + ' ';
    }
    $('no-monitorable').hidden = chats.length > 0;
    showButtons();
  }

  // A "Monitor" button for a chat (also put on alerts by supervisor.js).
  function monitorButton(conversation) {
    const button = H.el('button', 'monitor-chat secondary', 'Monitor');
    button.type = 'button';
    button.dataset.conversation = conversation;
    button.setAttribute('aria-label', 'Monitor chat ' + short(conversation));
    button.addEventListener('click', () => monitor(conversation));
    return button;
  }

  // A pane whose monitoring ended does not count: the chat may be monitored again (a requeued chat, held anew).
  function showButtons() {
    for (const button of document.querySelectorAll('button.monitor-chat')) {
      const shown = panes.get(button.dataset.conversation);
      const open = !!shown && !shown.ended;
      button.disabled = open;
      button.textContent = open ? 'Monitoring' : 'Monitor';
    }
  }

  function monitor(conversation) {
    const open = panes.get(conversation);
    if (open && !open.ended) {
      open.section.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (open) close(open); // its monitoring ended: a new one opens a new pane
    if (send({ type: 'monitor', conversation, page })) say('Opening chat ' + short(conversation) + '…');
    else say('Not connected. Try again in a moment.', true);
  }

  // ---- A pane per monitored chat
  function pane(conversation) {
    counter++;
    const p = { id: conversation, lastSeq: 0, ended: false };
    p.section = H.el('section', 'monitor-pane card');
    p.section.dataset.conversation = conversation;
    p.heading = H.el('h3');
    p.heading.id = 'monitor-title-' + counter;
    p.section.setAttribute('aria-labelledby', p.heading.id);
    const stop = H.el('button', 'stop-monitor secondary', 'Stop monitoring');
    stop.type = 'button';
    stop.addEventListener('click', () => {
      p.stopping = true; // a reconnect before the answer does not monitor it again: the pane closes then
      if (p.ended || !send({ type: 'unmonitor', conversation })) close(p);
      keepPanes(); // nor does a reload
    });
    const header = H.el('header');
    header.append(p.heading, stop);
    p.entries = H.el('ul', 'supervision-log');
    p.entries.setAttribute('aria-label', 'Supervision of this chat');
    p.list = H.el('ol', 'messages');
    p.list.setAttribute('aria-live', 'polite');
    p.list.setAttribute('aria-label', 'Messages (read-only)');
    p.list.tabIndex = 0; // it scrolls: reachable by keyboard
    p.status = H.el('p', 'pane-status');
    p.status.setAttribute('role', 'status');
    p.section.append(header, p.entries, p.list, whisperForm(p), takeOverButton(p), p.status);
    panes.set(conversation, p);
    $('monitor-panes').prepend(p.section);
    showButtons();
    return p;
  }

  function whisperForm(p) {
    const form = H.el('form', 'whisper-form');
    const label = H.el('label', null, 'Whisper to the counsellor (the visitor never sees it)');
    p.whisper = H.el('textarea', 'whisper-text');
    p.whisper.id = 'whisper-' + counter;
    p.whisper.rows = 2;
    p.whisper.maxLength = 2000;
    label.htmlFor = p.whisper.id;
    p.whisperButton = H.el('button', 'whisper-send primary', 'Whisper');
    p.whisperButton.type = 'submit';
    form.append(label, p.whisper, p.whisperButton);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = p.whisper.value.trim();
      if (!text || p.ended) return;
      if (send({ type: 'whisper', conversation: p.id, text })) p.whisperButton.disabled = true;
      else tell(p, 'Not connected. Try again in a moment.', true);
    });
    return form;
  }

  function takeOverButton(p) {
    p.takeOver = H.el('button', 'take-over secondary', 'Take over this chat');
    p.takeOver.type = 'button';
    p.takeOver.addEventListener('click', () => {
      if (p.ended) return;
      if (send({ type: 'take_over', conversation: p.id })) {
        p.takeOver.disabled = true;
        p.takingOver = true; // a move naming her is hers only while she asked for one (names are not unique)
        tell(p, 'Moving the chat to your console…');
      } else {
        tell(p, 'Not connected. Try again in a moment.', true);
      }
    });
    return p.takeOver;
  }

  function tell(p, text, error) {
    p.status.textContent = text || '';
    p.status.classList.toggle('error', !!error);
  }

  function close(p) {
    panes.delete(p.id);
    p.section.remove();
    showButtons();
    keepPanes();
  }

  function item(cls, who, text, seq, at) {
    const li = H.el('li', 'message ' + cls);
    li.setAttribute('data-seq', String(seq));
    li.append(H.el('span', 'who', who), H.el('p', 'text', text), H.el('span', 'meta', H.timeOf(at)));
    return li;
  }

  // An entry of the chat's supervision record; a whisper made now also goes among the messages, after the last.
  function entry(p, e, live) {
    if (!e || typeof e !== 'object' || !ENTRY[e.kind] || e.kind === 'whisper' && typeof e.text !== 'string') return;
    p.entries.append(H.el('li', null, (e.from || '?') + ' ' + ENTRY[e.kind](e) + (e.at ? ', ' + H.timeOf(e.at) : '')));
    if (live && e.kind === 'whisper') {
      H.place(p.list, item('whisper', (e.from || 'A supervisor') + ' whispered to the counsellor', e.text,
        p.lastSeq + 0.5, e.at));
    }
  }

  // ---- Frames
  function monitoring(f) {
    const opened = !panes.has(f.conversation);
    const p = panes.get(f.conversation) || pane(f.conversation);
    p.ended = p.asking = false;
    p.section.classList.remove('ended');
    showButtons();
    if (![...panes.values()].some((other) => other.asking)) askAgain.done();
    p.whisperButton.disabled = p.takeOver.disabled = false; // a press whose answer the lost socket took
    p.lastSeq = 0;
    p.list.textContent = '';
    p.entries.textContent = '';
    p.danger = f.priority === 'in-danger' ? ' — IN DANGER' : '';
    heading(p, f.counsellor);
    for (const e of Array.isArray(f.supervision) ? f.supervision : []) entry(p, e, false);
    tell(p, 'Monitoring: the counsellor is told. You read; only the counsellor reads your whispers.');
    say('');
    keepPanes();
    if (opened) p.section.scrollIntoView({ block: 'start' });
  }

  function heading(p, counsellor) {
    p.heading.textContent = 'Chat ' + short(p.id) + ' with ' + (counsellor || 'a counsellor') + (p.danger || '');
  }

  // A frame for a pane still monitoring (one that ended keeps nothing of the chat, whatever comes late).
  function monitored(f) {
    const p = panes.get(f.conversation);
    return p && !p.ended ? p : null;
  }

  // A counsellor's message says who wrote it (its name: the history after a transfer or a takeover), as her console.
  function message(f) {
    const p = monitored(f);
    if (!p || typeof f.seq !== 'number' || p.list.querySelector('li[data-seq="' + f.seq + '"]')) return;
    p.lastSeq = Math.max(p.lastSeq, f.seq);
    const who = f.from === 'visitor' ? 'Visitor' : typeof f.name === 'string' && f.name ? f.name : 'Counsellor';
    H.place(p.list, item('from-' + (f.from === 'visitor' ? 'visitor' : 'counsellor'), who, f.text, f.seq, f.at));
  }

  function whispered(f) {
    const p = monitored(f);
    if (!p) return;
    entry(p, f, true);
    p.whisper.value = '';
    p.whisperButton.disabled = false;
  }

  function monitorEnded(f) {
    const p = panes.get(f.conversation);
    if (!p) return;
    if (f.reason === 'stopped') {
      close(p);
      return;
    }
    ended(p, f.reason === 'requeued' ? REQUEUED
      : f.erased ? 'The visitor deleted this conversation: its messages were erased.' : ENDED);
  }

  // A monitoring that ended keeps nothing of the chat on this screen: its visitor may delete it afterwards, and this
  // page would not be told (nobody monitors it any more).
  function ended(p, why) {
    empty(p);
    p.whisper.value = '';
    p.ended = true;
    p.section.classList.add('ended');
    tell(p, why);
    showButtons(); // the chat may be monitored again
    keepPanes(); // a reload does not monitor it again
  }

  // The chat moved on. A takeover's own move (to this supervisor: her name) may come before or after its answer, or
  // instead of it when the answer was lost: "You hold this chat now" either way.
  function transferred(f) {
    const p = monitored(f);
    const name = f.counsellor && f.counsellor.name;
    if (!p || !name) return;
    heading(p, name);
    if (name === p.takenBy || p.takingOver && name === ownName()) {
      takenOver({ conversation: f.conversation, from: name });
      return;
    }
    p.takenBy = null;
    tell(p, 'The chat moved to ' + name + '.');
  }

  function takenOver(f) {
    const p = monitored(f);
    if (!p) return;
    p.takenBy = f.from;
    tell(p, 'You hold this chat now: answer it in your counsellor console.');
  }

  // An error answering a monitor, whisper, take_over or unmonitor frame: true when it was one.
  function refused(f) {
    if (!['monitor', 'unmonitor', 'whisper', 'take_over'].includes(f.ref)) return false;
    const p = panes.get(f.conversation);
    const text = f.message || f.code;
    if (p && !p.ended && f.ref === 'monitor' && (f.code === 'unavailable' || f.code === 'internal')) {
      p.asking = true;
      tell(p, 'The service had a short problem. Asking again…', true);
      askAgain.soon();
    } else if (p && !p.ended && f.ref === 'whisper' && f.code === 'not_monitoring') {
      // the server ended this monitoring (a socket it thought gone): nothing of the chat until it monitors again; the
      // whisper stays, to send again
      empty(p);
      tell(p, 'Not sent: this chat was no longer monitored here. Monitoring it again; then whisper again.', true);
      ask(p);
    } else if (p && f.ref === 'unmonitor' && f.code === 'not_monitoring') {
      close(p); // stopped already
    } else if (p && f.ref === 'monitor' && f.code === 'not_active') {
      // asked again after a reconnect: the chat ended meanwhile, or went back to the queue (its status says which)
      ended(p, f.status === 'waiting' || f.status === 'offered' ? REQUEUED : ENDED);
    } else if (p && f.ref === 'monitor') {
      // asked again after a reconnect and refused otherwise: that monitoring is over, and so is what it showed
      ended(p, 'Monitoring stopped: ' + String(text).replace(/\.?$/, '.') + NOT_SHOWN
        + ' Close this pane and monitor the chat again.');
    } else if (p) {
      p.takingOver = false;
      p.whisperButton.disabled = false;
      p.takeOver.disabled = p.ended;
      tell(p, text, true);
    } else {
      say(text, true);
    }
    return true;
  }

  // The socket closed: the server ends its monitorings unless the page asks again soon, and would tell this page of
  // nothing meanwhile (a delete among it): the panes keep none of the chat until they are monitoring again.
  function lost() {
    for (const p of panes.values()) {
      if (p.ended) continue;
      empty(p);
      tell(p, 'Connection lost: the chat is shown again once reconnected.' + NOT_SHOWN);
    }
  }

  // A pane not monitoring for now keeps none of the chat (its whisper draft stays: hers, not the chat's).
  function empty(p) {
    p.list.textContent = '';
    p.entries.textContent = '';
    p.whisperButton.disabled = p.takeOver.disabled = true;
  }

  // A new socket monitors nothing yet: the panes still open ask again (the history comes again).
  function reconnected() {
    for (const p of [...panes.values()]) {
      if (p.stopping) close(p); // the new socket monitors nothing: stopped, as she asked
      else if (!p.ended) ask(p);
    }
  }

  // After a reload of the tab: a pane for each chat it monitored, empty until the new socket's welcome asks for them
  // again (reconnected), as new monitorings of this page.
  function restore(conversations) {
    for (const conversation of conversations) {
      if (panes.has(conversation)) continue;
      const p = pane(conversation);
      heading(p, '');
      empty(p);
      tell(p, 'Opening the chat again after the page was reloaded…');
    }
    keepPanes();
  }

  // A frame dropped unread for the rate (rate_limited names none): a pane's monitor may have been it.
  function rateLimited() {
    if ([...panes.values()].some((p) => p.asking && !p.ended)) askAgain.soon();
  }

  // Logged out, or the session ended: no pane, and a new page id for the next login here.
  function clear() {
    for (const p of [...panes.values()]) close(p);
    page = newPage();
    remembered = '';
    $('monitorable').textContent = '';
    $('no-monitorable').hidden = false;
    say('');
  }

  window.HelplineMonitor = {
    start: (sender, name, keeper) => {
      send = sender;
      ownName = name;
      remember = keeper;
    },
    activeChats, monitorButton, refused, rateLimited, lost, reconnected, restore, clear,
    frames: { monitoring, message, whispered, monitor_ended: monitorEnded, transferred, taken_over: takenOver },
  };
})();
