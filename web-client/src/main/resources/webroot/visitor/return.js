'use strict';
// The visitor's return, and leaving for good. The resume code is shown once the chat started and typed on the welcome
// screen ("Continue a conversation") to continue from another tab, browser or phone. "Delete my conversation now" is
// confirmed in a dialog (confirm.js), then erased on the server for both sides.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let holdMinutes = 10;
  let codeKey = '';
  let codeHidden = false;
  let copiedKey = '';

  V.onSettings((v) => {
    if (typeof v.holdAfterExitSeconds === 'number') holdMinutes = Math.round(v.holdAfterExitSeconds / 60);
    showCode();
  });

  // ---- The resume code
  function showCode() {
    const code = V.chat.conv && V.chat.conv.code;
    $('code-box').hidden = !code || codeHidden || V.chat.ended;
    $('code').textContent = code || '';
    $('code-hold').textContent = holdMinutes > 0 ? V.t('codeHold', { m: holdMinutes }) : '';
    if ($('code-box').hidden) copiedKey = '';
    $('code-copied').textContent = copiedKey ? V.t(copiedKey) : '';
  }
  // Copied if the browser lets the page write the clipboard; otherwise the code is selected for the phone's own menu.
  $('copy-code').addEventListener('click', () => {
    const done = (key) => {
      copiedKey = key;
      showCode();
    };
    const select = () => {
      window.getSelection().selectAllChildren($('code'));
      done('copyFailed');
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText($('code').textContent).then(() => done('copied'), select);
    } else {
      select();
    }
  });
  $('hide-code').addEventListener('click', () => {
    codeHidden = true;
    showCode();
    $('text').focus();
  });

  function codeError(key) {
    codeKey = key;
    $('resume-error').textContent = key ? V.t(key) : '';
    $('resume-error').hidden = !key;
    if (key) {
      $('resume').disabled = false;
      $('resume-code').focus();
    }
  }

  $('resume-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const chat = V.chat;
    if (chat.conv || chat.pendingStart || chat.pendingCode) return;
    const code = $('resume-code').value.replace(/[\s\u2010-\u2015-]/g, '').toUpperCase();
    if (!/^[0-9A-Z]{12}$/.test(code)) {
      codeError('codeInvalid');
      return;
    }
    codeError('');
    chat.pendingCode = code;
    $('resume').disabled = true;
    V.setStatus('resumingCode');
    if (V.sock.isOpen()) V.sock.send({ type: 'resume', code });
  });

  // A `resumed` frame answering the code the visitor typed: from now on the page keeps this conversation.
  function codeAccepted(f) {
    const chat = V.chat;
    if (!chat.pendingCode || typeof f.resumeSecret !== 'string') return;
    chat.conv = { conversation: f.conversation, resumeSecret: f.resumeSecret, lastSeq: 0,
      code: chat.pendingCode.match(/.{1,4}/g).join('-') };
    chat.pendingCode = null;
    V.save();
    $('resume-form').reset();
  }

  // An error answering the code the visitor typed.
  function codeRefused(code) {
    V.chat.pendingCode = null;
    V.setStatus('ready');
    codeError(code === 'not_found' ? 'codeWrong' : code === 'rate_limited' ? 'codeBusy'
      : code === 'invalid' ? 'codeInvalid' : 'other');
  }

  // ---- Delete my conversation now (asked first, confirm.js)
  V.confirmBefore('forget', () => V.chat.attached || V.chat.conv || V.chat.endedConv, () => {
    V.chat.forgetRequested = true;
    V.wipe();
    V.setStatus('forgetting');
    if (V.chat.attached) V.sock.send({ type: 'forget' });
  });

  function erasedNow() {
    V.chat.forgetRequested = false;
    V.endedNow(null);
    V.chat.endedConv = null; // after endedNow, which keeps the conversation of a chat that just ended
    V.wipe();
    try {
      sessionStorage.clear();
    } catch (e) { /* nothing kept anyway */ }
    V.setStatus('erased');
    $('forget').hidden = true;
    $('new-chat').focus();
  }

  V.onLanguage(() => {
    showCode();
    $('resume-error').textContent = codeKey ? V.t(codeKey) : '';
  });

  Object.assign(V, {
    showCode,
    /** A new conversation: its code will be shown again. */
    showCodeAgain: () => {
      codeHidden = false;
      showCode();
    },
    codeAccepted,
    codeRefused,
    erasedNow,
  });
})();
