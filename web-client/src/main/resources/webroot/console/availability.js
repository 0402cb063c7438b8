'use strict';
// Availability beyond Available and Away: the reason a counsellor gives for being away (the choices come from
// console.yaml in the welcome frame; supervisors see the reason), and the wrap-up after a chat ends: no new chat is
// offered until it runs out (the server holds the offers; this bar counts it down) or until "Ready now" (which sets
// the counsellor available, and so ends it).
(function () {
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);
  let wrapUpSeconds = 0;
  let wrapUpEnds = 0;
  let wrapUpTimer = 0;

  // The welcome frame: the away reasons, the counsellor's own, the wrap-up's length and what is left of one running.
  function configureAvailability(f) {
    wrapUpSeconds = Math.max(0, Number(f.wrapUpSeconds) || 0);
    const select = $('away-reason');
    select.textContent = '';
    select.append(new Option('Away: no reason', ''));
    for (const reason of Array.isArray(f.awayReasons) ? f.awayReasons : []) {
      if (reason && typeof reason.id === 'string') select.append(new Option(reason.label || reason.id, reason.id));
    }
    select.hidden = select.options.length < 2;
    showAwayReason(f.awayReason);
    const left = Math.max(0, Number(f.wrapUpLeftSeconds) || 0);
    if (left && f.status === 'available') startWrapUp(left);
    else stopWrapUp();
  }

  function showAwayReason(reason) {
    const select = $('away-reason');
    select.value = typeof reason === 'string' && [...select.options].some((o) => o.value === reason) ? reason : '';
  }

  // The `status` frame: what the server recorded (also when it set the counsellor away after missed offers).
  function statusRecorded(f) {
    C.setStatus(f.status);
    showAwayReason(f.status === 'away' ? f.awayReason : '');
    stopWrapUp(); // away has no wrap-up; Available ends one (the server dropped it)
  }

  // The status frame to send for Away: with the reason chosen, if any.
  function awayFrame() {
    const reason = $('away-reason').value;
    return reason ? { type: 'status', status: 'away', awayReason: reason } : { type: 'status', status: 'away' };
  }

  // Choosing a reason sets the counsellor away with it.
  $('away-reason').addEventListener('change', () => {
    if (!C.sock.send(awayFrame())) C.notice('Not connected. Try again in a moment.');
  });

  // A chat this counsellor held ended: the wrap-up starts (only for an available counsellor: away gets nothing anyway).
  function chatEnded() {
    if (wrapUpSeconds && $('current-status').textContent === 'available') startWrapUp(wrapUpSeconds);
  }

  function startWrapUp(seconds) {
    wrapUpEnds = Date.now() + seconds * 1000;
    $('wrap-up').hidden = false;
    tickWrapUp();
    if (!wrapUpTimer) wrapUpTimer = setInterval(tickWrapUp, 1000);
  }

  function tickWrapUp() {
    const left = Math.ceil((wrapUpEnds - Date.now()) / 1000);
    if (left <= 0) {
      stopWrapUp();
      return;
    }
    $('wrap-up-text').textContent = 'Wrap-up: no new chat for ' + left + ' s. Finish your notes and the outcome.';
  }

  function stopWrapUp() {
    clearInterval(wrapUpTimer);
    wrapUpTimer = 0;
    wrapUpEnds = 0;
    $('wrap-up').hidden = true;
    $('wrap-up-text').textContent = '';
  }

  $('wrap-up-ready').addEventListener('click', () => {
    if (!C.sock.send({ type: 'status', status: 'available' })) C.notice('Not connected. Try again in a moment.');
  });

  C.onSessionEnd(stopWrapUp);

  Object.assign(C, { configureAvailability, statusRecorded, awayFrame, chatEnded });
})();
