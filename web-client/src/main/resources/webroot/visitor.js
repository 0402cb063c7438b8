'use strict';
// The visitor's chat. Nothing is kept but {conversation, resumeSecret, lastSeq, code} in sessionStorage, which the
// browser forgets when the tab closes; quick exit wipes it at once. In a partner's widget (a frame) quick exit asks the
// partner's page to leave too (widget.js).
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.visitor';
  const framed = window.parent !== window;
  let exitUrl = 'https://www.bbc.co.uk/weather'; // until /api/visitor/settings answers (it may never)
  let holdMinutes = 10;
  let sock = null;

  // ---- Quick exit first, so that it works even if anything below fails.
  function quickExit() {
    try {
      document.title = 'Weather';
      document.body.textContent = '';
      document.body.className = 'blank';
    } catch (e) { /* keep leaving */ }
    try {
      if (sock) {
        if (attached) sock.send({ type: 'away', reason: 'quick_exit' }); // best effort, queued before the close
        sock.stop();
      }
    } catch (e) { /* keep leaving */ }
    try {
      sessionStorage.clear();
    } catch (e) { /* keep leaving */ }
    if (!framed) return location.replace(exitUrl);
    try {
      window.parent.postMessage({ helpline: 'exit', url: exitUrl }, '*'); // widget.js replaces the partner's page
      window.top.location.replace(exitUrl); // refused without a user gesture: widget.js does it anyway
    } catch (e) { /* nothing more to try */ }
  }
  $('quick-exit').addEventListener('click', quickExit);
  if (framed) {
    window.addEventListener('message', (e) => {
      if (e.source === window.parent && e.data && e.data.helpline === 'quick-exit') quickExit();
    });
  }
  let shifts = 0;
  let lastShift = 0;
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Shift') {
      if (e.repeat) return;
      const now = Date.now();
      shifts = now - lastShift < 1500 ? shifts + 1 : 1;
      lastShift = now;
      if (shifts >= 3) quickExit();
    } else {
      shifts = 0;
    }
  }, true);

  fetch('/api/visitor/settings', { cache: 'no-store', credentials: 'omit' }).then((r) => r.json()).then((v) => {
    if (typeof v.quickExitUrl === 'string' && /^https?:\/\/[^\s"'<>]+$/i.test(v.quickExitUrl)) exitUrl = v.quickExitUrl;
    if (typeof v.holdAfterExitSeconds === 'number') holdMinutes = Math.round(v.holdAfterExitSeconds / 60);
    if (framed) window.parent.postMessage({ helpline: 'settings', url: exitUrl }, '*');
    showCode();
  }).catch(() => { /* the built-in neutral site stays */ });

  // ---- Words. English is in the HTML; French replaces it when the browser or the visitor asks for it.
  const WORDS = {
    en: {
      connecting: 'Connecting…',
      ready: 'Connected. You can start a conversation below.',
      starting: 'Starting the conversation…',
      resuming: 'Reconnecting to your conversation…',
      waiting: 'Waiting for a counsellor. You can already write: your messages will be read as soon as someone answers.',
      waitingDanger: 'Your chat goes ahead of others in the queue. If you can, call 17 or 112 (France), 999 (UK) now.',
      active: 'A counsellor is with you.',
      assigned: 'You are talking with {name}{assoc}.',
      transferred: 'You are now talking with {name}{assoc}.',
      requeued: 'Your counsellor had to leave. We are finding someone else; your messages are kept.',
      queue: 'You are number {n} in the queue — {wait}',
      waitUnknown: 'we don’t know yet how long',
      waitSoon: 'less than a minute',
      waitOne: 'about 1 minute',
      waitMinutes: 'about {m} minutes',
      ending: 'Ending the conversation…',
      endedByYou: 'You ended the conversation. Close this tab to clear it from this browser. The helpline deletes '
        + 'its messages within a day, or at once with “Delete my conversation now”.',
      endedByCounsellor: 'The counsellor ended the conversation. Close this tab to clear it from this browser. The '
        + 'helpline deletes its messages within a day, or at once with “Delete my conversation now”.',
      endedTimeout: 'This conversation ended because you were away for too long. You can start a new one.',
      ended: 'This conversation has ended.',
      forgetting: 'Deleting the conversation…',
      erased: 'Your conversation was deleted.',
      replaced: 'This conversation continues in another window or browser. If that was not you, start a new one and tell the counsellor.',
      resumingCode: 'Looking for your conversation…',
      codeHold: 'If you have to leave in a hurry, it waits for you for {m} minutes.',
      codeWrong: 'This code does not match an open conversation. Check it, or start a new conversation.',
      codeInvalid: 'A code has 12 letters or digits, like ABCD-2345-WXYZ.',
      codeBusy: 'Too many attempts. Please wait a minute, then try again.',
      lost: 'Connection lost. Trying again… Your messages will be sent as soon as it is back.',
      you: 'You',
      counsellor: 'Counsellor',
      sending: 'Sending…',
      sent: 'Sent',
      notSent: 'Not sent',
      rate_limited: 'You are sending very quickly. Your message will be sent again in a moment.',
      text_too_long: 'This message is too long (4000 characters at most). Please split it into shorter ones.',
      not_found: 'Your previous conversation could not be found (it may have ended). You can start a new one.',
      conversation_ended: 'This conversation has ended. You can start a new one.',
      unavailable: 'The service had a short problem. Trying again…',
      invalid: 'One answer was not accepted. Please check it, or leave it empty.',
      other: 'Something went wrong. Please try again.',
      dangerOffline: 'Not connected. If you can, call one of the numbers above. We will tell the helpline as soon as the connection is back.',
      alt_waiting: 'While you wait, these lines are open now',
      alt_no_counsellor: 'No counsellor is free right now. You stay in the queue, and these lines are open now:',
      alt_closed: 'Our counsellors are not available at this hour. You stay in the queue; these lines are open now:',
      alt_long_wait: 'Sorry for the wait. You stay in the queue; you can also call:',
      voice: 'Call', sms: 'SMS', web: 'Website', chat: 'Chat', free: 'free',
      locSending: 'Sending…',
      locShared: 'Shared with your counsellor.',
      locOffline: 'Not connected: nothing was shared. Please try again in a moment.',
      locFailed: 'Not shared. Please try again.',
    },
  };
  const english = {};
  document.querySelectorAll('[data-i18n]').forEach((node) => {
    english[node.getAttribute('data-i18n')] = node.textContent;
  });
  let lang = 'en';
  let statusKey = 'connecting';
  let statusVars = {};

  function t(key, vars) {
    let text = (lang === 'fr' && WORDS.fr[key]) || WORDS.en[key] || english[key] || key;
    for (const name in vars || {}) text = text.split('{' + name + '}').join(vars[name]);
    return text;
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((node) => {
      const key = node.getAttribute('data-i18n');
      node.textContent = (lang === 'fr' && WORDS.fr[key]) || english[key];
    });
    const other = lang === 'fr' ? 'en' : 'fr';
    $('lang').textContent = other === 'fr' ? 'Français' : 'English';
    $('lang').lang = other;
    setStatus(statusKey, statusVars);
    showQueue();
    document.querySelectorAll('#messages .from-visitor .who').forEach((node) => { node.textContent = t('you'); });
    renderAlternatives();
    if (locKey) locStatus(locKey);
    showCode();
    $('resume-error').textContent = codeKey ? t(codeKey) : '';
  }
  let loadingFrench = false;
  function useLanguage(wanted) {
    if (wanted === 'fr' && !WORDS.fr) {
      if (loadingFrench) return;
      loadingFrench = true;
      const script = document.createElement('script');
      script.src = '/visitor-fr.js';
      script.onload = () => {
        WORDS.fr = window.HelplineFrench;
        if (WORDS.fr) useLanguage('fr');
      };
      script.onerror = () => { loadingFrench = false; };
      document.head.append(script);
      return;
    }
    lang = wanted;
    applyLanguage();
  }
  $('lang').addEventListener('click', () => useLanguage(lang === 'fr' ? 'en' : 'fr'));

  // ---- Session storage: the only thing kept.
  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.conversation === 'string' && typeof s.resumeSecret === 'string') {
        return { conversation: s.conversation, resumeSecret: s.resumeSecret, lastSeq: Math.max(0, Number(s.lastSeq) || 0),
          code: typeof s.code === 'string' ? s.code : '' };
      }
    } catch (e) { /* storage unavailable or damaged: start afresh */ }
    return null;
  }
  function save() {
    try {
      if (conv) sessionStorage.setItem(STORE, JSON.stringify(conv));
    } catch (e) { /* keep going in memory */ }
  }
  function forget() {
    conv = null;
    try {
      sessionStorage.removeItem(STORE);
    } catch (e) { /* nothing kept anyway */ }
  }

  // ---- State
  let conv = load();
  let attached = false; // this socket has started or resumed the conversation
  let pendingStart = null; // triage to send once the socket is open
  let pendingCode = null; // a resume code typed by the visitor, until the server answers
  let codeKey = '';
  let codeHidden = false;
  let forgetRequested = false; // "delete my conversation now" confirmed, not yet done
  let endRequested = false;
  let ended = false;
  const outbox = new Map(); // clientId -> text, until acknowledged
  const byClient = new Map(); // clientId -> li
  const shown = new Set(); // seqs on screen
  // Highest seq this page has received. A freshly loaded page has nothing on screen, so it resumes from 0 and shows
  // the whole conversation again; reconnects within the page resume after it (sessionStorage keeps lastSeq too).
  let pageSeq = 0;
  let startedInDanger = false;
  let waitingNow = false; // no counsellor yet (or again)
  let counsellorName = '';
  let queue = null; // last {position, estimatedWaitSeconds} while waiting
  let lastTypingSent = 0;
  let typingTimer = 0;
  let noticeTimer = 0;
  let dangerPending = false; // "in danger now" pressed, not yet confirmed by the server
  let alt = null; // last alternatives frame (lines open now)
  let urgent = null; // alternatives sent after "in danger now": emergency numbers first
  const took = new Set(); // hotlines whose link was tapped (told once each)
  let locKey = '';
  const list = $('messages');
  const text = $('text');

  function setStatus(key, vars) {
    statusKey = key;
    statusVars = vars || {};
    $('status').textContent = t(key, vars);
  }

  function notice(code) {
    const box = $('notice');
    box.textContent = t(WORDS.en[code] ? code : (code === 'too_large' ? 'text_too_long' : code === 'internal' ? 'unavailable' : 'other'));
    box.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { box.hidden = true; }, 12000);
  }

  // Place in the queue: shown only while waiting for a counsellor.
  function showQueue() {
    const box = $('queue-position');
    if (!queue || ended || !waitingNow) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    const s = queue.estimatedWaitSeconds;
    const m = Math.round(s / 60);
    const wait = typeof s !== 'number' ? t('waitUnknown') : s < 45 ? t('waitSoon') : m <= 1 ? t('waitOne')
      : t('waitMinutes', { m });
    box.textContent = t('queue', { n: queue.position, wait });
    box.hidden = false;
  }

  function connection(lost) {
    const box = $('connection');
    box.textContent = lost ? t('lost') : '';
    box.hidden = !lost;
  }

  function showForm() {
    $('chat').hidden = true;
    $('start-form').hidden = $('continue').hidden = false;
    $('start').disabled = $('resume').disabled = false;
  }

  function showChat() {
    $('start-form').hidden = $('continue').hidden = true;
    $('chat').hidden = false;
    $('in-danger-now').hidden = false;
  }

  // ---- In danger now: the numbers are in the page, so this works without a connection too.
  $('in-danger-now').addEventListener('click', () => {
    const box = $('emergency');
    box.classList.remove('flash');
    void box.offsetWidth; // restart the highlight
    box.classList.add('flash');
    box.scrollIntoView({ block: 'start' });
    box.focus({ preventScroll: true });
    if (ended || !conv && !attached) return;
    startedInDanger = dangerPending = true;
    if (waitingNow) setStatus('waitingDanger');
    if (!sendDanger()) notice('dangerOffline');
  });
  function sendDanger() {
    return dangerPending && attached && sock.send({ type: 'danger' });
  }

  // ---- Lines open now: shown while waiting; emergency numbers first after "in danger now".
  function link(n) {
    const v = String(n.number || '');
    if (n.channel === 'voice' || n.channel === 'sms') {
      const d = v.replace(/[^0-9+]/g, '');
      return d && (n.channel === 'sms' ? 'sms:' : 'tel:') + d;
    }
    try {
      const u = new URL(/^https:\/\//i.test(v) ? v : 'https://' + v.replace(/^[a-z]+:\/*/i, ''));
      return u.protocol === 'https:' && u.href;
    } catch (e) {
      return '';
    }
  }

  function fill(ul, lines) {
    ul.textContent = '';
    for (const h of Array.isArray(lines) ? lines : []) {
      if (!h || typeof h.name !== 'string') continue;
      const li = H.el('li');
      li.append(H.el('strong', null, h.name));
      if (h.description) li.append(H.el('span', 'alt-desc', h.description));
      for (const n of Array.isArray(h.numbers) ? h.numbers : []) {
        const href = n && link(n);
        if (!href) continue;
        const web = href.startsWith('https:');
        const a = H.el('a', 'alt-number', (t(n.channel) || '') + ' ' + (web ? new URL(href).host : n.number)
          + (n.free && !web ? ' (' + t('free') + ')' : ''));
        a.href = href;
        if (web) {
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
        }
        a.addEventListener('click', () => {
          if (typeof h.id === 'string' && !took.has(h.id) && attached && sock.send({ type: 'took_alternative', hotline: h.id })) {
            took.add(h.id);
          }
        });
        li.append(a);
      }
      ul.append(li);
    }
    return ul.children.length;
  }

  function renderAlternatives() {
    const box = $('alternatives');
    const shown = !ended && waitingNow && alt;
    $('alt-urgent').hidden = !(urgent && fill($('alt-emergency'), urgent.emergency));
    $('alt-reason').textContent = shown ? t('alt_' + alt.reason) : '';
    $('alt-reason').hidden = !shown;
    const from = shown ? alt : urgent;
    if (!(from && fill($('alt-lines'), from.hotlines)) && shown && !urgent) fill($('alt-lines'), alt.emergency);
    box.hidden = !shown && !urgent;
  }

  function onAlternatives(f) {
    if (ended) return;
    if (f.reason === 'danger') {
      dangerPending = false;
      urgent = f;
    } else if (WORDS.en['alt_' + f.reason]) {
      alt = f;
    }
    renderAlternatives();
  }

  // ---- Location: sent only if the visitor writes it and presses Share. Never stored.
  function locStatus(key) {
    locKey = key;
    $('location-status').textContent = key ? t(key) : '';
    $('location-status').hidden = !key;
  }
  function closeConsent() {
    const box = $('location-consent');
    const had = box.contains(document.activeElement);
    box.hidden = true;
    $('location-text').value = '';
    if (had && !text.disabled) text.focus();
  }
  $('location-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const where = $('location-text').value.trim().slice(0, 300);
    if (!where) {
      $('location-text').focus();
      return;
    }
    locStatus(!ended && attached && sock.send({ type: 'share_location', location: where }) ? 'locSending' : 'locOffline');
  });
  $('location-decline').addEventListener('click', () => {
    locStatus('');
    closeConsent();
  });
  $('location-consent').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') $('location-decline').click();
  });

  // ---- Messages
  function item(from, body) {
    const li = H.el('li', 'message from-' + (from === 'visitor' ? 'visitor' : 'counsellor'));
    li.append(H.el('span', 'who', from === 'visitor' ? t('you') : (counsellorName || t('counsellor'))),
      H.el('p', 'text', body), H.el('span', 'meta'));
    return li;
  }

  function delivered(li, seq, at) {
    li.setAttribute('data-seq', String(seq));
    li.classList.remove('pending');
    li.classList.add('delivered');
    li.querySelector('.meta').textContent = at ? H.timeOf(at) : t('sent');
    shown.add(seq);
    H.place(list, li);
  }

  function onMessage(f) {
    if (typeof f.seq !== 'number' || forgetRequested) return;
    if (f.seq > pageSeq) pageSeq = f.seq;
    if (conv && f.seq > conv.lastSeq) {
      conv.lastSeq = f.seq;
      save();
    }
    const own = f.from === 'visitor' && f.clientId ? byClient.get(f.clientId) : null;
    if (own) {
      outbox.delete(f.clientId);
      if (own.getAttribute('data-seq') !== String(f.seq)) delivered(own, f.seq, f.at);
      else own.querySelector('.meta').textContent = H.timeOf(f.at);
      return;
    }
    if (shown.has(f.seq)) return;
    const li = item(f.from, f.text);
    if (f.from === 'visitor' && f.clientId) byClient.set(f.clientId, li);
    delivered(li, f.seq, f.at);
    if (f.from === 'counsellor') typingOff();
  }

  function onAck(f) {
    outbox.delete(f.clientId);
    const li = byClient.get(f.clientId);
    if (li && !li.hasAttribute('data-seq') && typeof f.seq === 'number') delivered(li, f.seq, null);
  }

  function failed(clientId, code) {
    outbox.delete(clientId);
    const li = byClient.get(clientId);
    if (li && li.classList.contains('pending')) {
      li.classList.remove('pending');
      li.classList.add('failed');
      li.querySelector('.meta').textContent = t('notSent');
      if (!text.value) text.value = li.querySelector('.text').textContent;
    }
    if (code) notice(code);
  }

  function sendQueued(clientId) {
    if (attached && outbox.has(clientId)) sock.send({ type: 'send', clientId, text: outbox.get(clientId) });
  }

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = text.value;
    if (!body.trim() || ended || !conv && !attached) return;
    const clientId = H.newClientId('v');
    const li = item('visitor', body);
    li.classList.add('pending');
    li.setAttribute('data-client-id', clientId);
    li.querySelector('.meta').textContent = t('sending');
    byClient.set(clientId, li);
    outbox.set(clientId, body);
    H.place(list, li);
    text.value = '';
    sendQueued(clientId);
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
    if (attached && !ended && text.value.trim() && now - lastTypingSent >= 3000) {
      lastTypingSent = now;
      sock.send({ type: 'typing' });
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

  // ---- Start, resume, end
  function region(value) {
    return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, '-')
      .replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);
  }

  $('start-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (pendingStart || conv || pendingCode) return;
    const triage = { childrenInvolved: $('children').checked, inDanger: $('danger').checked };
    for (const id of ['role', 'language', 'topic']) if ($(id).value) triage[id] = $(id).value;
    const r = region($('region').value);
    if (r) triage.region = r;
    pendingStart = triage;
    $('start').disabled = true;
    setStatus('starting');
    sock.send({ type: 'start', triage });
  });

  function waiting(key) {
    waitingNow = true;
    setStatus(key || (startedInDanger ? 'waitingDanger' : 'waiting'));
    showQueue();
    renderAlternatives();
  }

  function talking() {
    waitingNow = false;
    queue = null;
    showQueue();
    renderAlternatives();
  }

  function attachedNow() {
    attached = true;
    sock.connected();
    connection(false);
    showChat();
    showCode();
    if (forgetRequested) {
      sock.send({ type: 'forget' });
      return;
    }
    for (const clientId of outbox.keys()) sendQueued(clientId);
    sendDanger();
    if (endRequested) sock.send({ type: 'end' });
  }

  // ---- The resume code: shown once the chat started, typed on the welcome screen to continue from elsewhere.
  function showCode() {
    const code = conv && conv.code;
    $('code-box').hidden = !code || codeHidden || ended;
    $('code').textContent = code || '';
    $('code-hold').textContent = holdMinutes > 0 ? t('codeHold', { m: holdMinutes }) : '';
  }
  $('hide-code').addEventListener('click', () => {
    codeHidden = true;
    showCode();
    text.focus();
  });

  function codeError(key) {
    codeKey = key;
    $('resume-error').textContent = key ? t(key) : '';
    $('resume-error').hidden = !key;
    if (key) {
      $('resume').disabled = false;
      $('resume-code').focus();
    }
  }

  $('resume-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (conv || pendingStart || pendingCode) return;
    const code = $('resume-code').value.replace(/[\s\u2010-\u2015-]/g, '').toUpperCase();
    if (!/^[0-9A-Z]{12}$/.test(code)) {
      codeError('codeInvalid');
      return;
    }
    codeError('');
    pendingCode = code;
    $('resume').disabled = true;
    setStatus('resumingCode');
    if (sock.isOpen()) sock.send({ type: 'resume', code });
  });

  // ---- Delete my conversation now: confirmed in a dialog, then erased on the server for both sides. The dialog is
  // not modal on purpose: a modal one would make the Quick exit button unreachable while it is open.
  const dialog = $('forget-dialog');
  $('forget').addEventListener('click', () => {
    if (!attached && !conv) return;
    dialog.show();
    $('forget-no').focus();
  });
  $('forget-no').addEventListener('click', () => {
    dialog.close();
    $('forget').focus();
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      dialog.close();
      $('forget').focus();
    }
  });
  $('forget-yes').addEventListener('click', () => {
    dialog.close();
    forgetRequested = true;
    wipe();
    setStatus('forgetting');
    if (attached) sock.send({ type: 'forget' });
  });

  function wipe() {
    list.textContent = '';
    shown.clear();
    byClient.clear();
    outbox.clear();
    pageSeq = 0;
    text.value = '';
    closeConsent();
    locStatus('');
  }

  function erasedNow() {
    forgetRequested = false;
    endedNow(null);
    wipe();
    try {
      sessionStorage.clear();
    } catch (e) { /* nothing kept anyway */ }
    setStatus('erased');
    $('forget').hidden = true;
    $('new-chat').focus();
  }

  function assigned(counsellor, key) {
    talking();
    const name = counsellor && counsellor.name ? counsellor.name : '';
    if (!name) {
      setStatus('active');
      return;
    }
    counsellorName = name;
    const assoc = counsellor.associationName || counsellor.association || '';
    setStatus(key || 'assigned', { name, assoc: assoc ? ' (' + assoc + ')' : '' });
  }

  function endedNow(by) {
    ended = true;
    endRequested = dangerPending = false;
    closeConsent();
    locStatus('');
    talking();
    forget();
    typingOff();
    setStatus(by === 'visitor' ? 'endedByYou' : by === 'counsellor' ? 'endedByCounsellor'
      : by === 'timeout' ? 'endedTimeout' : 'ended');
    showCode();
    for (const clientId of [...outbox.keys()]) failed(clientId, null);
    text.disabled = $('send').disabled = true;
    $('end').hidden = true;
    $('forget').hidden = !attached;
    $('new-chat').hidden = false;
  }

  $('end').addEventListener('click', () => {
    if (ended) return;
    endRequested = true;
    setStatus('ending');
    if (attached) sock.send({ type: 'end' });
  });

  // Back to the welcome screen with a fresh socket (a new conversation, or after this one moved elsewhere).
  function reset(key) {
    sock.stop();
    forget();
    wipe();
    ended = attached = endRequested = startedInDanger = waitingNow = dangerPending = forgetRequested = codeHidden = false;
    pendingStart = pendingCode = queue = alt = urgent = null;
    took.clear();
    renderAlternatives();
    showQueue();
    counsellorName = '';
    text.disabled = $('send').disabled = false;
    $('end').hidden = $('forget').hidden = false;
    $('new-chat').hidden = true;
    $('start-form').reset();
    showForm();
    showCode();
    setStatus(key);
    sock.start();
  }
  $('new-chat').addEventListener('click', () => {
    reset('connecting');
    $('role').focus();
  });

  // rate_limited errors carry no ref: resend everything not yet acknowledged (the server stores each once).
  let retryTimer = 0;
  function retrySoon() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      if (!sock.isOpen()) return;
      if (attached) {
        for (const clientId of outbox.keys()) sendQueued(clientId);
        sendDanger();
        if (endRequested) sock.send({ type: 'end' });
        if (forgetRequested) sock.send({ type: 'forget' });
      } else if (pendingStart) {
        sock.send({ type: 'start', triage: pendingStart });
      } else if (conv) {
        sock.restart();
      }
    }, 2000);
  }

  function onError(f) {
    const code = f.code;
    const ref = f.ref;
    if (ref === 'share_location' && code !== 'conversation_ended') {
      locStatus(sock.isOpen() ? 'locFailed' : 'locOffline');
      return;
    }
    if (ref === 'took_alternative' || ref === 'danger' && code !== 'conversation_ended' && !dangerPending) return;
    if (ref === 'resume' && pendingCode) {
      pendingCode = null;
      setStatus('ready');
      codeError(code === 'not_found' ? 'codeWrong' : code === 'rate_limited' ? 'codeBusy'
        : code === 'invalid' ? 'codeInvalid' : 'other');
      return;
    }
    if (code === 'rate_limited' || code === 'unavailable' || code === 'internal') {
      if (ref !== 'typing' && ref !== 'ping') {
        notice(code);
        retrySoon();
      }
    } else if (ref && outbox.has(ref)) {
      if (code === 'not_started') sock.restart();
      else if (code === 'conversation_ended') endedNow(null);
      else failed(ref, code);
    } else if (ref === 'start') {
      if (code === 'already_started') {
        if (!attached) sock.restart();
      } else {
        pendingStart = null;
        setStatus('ready');
        showForm();
        notice(code);
      }
    } else if (ref === 'resume') {
      if (code === 'not_found' || code === 'invalid') {
        forget();
        wipe();
        setStatus('ready');
        showForm();
        notice('not_found');
      } else if (code !== 'already_started') {
        sock.restart();
      }
    } else if (code === 'conversation_ended') {
      endedNow(null);
    } else if (code === 'not_started') {
      if (conv) sock.restart();
    } else if (ref !== 'typing' && ref !== 'ping') {
      notice(code);
    }
  }

  function onFrame(f) {
    switch (f.type) {
      case 'started':
        startedInDanger = !!(pendingStart && pendingStart.inDanger);
        pendingStart = null;
        conv = { conversation: f.conversation, resumeSecret: f.resumeSecret, lastSeq: 0, code: f.resumeCode || '' };
        save();
        attachedNow();
        waiting();
        text.focus();
        break;
      case 'resumed':
        if (pendingCode && typeof f.resumeSecret === 'string') {
          conv = { conversation: f.conversation, resumeSecret: f.resumeSecret, lastSeq: 0,
            code: pendingCode.match(/.{1,4}/g).join('-') };
          pendingCode = null;
          save();
          $('resume-form').reset();
        }
        attachedNow();
        if (f.status === 'ended') endedNow(null);
        else if (f.status === 'active') assigned(f.counsellor);
        else if (!endRequested) waiting(statusKey === 'requeued' ? 'requeued' : null);
        break;
      case 'assigned':
        assigned(f.counsellor);
        break;
      case 'transferred':
        if (!ended) assigned(f.counsellor, endRequested ? 'ending' : 'transferred');
        break;
      case 'requeued':
        if (ended) break;
        counsellorName = '';
        typingOff();
        queue = null;
        waiting(endRequested ? 'ending' : 'requeued');
        break;
      case 'queue':
        if (waitingNow && typeof f.position === 'number') {
          queue = f;
          showQueue();
        }
        break;
      case 'message':
        onMessage(f);
        break;
      case 'ack':
        onAck(f);
        break;
      case 'typing':
        if (f.from === 'counsellor') typingOn();
        break;
      case 'ended':
        if (f.erased) erasedNow();
        else endedNow(f.by);
        break;
      case 'replaced':
        reset('replaced');
        break;
      case 'error':
        onError(f);
        break;
      case 'alternatives':
        onAlternatives(f);
        break;
      case 'location_request':
        if (ended) break;
        locStatus('');
        $('location-consent').hidden = false;
        $('location-consent').scrollIntoView({ block: 'nearest' });
        $('loc-title').focus({ preventScroll: true });
        break;
      case 'location_shared':
        closeConsent();
        locStatus('locShared');
        break;
      default:
        break;
    }
  }

  sock = H.ReconnectingSocket('/ws/visitor', {
    open() {
      attached = false;
      if (conv) {
        sock.send({ type: 'resume', conversation: conv.conversation, resumeSecret: conv.resumeSecret, afterSeq: pageSeq });
      } else if (pendingCode) {
        sock.send({ type: 'resume', code: pendingCode });
      } else if (pendingStart) {
        sock.send({ type: 'start', triage: pendingStart });
      } else {
        connection(false);
        if (!ended && statusKey !== 'replaced') setStatus('ready');
      }
    },
    frame: onFrame,
    reconnect: (code) => code !== 4003,
    close() {
      attached = false;
      if (!ended) connection(true);
      // after the end the page keeps no secret: only the socket that was attached could still delete it
      if (ended) $('forget').hidden = true;
    },
  });

  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'fr' || !asked && /^fr\b/i.test(navigator.language || '')) useLanguage('fr');
  if (conv) {
    showChat();
    setStatus('resuming');
  } else {
    showForm();
  }
  sock.start();
})();
