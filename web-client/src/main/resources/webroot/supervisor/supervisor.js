'use strict';
// The supervisor's live alert page: log in, follow /ws/supervisor, show every alert (a visitor in danger now, an
// escalation) as it happens, with a beep made by the Web Audio API. The session token lives in sessionStorage only.
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.supervisor';
  const TITLE = 'Helpline supervisor';
  const ALERT_TITLE = '(!) Alert';
  const MAX_ALERTS = 200;
  const KINDS = { emergency: 'Emergency services', service: 'Support service' };

  let session = load();
  let sock = null;
  let heartbeat = null;
  let unseen = 0;
  let audio = null;
  let soundWanted = true;
  let lastBeep = 0;
  let welcomed = false;

  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.token === 'string') return s;
    } catch (e) { /* start from the login form */ }
    return null;
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
      if (!audio) audio = new Context();
      if (audio.state === 'suspended') audio.resume().then(showSound, showSound);
    } catch (e) {
      audio = null;
    }
    showSound();
  }

  function soundOn() {
    return soundWanted && !!audio && audio.state === 'running';
  }

  function showSound() {
    const button = $('sv-sound');
    const on = soundOn();
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? 'Sound on' : soundWanted && audio ? 'Turn sound on (click)' : 'Turn sound on';
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

  // A short beep: an oscillator, no audio file. Danger alerts beep three times, escalations twice.
  function beep(times) {
    if (!soundOn()) return;
    const now = Date.now();
    if (now - lastBeep < 1500) return; // a burst of alerts: one sound
    lastBeep = now;
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
    $('sv-login-view').hidden = false;
    $('sv-message').textContent = message || '';
    $('sv-error').textContent = error || '';
    $('sv-login').disabled = false;
    document.title = TITLE;
    $('sv-id').focus();
  }

  $('sv-login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    unlockAudio(); // this press allows the alert sound
    const id = $('sv-id').value.trim();
    const password = $('sv-password').value;
    const error = $('sv-error');
    error.textContent = '';
    if (!id || !password) {
      error.textContent = 'Enter your id and password.';
      return;
    }
    $('sv-login').disabled = true;
    $('sv-message').textContent = 'Logging in…';
    const response = await H.login(id, password);
    $('sv-login').disabled = false;
    $('sv-message').textContent = '';
    if (!response) {
      error.textContent = 'Cannot reach the server. Check the connection and try again.';
      return;
    }
    if (response.status === 401) {
      error.textContent = 'Unknown account or wrong password';
      $('sv-password').value = '';
      $('sv-password').focus();
      return;
    }
    let body = null;
    try {
      body = response.ok ? await response.json() : null;
    } catch (err) { /* handled below */ }
    if (!body || typeof body.token !== 'string') {
      error.textContent = response.status === 400 ? 'Enter your id and password.'
        : 'The service is not available right now. Please try again.';
      return;
    }
    session = { token: body.token, name: body.counsellor && body.counsellor.name || id };
    try {
      sessionStorage.setItem(STORE, JSON.stringify(session));
    } catch (err) { /* kept in memory */ }
    $('sv-password').value = '';
    open();
  });

  function logoutOnServer(token) {
    return fetch('/api/counsellor/logout', {
      method: 'POST', headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit',
    }).catch(() => { /* the session runs out by itself */ });
  }

  function stop() {
    sock.stop();
    if (heartbeat) heartbeat.terminate();
    heartbeat = null;
    welcomed = false;
  }

  function clearScreen() {
    $('alerts').textContent = '';
    $('recent-rows').textContent = '';
    $('recent-escalations').hidden = true;
    $('no-alerts').hidden = $('no-escalations').hidden = false;
    $('sv-notice').hidden = true;
    markSeen();
  }

  $('sv-logout').addEventListener('click', async () => {
    const token = session && session.token;
    stop();
    forget();
    $('sv-logout').disabled = true;
    if (token) await logoutOnServer(token);
    $('sv-logout').disabled = false;
    clearScreen();
    showLogin('You are logged out.');
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
    if (token) logoutOnServer(token);
    showLogin('', 'This account is not a supervisor account');
  }

  // ---- Alerts
  function markSeen() {
    unseen = 0;
    $('sv-unseen').hidden = true;
    document.title = TITLE;
    for (const li of $('alerts').querySelectorAll('li.new')) li.classList.remove('new');
  }
  $('sv-seen').addEventListener('click', markSeen);

  function short(id) {
    return typeof id === 'string' ? id.slice(0, 8) + '…' : '?';
  }

  function when(at) {
    if (typeof at !== 'number') return '';
    const d = new Date(at);
    const time = H.timeOf(at) + ':' + String(d.getSeconds()).padStart(2, '0');
    return new Date().toDateString() === d.toDateString() ? time : d.toLocaleDateString() + ' ' + time;
  }

  function detail(parts) {
    return parts.filter(Boolean).join(' · ');
  }

  function showAlert(f) {
    const danger = f.kind === 'danger';
    if (!danger && f.kind !== 'escalation') return;
    const li = H.el('li', 'alert new ' + (danger ? 'danger' : 'escalation'));
    li.setAttribute('role', 'alert');
    if (typeof f.conversation === 'string') li.setAttribute('data-conversation', f.conversation);
    let title;
    let text;
    if (danger) {
      title = 'Visitor in danger now';
      text = detail([f.status === 'waiting' ? 'still waiting for a counsellor' : f.status ? 'chat ' + f.status : '',
        f.association ? 'association ' + f.association : '', 'conversation ' + short(f.conversation)]);
    } else {
      title = 'Escalation to ' + (f.targetName || f.target || 'a line') + ' (' + (KINDS[f.targetKind] || f.targetKind
        || '?') + ')';
      text = detail([f.counsellor ? 'by ' + f.counsellor : '', f.association ? 'association ' + f.association : '',
        'conversation ' + short(f.conversation)]);
      addEscalationRow({ id: f.escalation, at: f.at, association: f.association, targetKind: f.targetKind,
        target: f.targetName || f.target, webhook: '—' }, true);
    }
    li.append(H.el('span', 'alert-time', when(typeof f.at === 'number' ? f.at : Date.now())),
      H.el('strong', 'alert-title', title), H.el('span', 'alert-detail', text));
    const list = $('alerts');
    list.prepend(li);
    while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
    $('no-alerts').hidden = true;
    unseen++;
    $('sv-unseen').textContent = String(unseen);
    $('sv-unseen').hidden = false;
    document.title = ALERT_TITLE;
    beep(danger ? 3 : 2);
  }

  // ---- Recent escalations
  function addEscalationRow(e, first) {
    if (!e || typeof e !== 'object') return;
    const rows = $('recent-rows');
    const id = typeof e.id === 'string' ? e.id : '';
    if (id && [...rows.children].some((tr) => tr.getAttribute('data-escalation') === id)) return;
    const tr = H.el('tr', e.targetKind === 'emergency' ? 'kind-emergency' : '');
    if (id) tr.setAttribute('data-escalation', id);
    for (const value of [when(e.at), e.association, KINDS[e.targetKind] || e.targetKind, e.target, e.webhook,
      id ? short(id) : '']) {
      tr.append(H.el('td', null, value === undefined || value === null ? '' : String(value)));
    }
    if (first) rows.prepend(tr);
    else rows.append(tr);
    $('recent-escalations').hidden = false;
    $('no-escalations').hidden = true;
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
  function onFrame(f) {
    switch (f.type) {
      case 'welcome':
        sock.connected();
        $('sv-connection').textContent = 'Connected';
        if (welcomed) notice('The connection was lost for a while: alerts raised meanwhile are not listed above. '
          + 'Check the recent escalations below.');
        welcomed = true;
        showRecent(f.recentEscalations);
        break;
      case 'alert':
        showAlert(f);
        break;
      case 'error':
        if (f.code === 'session_expired') sessionEnded();
        else if (f.code === 'not_supervisor') notSupervisor();
        else if (f.ref === 'auth' || f.code === 'unauthenticated') sock.restart();
        break;
      default:
        break;
    }
  }

  sock = H.ReconnectingSocket('/ws/supervisor', {
    open() {
      $('sv-connection').textContent = 'Connecting…';
      sock.send({ type: 'auth', token: session.token });
    },
    frame: onFrame,
    reconnect: (code) => code !== 4001,
    close(code) {
      if (code === 4001) sessionEnded();
      else if (session) $('sv-connection').textContent = 'Connection lost, reconnecting… Alerts cannot arrive meanwhile.';
    },
  }, 15000);

  function open() {
    $('sv-login-view').hidden = true;
    $('sv-workspace').hidden = false;
    $('sv-who').textContent = session.name ? '— ' + session.name : '';
    $('sv-error').textContent = '';
    $('sv-connection').textContent = 'Connecting…';
    notice('');
    showSound();
    // Timers in a worker keep the pings on time while this tab is in the background.
    if (!heartbeat && window.Worker) {
      try {
        heartbeat = new Worker('/console/heartbeat.js');
        heartbeat.onmessage = () => sock.beat();
      } catch (e) {
        heartbeat = null;
      }
    }
    sock.start();
    $('sv-seen').focus();
  }

  if (session) open();
  else showLogin('');
})();
