'use strict';
// The counsellor console: log in, follow every held conversation on /ws/console, answer them.
// The session token lives in sessionStorage (forgotten when the tab closes) and nowhere else.
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.console';
  const TITLE = 'Helpline console';
  const ROLES = { victim: 'Victim', witness: 'Witness', relative: 'Relative or friend', professional: 'Professional' };
  const WORDS = {
    rate_limited: 'Sending too fast; the message will be sent again in a moment.',
    text_too_long: 'This message is too long (4000 characters at most). Please split it.',
    too_large: 'This message is too long. Please split it.',
    invalid: 'The server refused a malformed request.',
    not_assigned: 'This conversation is no longer assigned to you. The list has been refreshed.',
    conversation_ended: 'This conversation has ended.',
    unavailable: 'The service had a short problem; trying again.',
    internal: 'The service had a short problem; trying again.',
    other: 'Something went wrong. Please try again.',
  };

  let session = load();
  let sock = null;
  let counter = 0;
  const convs = new Map(); // conversation id -> state
  const refs = new Map(); // clientId -> conversation id (messages not yet acknowledged)
  let noticeTimer = 0;

  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.token === 'string') return s;
    } catch (e) { /* start from the login form */ }
    return null;
  }

  function notice(code) {
    const box = $('console-notice');
    box.textContent = WORDS[code] || code || WORDS.other;
    box.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { box.hidden = true; }, 10000);
  }

  // ---- Login and logout
  function showLogin(message) {
    $('workspace').hidden = true;
    $('login-view').hidden = false;
    $('login-message').textContent = message || '';
    $('login').disabled = false;
    document.title = TITLE;
    $('counsellor-id').focus();
  }

  function showWorkspace() {
    $('login-view').hidden = true;
    $('workspace').hidden = false;
    $('who').textContent = session.counsellor && session.counsellor.name ? session.counsellor.name : 'Console';
    $('login-error').textContent = '';
  }

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = $('counsellor-id').value.trim();
    const password = $('password').value;
    const error = $('login-error');
    error.textContent = '';
    if (!id || !password) {
      error.textContent = 'Enter your id and password.';
      return;
    }
    $('login').disabled = true;
    $('login-message').textContent = 'Logging in…';
    let response;
    try {
      response = await fetch('/api/counsellor/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, password }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (err) {
      response = null;
    }
    $('login').disabled = false;
    $('login-message').textContent = '';
    if (!response) {
      error.textContent = 'Cannot reach the server. Check the connection and try again.';
      return;
    }
    if (response.status === 401) {
      error.textContent = 'Unknown account or wrong password';
      $('password').value = '';
      $('password').focus();
      return;
    }
    if (!response.ok) {
      error.textContent = response.status === 400 ? 'Enter your id and password.'
        : 'The service is not available right now. Please try again.';
      return;
    }
    let body = null;
    try {
      body = await response.json();
    } catch (err) { /* handled below */ }
    if (!body || typeof body.token !== 'string') {
      error.textContent = 'The service is not available right now. Please try again.';
      return;
    }
    session = { token: body.token, counsellor: body.counsellor || {} };
    sessionStorage.setItem(STORE, JSON.stringify(session));
    $('password').value = '';
    open();
  });

  function clearAll() {
    sock.stop();
    session = null;
    try {
      sessionStorage.removeItem(STORE);
    } catch (e) { /* nothing kept */ }
    convs.clear();
    refs.clear();
    $('conversations').textContent = '';
    $('chats').textContent = '';
    $('no-conversations').hidden = false;
    $('connection-state').textContent = '';
    $('console-notice').hidden = true;
    setStatus('');
  }

  function sessionEnded() {
    clearAll();
    showLogin('Your session has ended. Please log in again.');
  }

  $('logout').addEventListener('click', async () => {
    const token = session && session.token;
    sock.stop();
    $('logout').disabled = true;
    if (token) {
      try {
        await fetch('/api/counsellor/logout', {
          method: 'POST', headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit',
        });
      } catch (e) { /* the session runs out by itself */ }
    }
    $('logout').disabled = false;
    clearAll();
    showLogin('You are logged out.');
  });

  // ---- Availability
  function setStatus(status) {
    $('current-status').textContent = status;
    $('go-available').setAttribute('aria-pressed', String(status === 'available'));
    $('go-away').setAttribute('aria-pressed', String(status === 'away'));
  }
  for (const [button, status] of [['go-available', 'available'], ['go-away', 'away']]) {
    $(button).addEventListener('click', () => {
      if (!sock.send({ type: 'status', status })) notice('Not connected. Try again in a moment.');
    });
  }

  // ---- Conversations
  function triageItems(c) {
    const t = c.triage || {};
    const items = [];
    if (t.inDanger) items.push(['IN DANGER NOW', 'in-danger']);
    items.push([t.role ? ROLES[t.role] || t.role : 'Role not given']);
    if (t.language) items.push(['Language: ' + t.language]);
    if (t.region) items.push(['Region: ' + t.region]);
    if (t.topic) items.push(['Topic: ' + t.topic]);
    items.push([t.childrenInvolved ? 'Children involved' : 'No children mentioned']);
    if (c.startedAt) items.push(['Started ' + H.timeOf(c.startedAt)]);
    return items;
  }

  function label(c) {
    const t = c.triage || {};
    return '#' + c.n + ' ' + [t.role ? ROLES[t.role] || t.role : 'Visitor', t.region, t.topic].filter(Boolean).join(' · ');
  }

  function render(c) {
    const danger = !!(c.triage && c.triage.inDanger);
    c.section.classList.toggle('danger', danger);
    c.li.classList.toggle('danger', danger);
    c.heading.textContent = label(c) + (danger ? ' — IN DANGER' : '');
    c.liLabel.textContent = label(c) + (danger ? ' — IN DANGER' : '');
    c.triageList.textContent = '';
    for (const [text, cls] of triageItems(c)) c.triageList.append(H.el('li', cls, text));
  }

  function conversation(id) {
    let c = convs.get(id);
    if (c) return c;
    counter++;
    c = {
      id, n: counter, triage: {}, ended: false, followed: false, shown: new Set(), lastSeq: 0,
      byClient: new Map(), outbox: new Map(), unread: 0, typingTimer: 0, lastTypingSent: 0,
    };
    const section = H.el('section', 'chat card');
    section.setAttribute('data-conversation', id);
    const header = H.el('header');
    c.heading = H.el('h2');
    c.heading.id = 'chat-title-' + c.n;
    section.setAttribute('aria-labelledby', c.heading.id);
    c.state = H.el('span', 'hint', 'active');
    header.append(c.heading, c.state);
    c.triageList = H.el('ul', 'triage');
    c.triageList.setAttribute('aria-label', 'Triage');
    c.list = H.el('ol', 'messages');
    c.list.setAttribute('role', 'log');
    c.list.setAttribute('aria-live', 'polite');
    c.list.setAttribute('aria-label', 'Messages');
    c.typing = H.el('p', 'typing', 'The visitor is typing…');
    c.typing.hidden = true;
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
    form.append(lab, c.text, c.send);
    c.end = H.el('button', 'end secondary', 'End conversation');
    c.end.type = 'button';
    c.dismiss = H.el('button', 'dismiss secondary', 'Remove from the list');
    c.dismiss.type = 'button';
    c.dismiss.hidden = true;
    section.append(header, c.triageList, c.list, c.typing, form, c.end, c.dismiss);
    c.section = section;

    c.li = H.el('li');
    c.li.setAttribute('data-conversation', id);
    const pick = H.el('button');
    pick.type = 'button';
    c.liLabel = H.el('span');
    c.badge = H.el('span', 'unread');
    c.badge.hidden = true;
    pick.append(c.liLabel, c.badge);
    c.li.append(pick);

    pick.addEventListener('click', () => {
      section.scrollIntoView({ block: 'nearest' });
      (c.ended ? c.dismiss : c.text).focus();
    });
    section.addEventListener('focusin', () => read(c));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      compose(c);
    });
    c.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    c.text.addEventListener('input', () => {
      const now = Date.now();
      if (c.followed && !c.ended && c.text.value.trim() && now - c.lastTypingSent >= 3000) {
        c.lastTypingSent = now;
        sock.send({ type: 'typing', conversation: id });
      }
    });
    c.end.addEventListener('click', () => {
      if (!c.ended && !sock.send({ type: 'end', conversation: id })) notice('Not connected. Try again in a moment.');
    });
    c.dismiss.addEventListener('click', () => {
      section.remove();
      c.li.remove();
      convs.delete(id);
      $('no-conversations').hidden = convs.size > 0;
      updateTitle();
    });

    convs.set(id, c);
    $('chats').append(section);
    $('conversations').append(c.li);
    $('no-conversations').hidden = true;
    render(c);
    return c;
  }

  function read(c) {
    if (!c.unread) return;
    c.unread = 0;
    c.badge.hidden = true;
    updateTitle();
  }

  function updateTitle() {
    let total = 0;
    for (const c of convs.values()) total += c.unread;
    document.title = total ? '(' + total + ') ' + TITLE : TITLE;
  }

  function ended(c, how) {
    if (!c.ended) {
      c.ended = true;
      for (const clientId of [...c.outbox.keys()]) failed(c, clientId);
    }
    c.state.textContent = how;
    c.section.classList.add('ended');
    c.li.classList.add('ended');
    c.text.disabled = c.send.disabled = true;
    c.end.hidden = true;
    c.dismiss.hidden = false;
    c.typing.hidden = true;
  }

  function reopen(c) {
    c.ended = false;
    c.state.textContent = 'active';
    c.section.classList.remove('ended');
    c.li.classList.remove('ended');
    c.text.disabled = c.send.disabled = false;
    c.end.hidden = false;
    c.dismiss.hidden = true;
  }

  // ---- Messages
  function item(from, text) {
    const li = H.el('li', 'message from-' + (from === 'counsellor' ? 'counsellor' : 'visitor'));
    li.append(H.el('span', 'who', from === 'counsellor' ? 'You' : 'Visitor'), H.el('p', 'text', text), H.el('span', 'meta'));
    return li;
  }

  function delivered(c, li, seq, at) {
    li.setAttribute('data-seq', String(seq));
    li.classList.remove('pending');
    li.classList.add('delivered');
    li.querySelector('.meta').textContent = at ? H.timeOf(at) : 'Sent';
    c.shown.add(seq);
    H.place(c.list, li);
  }

  function onMessage(f) {
    const c = convs.get(f.conversation);
    if (!c || typeof f.seq !== 'number') return;
    if (f.seq > c.lastSeq) c.lastSeq = f.seq;
    const own = f.from === 'counsellor' && f.clientId ? c.byClient.get(f.clientId) : null;
    if (own) {
      c.outbox.delete(f.clientId);
      refs.delete(f.clientId);
      if (own.getAttribute('data-seq') !== String(f.seq)) delivered(c, own, f.seq, f.at);
      else own.querySelector('.meta').textContent = H.timeOf(f.at);
      return;
    }
    if (c.shown.has(f.seq)) return;
    const li = item(f.from, f.text);
    if (f.from === 'counsellor' && f.clientId) c.byClient.set(f.clientId, li);
    delivered(c, li, f.seq, f.at);
    if (f.from === 'visitor') {
      c.typing.hidden = true;
      if (document.hidden || !c.section.contains(document.activeElement)) {
        c.unread++;
        c.badge.textContent = String(c.unread);
        c.badge.hidden = false;
        updateTitle();
      }
    }
  }

  function onAck(f) {
    const c = convs.get(f.conversation || refs.get(f.clientId));
    refs.delete(f.clientId);
    if (!c) return;
    c.outbox.delete(f.clientId);
    const li = c.byClient.get(f.clientId);
    if (li && !li.hasAttribute('data-seq') && typeof f.seq === 'number') delivered(c, li, f.seq, null);
  }

  function failed(c, clientId) {
    c.outbox.delete(clientId);
    refs.delete(clientId);
    const li = c.byClient.get(clientId);
    if (li && li.classList.contains('pending')) {
      li.classList.remove('pending');
      li.classList.add('failed');
      li.querySelector('.meta').textContent = 'Not sent';
      if (!c.text.value && !c.ended) c.text.value = li.querySelector('.text').textContent;
    }
  }

  function sendQueued(c, clientId) {
    if (c.followed && c.outbox.has(clientId)) {
      sock.send({ type: 'send', conversation: c.id, clientId, text: c.outbox.get(clientId) });
    }
  }

  function compose(c) {
    const text = c.text.value;
    if (!text.trim() || c.ended) return;
    const clientId = H.newClientId('c');
    const li = item('counsellor', text);
    li.classList.add('pending');
    li.setAttribute('data-client-id', clientId);
    li.querySelector('.meta').textContent = 'Sending…';
    c.byClient.set(clientId, li);
    c.outbox.set(clientId, text);
    refs.set(clientId, c.id);
    H.place(c.list, li);
    c.text.value = '';
    sendQueued(c, clientId);
    c.text.focus();
  }

  // rate_limited errors carry no ref: resend every message not yet acknowledged (the server stores each once).
  let retryTimer = 0;
  function retrySoon() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      for (const c of convs.values()) for (const clientId of c.outbox.keys()) sendQueued(c, clientId);
    }, 2000);
  }

  function onError(f) {
    const code = f.code;
    const ref = f.ref;
    if (code === 'session_expired') {
      sessionEnded();
      return;
    }
    if (ref === 'auth' || code === 'unauthenticated') {
      sock.restart();
      return;
    }
    if (code === 'rate_limited' || code === 'unavailable' || code === 'internal') {
      if (ref !== 'typing' && ref !== 'ping') {
        notice(code);
        retrySoon();
      }
      return;
    }
    const c = ref && refs.has(ref) ? convs.get(refs.get(ref)) : null;
    if (c) {
      failed(c, ref);
      if (code === 'conversation_ended') ended(c, 'Ended');
    }
    if (code === 'not_assigned') sock.restart();
    if (ref !== 'typing' && ref !== 'ping') notice(code);
  }

  function onFrame(f) {
    switch (f.type) {
      case 'welcome': {
        sock.connected();
        $('connection-state').textContent = '';
        if (f.counsellor && f.counsellor.name) $('who').textContent = f.counsellor.name;
        setStatus(f.status);
        const held = new Set(Array.isArray(f.conversations) ? f.conversations : []);
        for (const c of convs.values()) {
          if (!c.ended && !held.has(c.id)) ended(c, 'Ended or moved while you were offline');
        }
        break;
      }
      case 'status':
        setStatus(f.status);
        break;
      case 'assigned': {
        const c = conversation(f.conversation);
        c.triage = f.triage || {};
        c.startedAt = f.startedAt;
        c.followed = true;
        render(c);
        if (f.status === 'ended') {
          ended(c, 'Ended');
        } else {
          if (c.ended) reopen(c);
          for (const clientId of c.outbox.keys()) sendQueued(c, clientId);
        }
        break;
      }
      case 'message':
        onMessage(f);
        break;
      case 'ack':
        onAck(f);
        break;
      case 'typing': {
        const c = convs.get(f.conversation);
        if (c && f.from === 'visitor' && !c.ended) {
          c.typing.hidden = false;
          clearTimeout(c.typingTimer);
          c.typingTimer = setTimeout(() => { c.typing.hidden = true; }, 4000);
        }
        break;
      }
      case 'ended': {
        const c = convs.get(f.conversation);
        if (c) ended(c, f.by === 'visitor' ? 'Ended by the visitor' : 'Ended by you');
        break;
      }
      case 'error':
        onError(f);
        break;
      default:
        break;
    }
  }

  sock = H.ReconnectingSocket('/ws/console', {
    open() {
      const resume = {};
      for (const c of convs.values()) {
        c.followed = false;
        if (!c.ended) resume[c.id] = c.lastSeq;
      }
      $('connection-state').textContent = 'Connected';
      sock.send({ type: 'auth', token: session.token, resume });
    },
    frame: onFrame,
    reconnect: (code) => code !== 4001,
    close(code) {
      for (const c of convs.values()) c.followed = false;
      if (code === 4001) sessionEnded();
      else $('connection-state').textContent = 'Connection lost, reconnecting…';
    },
  });

  function open() {
    showWorkspace();
    $('connection-state').textContent = 'Connecting…';
    sock.start();
  }

  if (session) open();
  else showLogin('');
})();
