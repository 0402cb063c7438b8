'use strict';
// The counsellor's session: log in and out, the token kept in sessionStorage (forgotten when the tab closes) and
// nowhere else, availability, and the console's notices. Loaded first of the console's own files: creates
// window.HelplineConsole, the namespace they share.
(function () {
  const H = window.Helpline;
  const C = (window.HelplineConsole = {});
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.console';
  const TITLE = 'Helpline console';
  const WORDS = {
    rate_limited: 'Sending too fast; the message will be sent again in a moment.',
    text_too_long: 'This message is too long (4000 characters at most). Please split it.',
    too_large: 'This message is too long. Please split it.',
    invalid: 'The server refused a malformed request.',
    not_assigned: 'This conversation is no longer assigned to you. The list has been refreshed.',
    offer_gone: 'This offer is no longer available.',
    pick_not_allowed: 'Your association does not take chats from the waiting list.',
    not_waiting: 'Someone else took this chat.',
    transfer_failed: 'The transfer failed; the chat stays with you.',
    heartbeat_missed: 'The connection was silent for too long; reconnecting…',
    expired: 'Offer expired: the chat went back to the queue for the next counsellor.',
    visitor_in_danger: 'A visitor you are chatting with pressed "I\'m in danger now": see the chat marked IN DANGER.',
    missed_offers: 'You were set to away after missing several offers. Set yourself available when you are ready.',
    connection_lost: 'Your console lost the service for a while: you were set to away and your chats went back to '
      + 'the queue. Set yourself available when you are ready.',
    conversation_ended: 'This conversation has ended.',
    unavailable: 'The service had a short problem; trying again.',
    internal: 'The service had a short problem; trying again.',
    not_done: 'The service had a short problem, so that may not have been done. Please press again if it was not.',
    other: 'Something went wrong. Please try again.',
    not_supervisor: 'This needs a supervisor account.',
  };
  const ended = []; // what each file forgets when the session ends
  let noticeTimer = 0;

  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.token === 'string') {
        if (typeof s.tag !== 'string' || !/^[0-9a-f]{8}$/.test(s.tag)) {
          s.tag = newTag();
          sessionStorage.setItem(STORE, JSON.stringify(s));
        }
        return s;
      }
    } catch (e) { /* start from the login form */ }
    return null;
  }

  function save() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(C.session));
    } catch (e) { /* kept in memory */ }
  }

  // A session that ended under her (not a logout): who she was and her clientIds' tag, kept in this page's memory so
  // that her next login here gives her back what she had not sent (chat-card.js) and still knows her own messages.
  let endedUnder = null;

  // Every clientId this login sends starts with 'c-<tag>-': after a transfer, messages from the previous counsellor
  // are not shown as "You", and a reload still knows its own.
  function newTag() {
    return Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function isOwn(clientId) {
    return typeof clientId === 'string' && clientId.startsWith('c-' + C.session.tag + '-');
  }

  // The words for an error code, or a general sentence for a code without words of its own.
  function words(code) {
    return WORDS[code] || WORDS.other;
  }

  // A notice at the top: an error code's words, or the text given.
  function notice(code, keepFor) {
    const box = $('console-notice');
    box.textContent = WORDS[code] || code || WORDS.other;
    box.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { box.hidden = true; }, keepFor || 10000);
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
    const counsellor = C.session.counsellor;
    $('login-view').hidden = true;
    $('workspace').hidden = false;
    $('who').textContent = counsellor && counsellor.name ? counsellor.name : 'Console';
    $('association').textContent = counsellor && counsellor.associationName ? counsellor.associationName : '';
    $('association').title = $('association').textContent; // the whole name where the bar cuts it
    $('login-error').textContent = '';
  }

  // A session ends at its absolute end (expiresAt) whatever she does: ten minutes before, the console says so and stays
  // saying it (a line of its own, which other notices do not replace), so that she finishes or transfers her chats and
  // logs in again between them rather than lose what is on screen (the chats stay hers for a short while after; what
  // she had typed and not sent comes back when she logs in again in this page, chat-card.js, but not if the page is
  // closed or reloaded meanwhile).
  // At that end the page ends the session itself, as the server does: offline (no socket for the server to close),
  // her chats would otherwise stay on an unattended screen.
  const WARN_BEFORE_END = 10 * 60 * 1000;
  let endWarning = 0;
  let endNow = 0;
  function warnBeforeEnd() {
    clearTimeout(endWarning);
    clearTimeout(endNow);
    const at = C.session ? Number(C.session.expiresAt) : 0;
    if (!at) return;
    endWarning = setTimeout(() => {
      $('session-end').textContent = 'Your session ends at ' + H.timeOf(at) + ' (the longest a session lasts). '
        + 'Finish or transfer your chats, then log out and in again.';
      $('session-end').hidden = false;
    }, Math.max(0, at - WARN_BEFORE_END - Date.now()));
    endNow = setTimeout(() => {
      if (C.session && Number(C.session.expiresAt) === at) sessionEnded();
    }, Math.max(0, at - Date.now()));
  }

  // Offline longer than the session's idle timeout (login's idleTimeoutSeconds), the session is over on the server: no
  // console of hers renewed it, as far as this page knows (another of her consoles may have: she logs in again). The
  // page ends it too, so that her chats do not stay on a screen she may have left. Counted from the last moment its
  // socket was seen attached, which is no earlier than the server's last renewal: never before the server's end.
  let lastAttached = Date.now();
  setInterval(() => {
    if (!C.session || C.sock.isOpen() && C.authenticated) {
      lastAttached = Date.now();
      return;
    }
    const idle = Number(C.session.idleTimeoutSeconds) * 1000;
    if (idle > 0 && Date.now() - lastAttached > idle) sessionEnded();
  }, 2000);

  H.loginForm((body) => {
    const counsellor = body.counsellor || {};
    const again = endedUnder && endedUnder.counsellor === counsellor.id;
    if (!again) C.dropUnsent(); // another account: what the last one had not sent is not theirs
    C.session = { token: body.token, counsellor, tag: again ? endedUnder.tag : newTag(), expiresAt: body.expiresAt,
      idleTimeoutSeconds: body.idleTimeoutSeconds };
    lastAttached = Date.now();
    endedUnder = null;
    save();
    C.open();
  });

  // The association's name as the welcome frame gives it, kept for the next reload.
  function welcomed(counsellor) {
    if (counsellor && counsellor.name) $('who').textContent = counsellor.name;
    if (counsellor && typeof counsellor.associationName === 'string') {
      $('association').textContent = counsellor.associationName;
      $('association').title = counsellor.associationName;
      C.session.counsellor = Object.assign({}, C.session.counsellor, { associationName: counsellor.associationName });
      save();
    }
  }

  // keepUnsent: the session ended under her; each file may keep what she had not sent, for her next login here.
  function clearAll(keepUnsent) {
    const counsellor = C.session && C.session.counsellor ? C.session.counsellor.id : null;
    endedUnder = keepUnsent && counsellor ? { counsellor, tag: C.session.tag } : null;
    clearTimeout(endWarning);
    clearTimeout(endNow);
    $('session-end').hidden = true;
    C.sock.stop();
    C.session = null;
    try {
      sessionStorage.removeItem(STORE);
    } catch (e) { /* nothing kept */ }
    for (const forget of ended) forget(endedUnder ? counsellor : null);
    $('association').textContent = '';
    $('connection-state').textContent = '';
    $('console-notice').hidden = true;
    setStatus('');
  }

  function sessionEnded() {
    clearAll(true);
    showLogin('Your session has ended. Please log in again.');
  }

  // A logout while replies are not sent yet says so first: pressed again within 10 s, it leaves them. The screen is
  // cleared before the server is told, so that a slow network leaves none of her chats on a computer she walked away
  // from (a logout that cannot reach the server ends with the session's idle time).
  let logoutWarned = 0;
  $('logout').addEventListener('click', () => {
    const unsent = [...C.convs.values()].filter((c) => c.outbox.size && !c.ended).length;
    if (unsent && Date.now() - logoutWarned > 10000) {
      logoutWarned = Date.now();
      notice('A reply is not sent yet in ' + (unsent === 1 ? 'one chat' : unsent + ' chats')
        + '. Wait until it is, or press Log out again to leave without it.');
      return;
    }
    logoutWarned = 0;
    const token = C.session && C.session.token;
    clearAll(false);
    showLogin('You are logged out.');
    if (token) H.logout(token);
  });

  // ---- Availability
  function setStatus(status) {
    $('current-status').textContent = status;
    $('go-available').setAttribute('aria-pressed', String(status === 'available'));
    $('go-away').setAttribute('aria-pressed', String(status === 'away'));
  }
  // Away goes with the reason chosen next to it (availability.js).
  for (const [button, status] of [['go-available', 'available'], ['go-away', 'away']]) {
    $(button).addEventListener('click', () => {
      if (!C.sock.send(status === 'away' ? C.awayFrame() : { type: 'status', status })) {
        notice('Not connected. Try again in a moment.');
      }
    });
  }

  Object.assign(C, {
    TITLE,
    session: load(),
    isOwn,
    words,
    notice,
    warnBeforeEnd,
    showLogin,
    showWorkspace,
    welcomed,
    sessionEnded,
    setStatus,
    /** forget() runs when the session ends (logged out, or expired): the file clears what it holds. */
    onSessionEnd: (forget) => ended.push(forget),
  });
})();
