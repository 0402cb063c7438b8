'use strict';
// What the page tells the visitor about the chat: the status line, short notices (errors, refusals), the place in the
// queue while waiting, and the "connection lost" line.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let statusKey = 'connecting';
  let statusVars = {};
  let queue = null; // last {position, estimatedWaitSeconds} while waiting
  let noticeTimer = 0;

  function setStatus(key, vars) {
    statusKey = key;
    statusVars = vars || {};
    $('status').textContent = V.t(key, vars);
  }

  // A notice for an error code; codes without words of their own get a general one.
  function notice(code) {
    const box = $('notice');
    box.textContent = V.t(V.hasWord(code) ? code
      : code === 'too_large' ? 'text_too_long' : code === 'internal' ? 'unavailable' : 'other');
    box.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { box.hidden = true; }, 12000);
  }

  // Place in the queue: shown only while waiting for a counsellor.
  function showQueue() {
    const box = $('queue-position');
    if (!queue || V.chat.ended || !V.chat.waitingNow) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    const s = queue.estimatedWaitSeconds;
    const m = Math.round(s / 60);
    const wait = queue.counsellorsOnline === false ? V.t('waitNobody') : typeof s !== 'number' ? V.t('waitUnknown')
      : s < 45 ? V.t('waitSoon') : m <= 1 ? V.t('waitOne') : V.t('waitMinutes', { m });
    box.textContent = V.t('queue', { n: queue.position, wait });
    box.hidden = false;
  }

  function setQueue(position) {
    queue = position;
    showQueue();
  }

  function connection(lost) {
    const box = $('connection');
    box.textContent = lost ? V.t('lost') : '';
    box.hidden = !lost;
  }

  V.onLanguage(() => {
    setStatus(statusKey, statusVars);
    showQueue();
  });

  Object.assign(V, { setStatus, statusKey: () => statusKey, notice, showQueue, setQueue, connection });
})();
