'use strict';
// The life of this page's conversation: its state (V.chat, read by the other files), the only thing kept in the
// browser ({conversation, resumeSecret, lastSeq, codeHidden, codeCopied, and danger: 'pending' while an "I'm in danger
// now" is not answered, never longer} in sessionStorage, forgotten when the tab closes), the two screens (welcome forms
// or chat), and the steps: attached, waiting, talking, ended, back to the start. Never the resume code: Chromium writes
// session storage to its profile on disk, where it outlives the tab and a Quick exit until the browser's next start,
// and the code opens the chat from any browser during the hold. The page keeps the code in its memory only
// (chat.conv.code); after a reload the server gives it back (`resumed`).
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.visitor';

  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.conversation === 'string' && typeof s.resumeSecret === 'string') {
        return { conversation: s.conversation, resumeSecret: s.resumeSecret, lastSeq: Math.max(0, Number(s.lastSeq) || 0),
          code: '', // given back by the server once resumed (visitor.js)
          codeHidden: s.codeHidden === true, codeCopied: s.codeCopied === true, // return.js
          dangerPending: s.danger === 'pending' }; // an alert pressed before a reload is still sent
      }
    } catch (e) { /* storage unavailable or damaged: start afresh */ }
    return null;
  }

  const chat = {
    conv: load(), // what sessionStorage keeps, and the resume code in memory only; or null
    attached: false, // this socket has started or resumed the conversation
    ended: false,
    waitingNow: false, // no counsellor yet (or again)
    endRequested: false,
    forgetRequested: false, // "delete my conversation now" confirmed, not yet done
    dangerPending: false, // "in danger now" pressed, not yet confirmed by the server
    // the server confirmed it (alternatives with reason danger, or its danger frame), unless it said alerted: false
    dangerTold: false,
    // the server said no alert was raised (alerted: false: started beyond its network's chats of the hour)
    dangerNotAlerted: false,
    startedInDanger: false,
    pendingStart: null, // triage to send once the socket is open
    pendingCode: null, // a resume code typed by the visitor, until the server answers
    endedConv: null, // after the end, the conversation and its secret in memory only, to delete it after a drop
    // a resume code was copied or pasted on this page: Quick exit writes over the clipboard, whatever became of the
    // chat since (it moved to another tab or browser, or ended and was cleared)
    codeInClipboard: false,
  };

  // after a reload: an alert pressed and not answered is still sent (attachedNow)
  if (chat.conv) {
    chat.startedInDanger = chat.dangerPending = chat.conv.dangerPending;
    chat.codeInClipboard = chat.conv.codeCopied;
  }

  function save() {
    try {
      if (chat.conv) {
        // no code; of her danger, only an alert still to send (the browser writes this storage to its disk)
        sessionStorage.setItem(STORE, JSON.stringify({ ...chat.conv, code: undefined, dangerPending: undefined,
          danger: chat.dangerPending ? 'pending' : undefined }));
      }
    } catch (e) { /* keep going in memory */ }
  }

  function forget() {
    chat.conv = null;
    try {
      sessionStorage.removeItem(STORE);
    } catch (e) { /* nothing kept anyway */ }
  }

  function showForm() {
    $('chat').hidden = true;
    $('start-form').hidden = $('continue').hidden = false;
    $('start').disabled = $('resume').disabled = false;
    $('in-danger-now').hidden = true; // the form has its own "in danger" box; the button belongs to a chat
    document.body.classList.remove('in-chat');
    $('skip').href = '#start-form';
  }

  function showChat() {
    $('start-form').hidden = $('continue').hidden = true;
    $('chat').hidden = false;
    $('in-danger-now').hidden = false;
    document.body.classList.add('in-chat');
    $('skip').href = '#composer';
  }

  // The skip link: to the form's first question, or to the reply box (the new chat button once it ended).
  $('skip').addEventListener('click', (e) => {
    e.preventDefault();
    const form = $('chat').hidden ? $('start-form') : $('composer');
    form.scrollIntoView({ block: 'start' });
    const target = form === $('start-form') ? $('role') : $('text').disabled ? $('new-chat') : $('text');
    target.focus({ preventScroll: target !== $('new-chat') });
  });

  // The top of the chat (the resume code) just below the sticky header, the reply box ready.
  function chatOnTop() {
    $('text').focus({ preventScroll: true });
    const header = document.querySelector('.topbar').getBoundingClientRect().height;
    window.scrollTo(0, window.scrollY + $('chat').getBoundingClientRect().top - header - 8);
  }

  // Everything of the conversation off the screen.
  function wipe() {
    V.clearMessages();
    V.closeConsent();
    V.locStatus('');
  }

  function attachedNow() {
    chat.attached = true;
    V.chatAttached();
    V.sock.connected();
    V.connection(false);
    showChat();
    V.showCode();
    if (chat.forgetRequested) {
      V.sock.send({ type: 'forget' });
      return;
    }
    V.sendQueued();
    V.sendDanger();
    sendEnd();
  }

  // The end she asked for, once her messages typed before it are answered (they go one at a time: an end sent with
  // some still waiting would leave them unsent).
  function sendEnd() {
    if (chat.endRequested && chat.attached && !V.anyUnsent()) V.sock.send({ type: 'end' });
  }

  function waiting(key) {
    chat.waitingNow = true;
    V.setStatus(key || (chat.dangerNotAlerted && !chat.dangerPending ? 'waitingDangerNotAlerted'
      : !chat.startedInDanger ? 'waiting' : chat.dangerPending ? 'waitingDangerSending' : 'waitingDanger'));
    V.showQueue();
    V.renderAlternatives();
  }

  function talking() {
    chat.waitingNow = false;
    V.setQueue(null);
    V.renderAlternatives();
  }

  function assigned(counsellor, key) {
    talking();
    const name = counsellor && counsellor.name ? counsellor.name : '';
    if (!name) {
      V.setStatus('active');
      return;
    }
    V.setCounsellorName(name);
    const assoc = counsellor.associationName || counsellor.association || '';
    V.setStatus(key || 'assigned', { name, assoc: assoc ? ' (' + assoc + ')' : '' });
  }

  function endedNow(by) {
    chat.ended = true;
    chat.endRequested = chat.dangerPending = false;
    V.chatOver();
    V.closeConsent();
    V.locStatus('');
    talking();
    // kept in this page's memory only (no longer in session storage, so a reload does not show it): a socket that
    // drops after the end can attach again, so that "Delete my conversation now" still works while the page is open
    if (chat.conv) chat.endedConv = chat.conv;
    forget();
    V.typingOff();
    V.setStatus(by === 'visitor' ? 'endedByYou' : by === 'counsellor' ? 'endedByCounsellor'
      : by === 'timeout' ? 'endedTimeout' : 'ended');
    V.showCode();
    // attached, every message not acknowledged went out on this socket (again, after a resume): each is answered, by
    // its ack (stored before the end, the first ack lost with a connection) or conversation_ended (not sent)
    if (!chat.attached) V.failUnsent();
    $('text').disabled = $('send').disabled = true;
    $('end').hidden = true;
    V.dismiss('end');
    $('forget').hidden = !chat.attached;
    $('new-chat').hidden = false;
    V.revealLine(); // the layout changed under the status line: the code box and the end button went
  }

  // asked first (confirm.js): a tap meant for Send, moved by a line that appeared above it, must not end the chat
  V.confirmBefore('end', () => !chat.ended, () => {
    if (chat.ended) return;
    chat.endRequested = true;
    V.setStatus('ending');
    sendEnd();
  });

  // Nothing of the chat left on the page: no conversation, nothing asked or waiting to be sent (an end or a delete
  // asked for this chat must never reach the next one), nothing of it shown.
  function clearChat() {
    forget();
    wipe();
    V.dismiss('end');
    V.dismiss('forget');
    V.chatOver();
    Object.assign(chat, {
      ended: false, attached: false, endRequested: false, startedInDanger: false, waitingNow: false,
      dangerPending: false, dangerTold: false, dangerNotAlerted: false, forgetRequested: false, pendingStart: null,
      pendingCode: null, endedConv: null,
    });
    V.clearAlternatives();
    V.setQueue(null);
    V.setCounsellorName('');
    $('text').disabled = $('send').disabled = false;
    $('end').hidden = $('forget').hidden = false;
    $('new-chat').hidden = true;
  }

  // Back to the welcome screen with a fresh socket (a new conversation, or after this one moved elsewhere).
  function reset(key) {
    V.sock.stop();
    clearChat();
    $('start-form').reset();
    showForm();
    V.showCodeAgain();
    V.setStatus(key);
    if (key === 'replaced') $('status').scrollIntoView({ block: 'start' }); // where she was looking is gone
    V.sock.start();
  }
  $('new-chat').addEventListener('click', () => {
    reset('connecting');
    $('role').focus();
  });

  Object.assign(V, {
    chat, save, forget, showForm, showChat, chatOnTop, wipe, attachedNow, sendEnd, waiting, assigned, endedNow, clearChat,
    reset,
  });
})();
