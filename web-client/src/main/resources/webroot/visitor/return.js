'use strict';
// The visitor's return, and leaving for good. The resume code is shown once the chat started and typed on the welcome
// screen ("Continue a conversation") to continue from another tab, browser or phone. "Delete my conversation now" is
// confirmed in a dialog (confirm.js), then erased on the server for both sides.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let holdMinutes = 10;
  let codeKey = '';
  let copiedKey = '';

  V.onSettings((v) => {
    if (typeof v.holdAfterExitSeconds === 'number') holdMinutes = Math.round(v.holdAfterExitSeconds / 60);
    showCode();
  });

  // ---- The resume code
  // "Hide the code" and a copy of it are kept with the conversation in session storage (conversation.js): the code
  // stays hidden after a reload (a phone reloads a tab left in the background while she made a call), and a code
  // this page copied is taken off the clipboard by Quick exit and "Delete now" (quick-exit.js) after a reload too.
  // The code itself is never stored: kept in memory, it comes back from the server after a reload (visitor.js).
  function keep(field) {
    if (field === 'codeCopied') V.chat.codeInClipboard = true; // whatever becomes of the chat on this page
    const conv = V.chat.conv;
    if (!conv || conv[field]) return;
    conv[field] = true;
    V.save();
  }

  function showCode() {
    const conv = V.chat.conv;
    const code = conv && conv.code;
    $('code-box').hidden = !code || conv.codeHidden || V.chat.ended;
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
      keep('codeCopied'); // before the write: a Quick exit pressed at once must not miss it
      navigator.clipboard.writeText($('code').textContent).then(() => done('copied'), select);
    } else {
      select();
    }
  });
  // Copied with the browser's own menu or keys (the code is selected by a tap, or after a failed copy): the same.
  document.addEventListener('copy', () => {
    const selection = window.getSelection();
    if (selection && selection.rangeCount && selection.getRangeAt(0).intersectsNode($('code'))) keep('codeCopied');
  });
  $('hide-code').addEventListener('click', () => {
    keep('codeHidden');
    showCode();
    $('text').focus();
  });

  function codeError(key) {
    codeKey = key;
    $('resume-error').textContent = key ? V.t(key) : ''; // always in the page, empty when there is nothing to say
    if (key) {
      $('resume').disabled = false;
      $('resume-code').focus();
    }
  }

  // A code pasted here came from the clipboard, where it still is: Quick exit on this page writes over it too.
  $('resume-code').addEventListener('paste', () => {
    V.chat.codeInClipboard = true;
  });

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
      code: chat.pendingCode.match(/.{1,4}/g).join('-'), codeCopied: chat.codeInClipboard }; // pasted, maybe
    chat.pendingCode = null;
    V.save();
    $('resume-form').reset();
  }

  // An error answering the code the visitor typed.
  function codeRefused(code) {
    V.chat.pendingCode = null;
    V.setStatus('ready');
    codeError(code === 'not_found' ? 'codeWrong' : code === 'rate_limited' ? 'codeBusy'
      : code === 'invalid' ? 'codeInvalid' : code === 'unavailable' || code === 'internal' ? 'codeLater' : 'other');
  }

  // ---- Delete my conversation now (asked first, confirm.js)
  V.confirmBefore('forget', () => V.chat.attached || V.chat.conv || V.chat.endedConv, () => {
    V.clearClipboard(); // now, while the press on "Delete now" lets the page write the clipboard
    V.chat.forgetRequested = true;
    V.wipe();
    V.setStatus('forgetting');
    if (V.chat.attached) V.sock.send({ type: 'forget' });
  });

  function erasedNow() {
    V.clearClipboard(); // again: a delete asked offline is done later, when the browser may no longer allow it
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
    /** A new conversation (or none): its code is shown, as it was never hidden. */
    showCodeAgain: showCode,
    codeAccepted,
    codeRefused,
    erasedNow,
  });
})();
