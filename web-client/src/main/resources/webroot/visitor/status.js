'use strict';
// What the page tells the visitor about the chat: the status line (the live region screen readers hear), short notices
// (errors, refusals), the place in the queue while waiting, the "connection lost" line, and the chat line: the same
// state in a few words just above the reply box, where the visitor is looking, brought into view when the state changes.
(function () {
  const H = window.Helpline;
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let statusKey = 'connecting';
  let statusVars = {};
  let queue = null; // last {position, estimatedWaitSeconds, counsellorsOnline} while waiting
  let lost = false;
  let noticeTimer = 0;
  let noticeKey = ''; // the notice shown now, if any
  // The chat line's words for each status (waiting states show the place in the queue once it is known).
  const LINE = {
    starting: 'line_waiting', waiting: 'line_waiting', waitingDanger: 'line_danger', requeued: 'line_requeued',
    resuming: 'line_resuming', active: 'line_active', assigned: 'line_with', transferred: 'line_with', ending: 'ending',
    endedByYou: 'line_endedByYou', endedByCounsellor: 'line_endedByCounsellor', endedTimeout: 'line_endedTimeout',
    ended: 'ended', forgetting: 'forgetting', erased: 'line_erased',
  };
  const OVER = ['endedByYou', 'endedByCounsellor', 'endedTimeout', 'ended', 'forgetting', 'erased'];
  // Notices that stay while the chat lasts, with a link to the numbers to call on the chat line: nothing she sends can
  // pass any more.
  const STAYS = ['conversation_full'];

  function setStatus(key, vars) {
    const changed = key !== statusKey;
    statusKey = key;
    statusVars = vars || {};
    $('status').textContent = V.t(key, vars);
    showLine();
    if (changed) revealLine();
  }

  // A notice for an error code; codes without words of their own get a general one.
  // In a chat, the chat line says it too while it shows.
  function notice(code) {
    const box = $('notice');
    noticeKey = V.hasWord(code) ? code : code === 'too_large' ? 'text_too_long' : code === 'internal' ? 'unavailable'
      : 'other';
    box.textContent = V.t(noticeKey);
    box.hidden = false;
    showLine();
    revealLine();
    clearTimeout(noticeTimer);
    if (STAYS.includes(noticeKey)) return;
    noticeTimer = setTimeout(() => {
      box.hidden = true;
      noticeKey = '';
      showLine();
    }, 12000);
  }

  // The chat a lasting notice was about is over (or gone): the notice goes with it.
  function chatOver() {
    if (!STAYS.includes(noticeKey)) return;
    $('notice').hidden = true;
    noticeKey = '';
    showLine();
  }

  /** Whether the server said, while this chat waits, that no counsellor is online now. */
  function nobodyOnline() {
    return !!queue && queue.counsellorsOnline === false && V.chat.waitingNow && !V.chat.ended;
  }

  function waitWords() {
    const s = queue.estimatedWaitSeconds;
    const m = Math.round(s / 60);
    return typeof s !== 'number' ? V.t('waitUnknown') : s < 45 ? V.t('waitSoon') : m <= 1 ? V.t('waitOne')
      : V.t('waitMinutes', { m });
  }

  // Place in the queue: shown only while waiting for a counsellor. Nobody online: said first, with no wait time.
  function showQueue() {
    const box = $('queue-position');
    if (!queue || V.chat.ended || !V.chat.waitingNow) {
      box.hidden = true;
      box.textContent = '';
    } else {
      box.textContent = nobodyOnline() ? V.t('queueNobody', { n: queue.position })
        : V.t('queue', { n: queue.position, wait: waitWords() });
      box.hidden = false;
    }
    showLine();
  }

  function setQueue(position) {
    const nobody = nobodyOnline();
    queue = position;
    showQueue();
    if (nobodyOnline() !== nobody) V.renderAlternatives(); // its reason says it too
  }

  function connection(isLost) {
    const changed = isLost !== lost;
    lost = isLost;
    const box = $('connection');
    box.textContent = isLost ? V.t('lost') : '';
    box.hidden = !isLost;
    showLine();
    if (changed && isLost) revealLine();
  }

  // The chat line: what is happening now, in a few words, above the reply box. Nobody online: the first lines open
  // now to call at once, then a link to all of them (below the chat). A notice, while it shows, comes first. Redrawn
  // only when it changed (a link may have the focus).
  let drawn = '';
  function showLine() {
    const line = $('chat-line');
    const key = noticeKey || (lost && !V.chat.ended ? 'line_lost' : LINE[statusKey]);
    const inQueue = key === LINE[statusKey] && queue && V.chat.waitingNow && !V.chat.ended;
    const nobody = inQueue && nobodyOnline();
    const text = !key ? '' : nobody ? V.t('line_nobody') : inQueue
      ? V.t('line_queue', { n: queue.position, wait: waitWords() }) : V.t(key, statusVars);
    const lines = nobody ? V.linesOpenNow() : [];
    const look = noticeKey || OVER.includes(statusKey) ? ' over' : nobody ? ' nobody' : '';
    const now = JSON.stringify([text, lines, look]);
    if (now === drawn) return;
    drawn = now;
    line.className = 'chat-line' + look;
    line.textContent = text;
    line.hidden = !text;
    if (STAYS.includes(noticeKey)) { // the numbers at the top of the page: always open, whatever the hour
      line.append(' ', jumpTo('emergency', V.t('line_numbers')));
      return;
    }
    if (!lines.length) return;
    line.append(' ' + V.t('line_lines') + ' ');
    for (const l of lines.slice(0, 2)) {
      const a = H.el('a', null, l.number);
      a.href = l.href;
      a.setAttribute('aria-label', l.number + ', ' + l.name);
      a.addEventListener('click', () => V.tookLine(l.id));
      line.append(a, ' · ');
    }
    line.append(jumpTo('alternatives', V.t('line_all', { n: lines.length })));
  }

  // A link in the chat line to a section of the page, which gets the focus.
  function jumpTo(id, words) {
    const a = H.el('a', null, words);
    a.href = '#' + id;
    a.addEventListener('click', (e) => {
      e.preventDefault(); // no history entry: Back after quick exit must not come back to this page
      $(id).scrollIntoView({ block: 'start' });
      $(id).focus({ preventScroll: true });
    });
    return a;
  }

  // A new state while the chat is on screen: its line and what she can do next (the reply box, or once the chat has
  // ended the button for a new one) come into view if either is not in view (below the sticky header). A line above
  // the view or under the header is brought down to just under it (the reply box's scroll margin); what comes next
  // is below the line, so scrolling it into view from below shows both.
  function revealLine() {
    const line = $('chat-line');
    if ($('chat').hidden || line.hidden) return;
    const next = $('new-chat').hidden ? $('composer') : $('new-chat');
    const top = document.querySelector('.topbar').getBoundingClientRect().bottom;
    const bottom = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    if (line.getBoundingClientRect().top < top) $('composer').scrollIntoView({ block: 'start' });
    const box = next.getBoundingClientRect();
    if (box.top < top || box.bottom > bottom) next.scrollIntoView({ block: 'nearest' });
  }

  V.onLanguage(() => {
    if (noticeKey) $('notice').textContent = V.t(noticeKey);
    setStatus(statusKey, statusVars);
    showQueue();
    connection(lost);
  });

  Object.assign(V, {
    setStatus, statusKey: () => statusKey, notice, chatOver, showQueue, setQueue, connection, nobodyOnline, showLine,
    revealLine,
  });
})();
