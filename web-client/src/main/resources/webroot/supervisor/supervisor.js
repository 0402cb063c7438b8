'use strict';
// The supervisor's page: log in, follow /ws/supervisor, show every alert (a visitor in danger now, an escalation, a
// high risk, a counsellor's call for help) as it happens, with a beep made by the Web Audio API, and hand the dashboard
// frames to dashboard.js and the monitor frames to monitor.js.
// The session token lives in sessionStorage only, with what a reload of this tab needs to show the same alerts and
// monitor panes again: log ids and the references of the chats it monitors; never a chat's text.
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.supervisor';
  const TITLE = 'Helpline supervisor';
  const ALERT_TITLE = '(!) Alert';
  const MAX_ALERTS = 200;
  const KINDS = { emergency: 'Emergency services', service: 'Support service' };
  const ALERTS_SHOWN = 5;
  const D = window.HelplineDashboard;
  const B = window.HelplineBlocks;
  const M = window.HelplineMonitor;
  const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/; // a conversation reference, as the server takes them

  let session = load();
  let sock = null;
  let heartbeat = null;
  let unseen = 0;
  let audio = null;
  let soundWanted = true;
  let lastBeep = 0;
  let lastBeepTimes = 0;
  let welcomed = false; // a welcome came since the login (socketWelcomed: on this socket)
  // When the last dashboard frame came (they come every refreshSeconds while the socket and Redis are well): a screen
  // without one for three periods (10 s at least) says it is not up to date, so that a frozen screen never looks live.
  let lastDashboard = 0;
  let stale = false;
  let staleBeeped = false;
  let freshCheck = 0;
  // the chats a follow sent asked for, until a chat_state of one of them answers it (a live one of a new alert's
  // chat does not: that chat was not in the follow)
  let followPending = null;
  let socketWelcomed = false; // this socket's welcome came: a follow before it is refused (protocol.md)
  const followAgain = H.Retry(followCited);
  const chatStates = new Map(); // conversation -> { status, counsellor, association }: what its alerts say now
  // The alerts' log ids (protocol.md): each is shown once, and a reconnect asks for those after the newest one known
  // (or after the log id the welcome gave), so that the alerts raised while the socket was down come then.
  const seenAlerts = new Set();
  let alertsAfter = null;
  // After a reload: the newest alert marked as seen before it (those up to it come again, not as new ones)
  let seenBefore = session && session.seen || null;

  function isLogId(id) {
    return typeof id === 'string' && /^[0-9]{1,19}-[0-9]{1,19}$/.test(id);
  }

  // The session, and what a reload of this tab starts from again (a browser restoring the tab too): alertsFrom, the
  // log id after which the alerts the screen shows were raised (a reload names it as since: they come again); seen,
  // the newest alert id marked as seen; monitoring, the chats of its panes (each tab, and each load of it, monitors
  // under a page id of its own: a duplicated tab, which copies this storage, is another page).
  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (!s || typeof s.token !== 'string') return null;
      for (const key of ['alertsFrom', 'seen']) if (!isLogId(s[key])) delete s[key];
      delete s.page; // kept by an earlier version of this page: each load has its own now (monitor.js)
      s.monitoring = Array.isArray(s.monitoring)
        ? s.monitoring.filter((c) => typeof c === 'string' && REFERENCE.test(c)).slice(0, 10) : [];
      return s;
    } catch (e) { /* start from the login form */ }
    return null;
  }

  function keep() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(session));
    } catch (err) { /* kept in memory */ }
  }

  function forget() {
    session = null;
    try {
      sessionStorage.removeItem(STORE);
    } catch (e) { /* nothing kept */ }
  }

  // ---- Sound: browsers only let a page play sound after a click or a key press on it.
  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      if (!audio) {
        audio = new Context();
        audio.onstatechange = showSound; // the browser or the system may suspend it: the page says so at once
      }
      if (audio.state === 'suspended') audio.resume().then(showSound, showSound);
    } catch (e) {
      audio = null;
    }
    showSound();
  }

  function soundOn() {
    return soundWanted && !!audio && audio.state === 'running';
  }

  // The button keeps its name ("Alert sound"); pressed means on. The text beside it says why it is off.
  function showSound() {
    const button = $('sv-sound');
    const on = soundOn();
    button.setAttribute('aria-pressed', String(on));
    $('sv-sound-state').textContent = on ? 'on' : soundWanted && audio ? 'off: click anywhere to allow it'
      : soundWanted ? 'off: press to turn on' : 'muted';
    button.classList.toggle('off', !on);
  }

  $('sv-sound').addEventListener('click', () => {
    if (soundOn()) {
      soundWanted = false;
    } else {
      soundWanted = true;
      unlockAudio();
      setTimeout(() => beep(1), 50);
    }
    showSound();
  });
  // Any click or key on the page also allows the sound (after a reload the page starts without it).
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => {
      if (soundWanted && session && (!audio || audio.state !== 'running')) unlockAudio();
    }, true);
  }

  // A short beep: an oscillator, no audio file. Danger, risk and help alerts, and escalations unconfirmed or not
  // delivered, beep three times, a block once, others twice.
  function beep(times) {
    if (!soundOn()) return;
    const now = Date.now();
    // a burst of alerts: one sound, unless a more urgent one follows (a danger alert right after a block)
    if (now - lastBeep < 1500 && times <= lastBeepTimes) return;
    lastBeep = now;
    lastBeepTimes = times;
    const t0 = audio.currentTime + 0.02;
    for (let i = 0; i < times; i++) {
      const start = t0 + i * 0.3;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.value = i % 2 ? 660 : 880;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.22);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.25);
    }
  }

  // ---- Login and logout
  function showLogin(message, error) {
    $('sv-workspace').hidden = true;
    $('login-view').hidden = false;
    $('login-message').textContent = message || '';
    $('login-error').textContent = error || '';
    $('login').disabled = false;
    document.title = TITLE;
    $('counsellor-id').focus();
  }

  H.loginForm((body, id) => {
    session = { token: body.token, name: body.counsellor && body.counsellor.name || id };
    keep();
    open();
  }, unlockAudio); // the press that logs in also allows the alert sound

  function stop() {
    sock.stop();
    if (heartbeat) heartbeat.terminate();
    heartbeat = null;
    clearInterval(freshCheck);
    freshCheck = 0;
    lastDashboard = 0;
    showStale(false);
    welcomed = false;
  }

  function clearScreen() {
    $('alerts').textContent = '';
    chatStates.clear();
    seenAlerts.clear();
    alertsAfter = null;
    seenBefore = null;
    $('recent-rows').textContent = '';
    $('recent-escalations').hidden = true;
    $('no-alerts').hidden = $('no-escalations').hidden = false;
    $('sv-notice').hidden = true;
    showMoreAlerts(false);
    D.reset();
    B.clear();
    M.clear();
    markSeen();
  }

  // The screen is cleared before the server is told: a slow network leaves nothing on a screen she walked away from.
  $('sv-logout').addEventListener('click', () => {
    const token = session && session.token;
    stop();
    forget();
    clearScreen();
    showLogin('You are logged out.');
    if (token) H.logout(token);
  });

  function sessionEnded() {
    stop();
    forget();
    clearScreen();
    showLogin('Your session has ended. Please log in again.');
  }

  function notSupervisor() {
    const token = session && session.token;
    stop();
    forget();
    clearScreen();
    if (token) H.logout(token);
    showLogin('', 'This account is not a supervisor account');
  }

  // ---- Alerts
  function markSeen() {
    if (session && alertsAfter && (!session.seen || later(alertsAfter, session.seen))) { // seen after a reload
      session.seen = alertsAfter;
      keep();
    }
    unseen = 0;
    $('sv-unseen').hidden = true;
    showTitle();
    for (const li of $('alerts').querySelectorAll('li.new')) li.classList.remove('new');
  }
  $('sv-seen').addEventListener('click', markSeen);

  function when(at) {
    if (typeof at !== 'number') return '';
    const d = new Date(at);
    const time = H.timeOf(at) + ':' + String(d.getSeconds()).padStart(2, '0');
    return new Date().toDateString() === d.toDateString() ? time : d.toLocaleDateString() + ' ' + time;
  }

  function detail(parts) {
    return parts.filter(Boolean).join(' · ');
  }

  function association(id) {
    return typeof id === 'string' && id ? 'association ' + D.associationName(id) : '';
  }

  // "by" the counsellor an alert names (of an escalation: the one who holds its note and location).
  function by(f) {
    return typeof f.counsellor === 'string' && f.counsellor ? 'by ' + f.counsellor : '';
  }

  // "Escalation to <line> (<kind of line>)", the start of every escalation alert's title.
  function escalationTo(f) {
    return 'Escalation to ' + (f.targetName || f.target || 'a line') + ' ('
      + (KINDS[f.targetKind] || f.targetKind || '?') + ')';
  }

  // Why a chat that went back to the queue is at risk ('requeued' alerts), in words.
  function atRisk(reasons) {
    const words = { danger: 'visitor in danger', escalated: 'escalated', risk_high: 'high risk' };
    return (Array.isArray(reasons) ? reasons : []).map((r) => words[r] || String(r).slice(0, 20)).join(', ');
  }

  // What each kind of alert says: a title and details (the chat's state and reference are added by showAlert).
  // Unknown kinds are still shown.
  function describe(f) {
    const where = association(f.association);
    switch (f.kind) {
      case 'danger':
        return { className: 'danger', beeps: 3, title: 'Visitor in danger now', text: detail([where,
          Number.isInteger(f.count) && f.count > 1 ? f.count + ' in-danger chats from the same connection' : '']) };
      case 'risk':
        return { className: 'risk', beeps: 3, title: (f.level === 'high' ? 'High' : String(f.level || 'New'))
          + ' risk assessed', text: where };
      case 'help':
        return { className: 'help', beeps: 3, title: 'A counsellor asks for help', text: detail([
          f.counsellor ? 'from ' + f.counsellor : '', where]) };
      case 'block':
        return { className: 'other', beeps: 1, title: 'Connection blocked for abuse', text: detail([by(f), where]) };
      case 'escalation':
        return { className: 'escalation', beeps: 2, title: escalationTo(f), text: detail([by(f), where]) };
      case 'escalation_unconfirmed':
        return { className: 'danger unconfirmed', beeps: 3,
          title: escalationTo(f) + ' not confirmed: pass it on by hand',
          text: detail([by(f), where, 'its outcome was not written in time (the node sending it stopped, or was late);'
            + ' ask the on-call receiver for reference ' + D.reference(String(f.escalation || ''))]) };
      case 'escalation_failed':
        return { className: 'danger failed', beeps: 3,
          title: escalationTo(f) + ' not delivered: pass it on by hand',
          text: detail([by(f), where, f.webhook === 'dropped' ? 'its webhook was not tried: too many were pending'
            : 'its webhook failed after every retry', 'reference ' + D.reference(String(f.escalation || ''))]) };
      case 'escalation_settled':
        return { className: 'escalation', beeps: 2, title: escalationTo(f) + ' settled after all: '
          + String(f.webhook || '?').slice(0, 20), text: detail([by(f), where, 'reference '
          + D.reference(String(f.escalation || ''))]) };
      case 'requeued':
        return { className: 'danger', beeps: 3, title: 'Chat at risk back in the queue: its counsellor lost the '
          + 'connection', text: detail([atRisk(f.reasons), where ? 'was with ' + where : '']) };
      default:
        return { className: 'other', beeps: 2, title: 'Alert: ' + String(f.kind || 'unknown').slice(0, 40),
          text: where };
    }
  }

  // ---- The state of the chats alerts cite: from the alert itself (danger), then from chat_state frames.
  function stateText(state) {
    if (!state) return '';
    if (state.status === 'waiting' || state.status === 'offered') return 'still waiting for a counsellor';
    if (state.status === 'active') {
      return 'answered: with ' + (state.counsellor || 'a counsellor')
        + (state.association ? ' (' + D.associationName(state.association) + ')' : '');
    }
    if (state.status === 'ended') return 'chat ended';
    return 'chat ' + String(state.status).slice(0, 20);
  }

  // The detail line: the chat's state now, what the alert says, and the chat's reference, the same as in the active
  // chats table: a link to its row while the chat is listed there.
  function fillDetail(li, text) {
    const node = li.querySelector('.alert-detail');
    const conversation = li.dataset.conversation;
    node.textContent = '';
    if (!conversation) {
      node.textContent = text;
      return;
    }
    const state = stateText(chatStates.get(conversation));
    if (state) node.append(H.el('span', 'alert-state', state), ' · ');
    if (text) node.append(text, ' · ');
    node.append(H.el('span', 'chat-ref'));
    linkReference(li);
  }

  function linkReference(li) {
    const holder = li.querySelector('.chat-ref');
    const conversation = li.dataset.conversation;
    const row = D.activeRow(conversation);
    const label = 'conversation ' + D.reference(conversation);
    const current = holder.firstChild;
    if (current && (current.tagName === 'A') === !!row && current.textContent === label) return;
    holder.textContent = '';
    if (!row) {
      holder.textContent = label;
      return;
    }
    const link = H.el('a', null, label);
    link.href = '#' + row.id;
    link.title = 'Show this chat in the active chats';
    holder.append(link);
  }

  $('alerts').addEventListener('click', (e) => {
    const link = e.target.closest('.chat-ref a');
    if (!link) return;
    const row = D.activeRow(link.closest('li').dataset.conversation);
    if (!row) return;
    e.preventDefault();
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
  });

  function chatState(f) {
    if (typeof f.conversation !== 'string' || typeof f.status !== 'string') return;
    if (followPending && followPending.has(f.conversation)) {
      followPending = null;
      followAgain.done();
    }
    chatStates.set(f.conversation, { status: f.status, counsellor: f.counsellor, association: f.association });
    for (const li of alertsOf(f.conversation)) {
      const node = li.querySelector('.alert-state');
      if (node) node.textContent = stateText(chatStates.get(f.conversation));
      else fillDetail(li, li.dataset.text || '');
    }
  }

  function alertsOf(conversation) {
    return [...$('alerts').querySelectorAll('li.alert')].filter((li) => li.dataset.conversation === conversation);
  }

  // After each dashboard frame: a reference links to its row only while the chat is in the table.
  function dashboard(f) {
    lastDashboard = Date.now();
    showStale(false);
    D.update(f);
    M.activeChats(f.active, D.associationName);
    for (const li of $('alerts').querySelectorAll('li.alert[data-conversation]')) linkReference(li);
  }

  function showTitle() {
    document.title = (stale ? '(not updated) ' : '') + (unseen > 0 ? ALERT_TITLE : TITLE);
  }

  function checkFresh() {
    if (!session || !lastDashboard) return;
    const since = Date.now() - lastDashboard;
    if (since > Math.max(10000, 3000 * D.refreshSeconds())) showStale(true);
    if (since > 30000 && !staleBeeped) {
      staleBeeped = true;
      beep(1);
    }
  }
  function showStale(on) {
    if (on === stale) return;
    stale = on;
    staleBeeped = staleBeeped && on;
    $('sv-stale').textContent = on ? 'Not updated since ' + H.timeOf(lastDashboard) + ': the figures, chats and '
      + 'alerts on this page may be out of date. Reconnecting…' : '';
    $('sv-stale').hidden = !on;
    $('sv-workspace').classList.toggle('stale', on);
    showTitle();
  }

  // Whether log id a comes after log id b ('<ms>-<n>').
  function later(a, b) {
    const [ma, na] = a.split('-').map(Number);
    const [mb, nb] = b.split('-').map(Number);
    return ma > mb || (ma === mb && na > nb);
  }

  function knowAlertId(id) {
    if (isLogId(id) && (!alertsAfter || later(id, alertsAfter))) alertsAfter = id;
  }

  // The oldest alert shown left the screen: a reload of this tab starts after it.
  function shownAfter(id) {
    if (!session || !isLogId(id) || session.alertsFrom && !later(id, session.alertsFrom)) return;
    session.alertsFrom = id;
    keep();
  }

  function showAlert(f) {
    if (typeof f.id === 'string') {
      if (seenAlerts.has(f.id)) return;
      seenAlerts.add(f.id);
      if (seenAlerts.size > 4 * MAX_ALERTS) seenAlerts.delete(seenAlerts.values().next().value);
      knowAlertId(f.id);
    }
    // shown before this tab was reloaded and marked as seen then: not new again
    const seen = !!seenBefore && isLogId(f.id) && !later(f.id, seenBefore);
    const shown = describe(f);
    const cites = typeof f.conversation === 'string' && f.conversation;
    if (cites && (f.kind === 'danger' || f.kind === 'requeued') && typeof f.status === 'string') {
      chatStates.set(f.conversation, { status: f.status, association: f.association });
    }
    // a danger alert with a count is the same chat's again (one connection, several in-danger chats): update it
    const same = f.kind === 'danger' && Number.isInteger(f.count) && cites
      && alertsOf(f.conversation).find((li) => li.dataset.kind === 'danger');
    if (same) {
      same.dataset.text = shown.text;
      fillDetail(same, shown.text);
      return;
    }
    if (f.kind === 'block') B.refresh();
    const li = H.el('li', 'alert ' + (seen ? '' : 'new ') + shown.className);
    if (isLogId(f.id)) li.dataset.id = f.id;
    li.dataset.kind = f.kind; // several kinds share a colour: a danger alert's count updates a danger alert only
    if (cites) li.setAttribute('data-conversation', f.conversation);
    li.dataset.text = shown.text;
    if (f.kind === 'escalation') {
      addEscalationRow({ id: f.escalation, at: f.at, association: f.association, targetKind: f.targetKind,
        target: f.targetName || f.target, webhook: '—' }, true);
    }
    if (f.kind === 'escalation_unconfirmed' || f.kind === 'escalation_settled' || f.kind === 'escalation_failed') {
      markOutcome(f);
    }
    li.append(H.el('span', 'alert-time', when(typeof f.at === 'number' ? f.at : Date.now())),
      H.el('strong', 'alert-title', shown.title), H.el('span', 'alert-detail'));
    fillDetail(li, shown.text);
    if (cites && f.kind !== 'block') li.append(M.monitorButton(f.conversation));
    const list = $('alerts');
    list.prepend(li);
    while (list.children.length > MAX_ALERTS) {
      shownAfter(list.lastElementChild.dataset.id);
      list.lastElementChild.remove();
    }
    $('no-alerts').hidden = true;
    showMoreAlerts($('more-alerts').getAttribute('aria-expanded') === 'true');
    if (seen) return;
    unseen++;
    $('sv-unseen').textContent = String(unseen);
    $('sv-unseen').hidden = false;
    showTitle();
    beep(shown.beeps);
  }

  // The newest alerts stay in view; older ones fold away so the figures below stay reachable.
  function showMoreAlerts(expanded) {
    const list = $('alerts');
    const more = $('more-alerts');
    const total = list.children.length;
    list.classList.toggle('folded', !expanded);
    more.hidden = total <= ALERTS_SHOWN;
    more.setAttribute('aria-expanded', String(expanded));
    more.textContent = expanded ? 'Show only the newest ' + ALERTS_SHOWN + ' alerts' : 'Show all ' + total + ' alerts';
  }
  $('more-alerts').addEventListener('click', () => {
    showMoreAlerts($('more-alerts').getAttribute('aria-expanded') !== 'true');
  });

  // ---- Recent escalations
  function addEscalationRow(e, first) {
    if (!e || typeof e !== 'object') return;
    const rows = $('recent-rows');
    const id = typeof e.id === 'string' ? e.id : '';
    if (id && [...rows.children].some((tr) => tr.getAttribute('data-escalation') === id)) return;
    const tr = H.el('tr', e.targetKind === 'emergency' ? 'kind-emergency' : '');
    if (id) tr.setAttribute('data-escalation', id);
    const associationName = typeof e.association === 'string' ? D.associationName(e.association) : e.association;
    for (const value of [when(e.at), associationName, KINDS[e.targetKind] || e.targetKind, e.targetName || e.target,
      e.webhook, id ? D.reference(id) : '']) {
      tr.append(H.el('td', null, value === undefined || value === null ? '' : String(value)));
    }
    if (first) rows.prepend(tr);
    else rows.append(tr);
    $('recent-escalations').hidden = false;
    $('no-escalations').hidden = true;
  }

  // An escalation's webhook outcome, not written in time (its node stopped or was late: 'unconfirmed'), written after
  // all, or 'failed' or 'dropped' (not delivered): its row says so, added if not listed yet.
  function markOutcome(f) {
    if (typeof f.escalation !== 'string') return;
    const webhook = String(f.webhook || '?');
    const row = [...$('recent-rows').children].find((tr) => tr.getAttribute('data-escalation') === f.escalation);
    if (row) row.children[4].textContent = webhook;
    else addEscalationRow({ id: f.escalation, at: f.at, association: f.association, targetKind: f.targetKind,
      targetName: f.targetName, target: f.target, webhook }, true);
  }

  function showRecent(list) {
    $('recent-rows').textContent = '';
    const items = Array.isArray(list) ? list.slice() : [];
    items.sort((a, b) => (b && b.at || 0) - (a && a.at || 0));
    for (const e of items) addEscalationRow(e, false);
    const any = $('recent-rows').children.length > 0;
    $('recent-escalations').hidden = !any;
    $('no-escalations').hidden = any;
  }

  function notice(text) {
    $('sv-notice').textContent = text;
    $('sv-notice').hidden = !text;
  }

  // ---- The socket: auth, then alerts. Pings every 15 s; reconnects with backoff (chat-common.js).
  function welcome(f) {
    sock.connected();
    $('sv-connection').textContent = 'Connected';
    if (welcomed && f.alertsIncomplete) {
      notice('The connection was lost for a long while: some alerts raised meanwhile may be missing (the server keeps '
        + 'the last 1,000, for a day). Check the queue, the active chats and the recent escalations below.');
    } else if (welcomed) {
      notice('The connection was lost for a while: the alerts raised meanwhile are added above as they come back.');
    } else if (f.alertsIncomplete) { // only a page reloaded names since at its first welcome
      notice('Some alerts shown before this page was reloaded may be missing (the server keeps the last 1,000, for a '
        + 'day). Check the queue, the active chats and the recent escalations below.');
    }
    welcomed = true;
    socketWelcomed = true;
    knowAlertId(f.alertsFrom);
    if (!session.alertsFrom && isLogId(f.alertsFrom)) { // the first welcome since the login: the screen starts here
      session.alertsFrom = f.alertsFrom;
      keep();
    }
    followCited();
    showRecent(f.recentEscalations);
    D.welcome(f);
    B.start(session.token);
    M.reconnected();
  }

  // The chats the alerts on screen cite: their states again, and their changes. Asked again, later and later, while
  // the server answers that it cannot now.
  function followCited() {
    if (!socketWelcomed) return; // a retry due before this socket's welcome: the welcome follows them all
    const cited = [...new Set([...$('alerts').querySelectorAll('li.alert[data-conversation]')]
      .map((li) => li.dataset.conversation))].slice(0, MAX_ALERTS);
    followPending = cited.length > 0 && sock.send({ type: 'follow', conversations: cited }) ? new Set(cited) : null;
  }

  function onError(f) {
    if (M.refused(f)) return;
    if (!f.ref && f.code === 'rate_limited') M.rateLimited();
    // rate_limited carries no ref (the frame was dropped unread): the follow may have been that frame
    if (followPending && (f.ref === 'follow' || !f.ref && f.code === 'rate_limited')
      && ['unavailable', 'internal', 'rate_limited'].includes(f.code)) {
      followAgain.soon();
      return;
    }
    if (f.code === 'session_expired') sessionEnded();
    else if (f.code === 'not_supervisor') notSupervisor();
    else if (f.ref === 'auth' || f.code === 'unauthenticated') sock.restart();
  }

  // What each frame type does (protocol.md, supervisor WebSocket).
  const FRAMES = Object.assign({ welcome, dashboard, alert: showAlert, chat_state: chatState, error: onError },
    M.frames);

  sock = H.ReconnectingSocket('/ws/supervisor', {
    open() {
      socketWelcomed = false;
      $('sv-connection').textContent = 'Connecting…';
      // a reconnect names the newest alert known; a reloaded page, where its screen's alerts started: shown again
      sock.send({ type: 'auth', token: session.token, since: alertsAfter || session.alertsFrom || undefined });
    },
    frame: H.frameTable(FRAMES),
    reconnect: (code) => code !== 4001,
    close(code) {
      socketWelcomed = false;
      M.lost();
      if (code === 4001) sessionEnded();
      else if (session) $('sv-connection').textContent = 'Connection lost, reconnecting… Alerts cannot arrive meanwhile.';
    },
  }, 15000);
  M.start((frame) => sock.send(frame), () => session && session.name || '', (monitoring) => {
    if (!session) return; // logged out: nothing is kept
    session.monitoring = monitoring;
    keep();
  });

  function open() {
    $('login-view').hidden = true;
    $('sv-workspace').hidden = false;
    $('sv-who').textContent = session.name ? '— ' + session.name : '';
    $('login-error').textContent = '';
    $('sv-connection').textContent = 'Connecting…';
    notice('');
    showSound();
    // Timers in a worker keep the pings on time while this tab is in the background.
    if (!heartbeat && window.Worker) {
      try {
        heartbeat = new Worker('/console/heartbeat.js');
        heartbeat.onmessage = () => {
          sock.beat();
          checkFresh();
        };
      } catch (e) {
        heartbeat = null;
      }
    }
    if (!freshCheck) freshCheck = setInterval(checkFresh, 2000);
    M.restore(session.monitoring || []); // a reloaded tab's panes, asked again at welcome
    sock.start();
    $('sv-seen').focus();
  }

  if (session) open();
  else showLogin('');
})();
