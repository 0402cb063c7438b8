'use strict';
// The visitor page's words. English is in the HTML and below; French (fr.js) replaces it when the browser or the
// visitor asks for it, loaded only then. Each file of the page redraws its own texts on a change (onLanguage).
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  const WORDS = {
    en: {
      connecting: 'Connecting…',
      ready: 'Connected. You can start a conversation below.',
      starting: 'Starting the conversation…',
      resuming: 'Reconnecting to your conversation…',
      waiting: 'Waiting for a counsellor. You can already write: your messages will be read as soon as someone answers.',
      waitingDanger: 'Your chat is marked urgent for the counsellors. If you can, call 17 or 112 (France), 999 (UK) now.',
      waitingDangerNotAlerted: 'Your chat could not be marked urgent from here right now. If you are in danger, call 17 '
        + 'or 112 (France), 999 (UK) now.',
      waitingDangerSending: 'Sending your alert to the helpline… If you can, call 17 or 112 (France), 999 (UK) now.',
      active: 'A counsellor is with you.',
      assigned: 'You are talking with {name}{assoc}.',
      transferred: 'You are now talking with {name}{assoc}.',
      requeued: 'Your counsellor had to leave. We are finding someone else; your messages are kept.',
      queue: 'You are number {n} in the queue — {wait}',
      queue_no_counsellor: 'No counsellor is free right now; the lines below are open now.',
      queue_long_wait: 'Sorry for the wait; the lines below are open now.',
      queueNobody: 'Nobody is online right now, so there is no wait time to give. You keep your place in the queue '
        + '(number {n}); the lines below are open now.',
      waitUnknown: 'we don’t know yet how long',
      waitSoon: 'less than a minute',
      waitOne: 'about 1 minute',
      waitMinutes: 'about {m} minutes',
      ending: 'Ending the conversation…',
      endedByYou: 'You ended the conversation. Close this tab to clear it from this browser. The helpline deletes '
        + 'its messages within a day, or at once with “Delete my conversation now”; a few minutes later no copy is '
        + 'left on its disk either.',
      endedByCounsellor: 'The counsellor ended the conversation. Close this tab to clear it from this browser. The '
        + 'helpline deletes its messages within a day, or at once with “Delete my conversation now”; a few minutes '
        + 'later no copy is left on its disk either.',
      endedTimeout: 'This conversation ended because you were away for too long. You can start a new one.',
      ended: 'This conversation has ended.',
      forgetting: 'Deleting the conversation…',
      erased: 'Your conversation was deleted. Within a few minutes no copy is left on the helpline’s disk either.',
      replaced: 'This conversation continues in another window or browser. If that was not you, start a new one and tell the counsellor.',
      resumingCode: 'Looking for your conversation…',
      codeHold: 'If you have to leave in a hurry, it waits for you for {m} minutes.',
      codeWrong: 'This code does not match an open conversation. Check it, or start a new conversation.',
      codeInvalid: 'A code has 12 letters or digits, like ABCD-2345-WXYZ.',
      codeBusy: 'Too many attempts. Please wait a minute, then try again.',
      codeLater: 'The service has a problem right now. Please try your code again in a minute.',
      lost: 'Connection lost. Trying again… Your messages will be sent as soon as it is back.',
      you: 'You',
      counsellor: 'Counsellor',
      sending: 'Sending…',
      sent: 'Sent',
      notSent: 'Not sent',
      rate_limited: 'You are sending very quickly. Your message will be sent again in a moment.',
      text_too_long: 'This message is too long (4000 characters at most). Please split it into shorter ones.',
      conversation_full: 'This conversation is very long and cannot take more messages. Please start a new one, or call one of the lines.',
      not_found: 'Your previous conversation could not be found (it may have ended). You can start a new one.',
      conversation_ended: 'This conversation has ended. You can start a new one.',
      unavailable: 'The service had a short problem. Trying again…',
      chat_unavailable: 'A chat cannot start from here right now. Please call one of the lines below, or try again later.',
      invalid: 'One answer was not accepted. Please check it, or leave it empty.',
      other: 'Something went wrong. Please try again.',
      dangerOffline: 'Not connected. If you can, call one of the numbers above. We will tell the helpline as soon as the connection is back.',
      alt_waiting: 'While you wait, these lines are open now',
      alt_nobody: 'Nobody is online right now. You stay in the queue, and these lines are open now:',
      alt_no_counsellor: 'No counsellor is free right now. You stay in the queue, and these lines are open now:',
      alt_closed: 'Our counsellors are not available at this hour. You stay in the queue; these lines are open now:',
      alt_long_wait: 'Sorry for the wait. You stay in the queue; you can also call:',
      alt_unavailable: 'A chat cannot start from here right now. These lines are open now, please call one:',
      voice: 'Call', sms: 'SMS', web: 'Website', chat: 'Chat', free: 'free',
      newTab: 'opens a new tab: Quick exit closes it if the browser lets it, check that it is closed before you leave',
      line_waiting: 'Waiting for a counsellor…',
      line_danger: 'Your chat is marked urgent.',
      line_requeued: 'Your counsellor had to leave: we are finding someone else.',
      line_resuming: 'Reconnecting…',
      line_active: 'A counsellor is with you.',
      line_with: '{name} is with you.',
      line_endedByYou: 'You ended the conversation.',
      line_endedByCounsellor: 'The counsellor ended the conversation.',
      line_endedTimeout: 'The conversation ended: you were away too long.',
      line_erased: 'Your conversation was deleted.',
      line_queue: 'Number {n} in the queue · {wait}',
      line_nobody: 'Nobody is online now.',
      line_numbers: 'Numbers to call',
      line_lines: 'Lines open now:',
      line_all: 'all {n} lines',
      line_lost: 'Connection lost. Trying again…',
      line_no_counsellor: 'No counsellor is free yet.',
      line_long_wait: 'Sorry for the wait.',
      line_closed: 'No counsellor can take your chat at this hour.',
      line_place: 'Number {n} in the queue',
      line_call: 'If you can, call:',
      line_dangerSending: 'Sending your alert to the helpline…',
      line_dangerTold: 'Your alert was sent to the helpline: your chat is marked urgent.',
      line_dangerNotAlerted: 'Your chat could not be marked urgent from here right now.',
      line_dangerToldActive: 'Your alert was sent to your counsellor and the helpline.',
      queueClosed: 'Our counsellors are not available at this hour for your need, so there is no wait time to give. '
        + 'You keep your place in the queue (number {n}); the lines below are open now.',
      start_offline: 'Not connected. Trying again… In danger? Call the numbers at the top.',
      start_slow: 'Still starting… In danger? Call the numbers at the top.',
      start_unavailable: 'A chat cannot start from here right now. Please call a line open now, or try again later.',
      danger_sending: 'Sending your alert to the helpline… If you can, call one of these numbers now.',
      danger_offline: 'Not connected: your alert goes to the helpline as soon as the connection is back. If you can, '
        + 'call one of these numbers now.',
      danger_told: 'Your alert was sent to the helpline: your chat is marked urgent. If you can, call one of these '
        + 'numbers now.',
      danger_notAlerted: 'Your chat could not be marked urgent from here right now. If you are in danger, call one of '
        + 'these numbers now.',
      danger_toldActive: 'Your alert was sent to your counsellor and the helpline. If you can, call one of these '
        + 'numbers now.',
      copied: 'Copied. It stays in this device’s clipboard until you copy something else or press Quick exit.',
      copyFailed: 'The code is selected: copy it with your browser’s menu.',
      locAsked: 'Your counsellor asks where you are: answer in the box above, only if you want.',
      locSending: 'Sending…',
      locShared: 'Shared with your counsellor.',
      locOffline: 'Not connected: nothing was shared. Please try again in a moment.',
      locFailed: 'Not shared. Please try again.',
      locLost: 'The connection was lost while sharing: it may not have reached your counsellor. Please share it again.',
    },
  };
  const english = {};
  document.querySelectorAll('[data-i18n]').forEach((node) => {
    english[node.getAttribute('data-i18n')] = node.textContent;
  });
  let lang = 'en';
  const redraws = [];

  function t(key, vars) {
    let text = (lang === 'fr' && WORDS.fr[key]) || WORDS.en[key] || english[key] || key;
    for (const name in vars || {}) text = text.split('{' + name + '}').join(vars[name]);
    return text;
  }

  // Whether the page has its own words for key (an error code, an alternatives reason).
  function hasWord(key) {
    return Object.prototype.hasOwnProperty.call(WORDS.en, key);
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((node) => {
      const key = node.getAttribute('data-i18n');
      node.textContent = (lang === 'fr' && WORDS.fr[key]) || english[key];
    });
    const other = lang === 'fr' ? 'en' : 'fr';
    $('lang').querySelector('.lang-code').textContent = other.toUpperCase();
    $('lang').querySelector('.lang-name').textContent = other === 'fr' ? 'Français' : 'English';
    $('lang').lang = other;
    for (const redraw of redraws) redraw();
  }

  let loadingFrench = false;
  function useLanguage(wanted) {
    if (wanted === 'fr' && !WORDS.fr) {
      if (loadingFrench) return;
      loadingFrench = true;
      const script = document.createElement('script');
      script.src = '/visitor/fr.js';
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

  Object.assign(V, {
    t,
    hasWord,
    language: () => lang,
    useLanguage,
    /** redraw() runs after each change of language. */
    onLanguage: (redraw) => redraws.push(redraw),
  });
})();
