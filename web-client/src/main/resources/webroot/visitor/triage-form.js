'use strict';
// "Talk to someone": the optional triage, sent with `start`. Nothing is required.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);

  // The region as typed, made safe to send: accents dropped, spaces as dashes, only letters, digits, - and _, 32 at most.
  function region(value) {
    return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, '-')
      .replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);
  }

  $('start-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const chat = V.chat;
    if (chat.pendingStart || chat.conv || chat.pendingCode) return;
    const triage = { childrenInvolved: $('children').checked, inDanger: $('danger').checked };
    for (const id of ['role', 'language', 'topic']) if ($(id).value) triage[id] = $(id).value;
    const r = region($('region').value);
    if (r) triage.region = r;
    chat.pendingStart = triage;
    $('start').disabled = true;
    V.setStatus('starting');
    V.sock.send({ type: 'start', triage });
  });
})();
