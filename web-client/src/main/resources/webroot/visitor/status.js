'use strict';
// What the page tells the visitor about the chat: the status line (the live region screen readers hear), short notices
// (errors, refusals), the place in the queue while waiting, the "connection lost" line, and the chat line: the same
// state in a few words just above the reply box, where the visitor is looking, brought into view when the state changes.
// On the welcome form, the outcome line just above Start says the same of her start (starting, not connected, refused)
// where she tapped; after "I'm in danger now" in a chat, a line at the top of the emergency numbers says whether her
// alert was sent.
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
  let slowTimer = 0;
  let slow = false; // a start asked a while ago (SLOW_START) and not answered yet
  const SLOW_START = 8000;
  // The chat line's words for each status (waiting states show the place in the queue once it is known).
  const LINE = {
    starting: 'line_waiting', waiting: 'line_waiting', waitingDanger: 'line_danger', waitingDangerSending: 'line_danger',
    waitingDangerNotAlerted: 'line_dangerNotAlerted',
    requeued: 'line_requeued',
    resuming: 'line_resuming', active: 'line_active', assigned: 'line_with', transferred: 'line_with', ending: 'ending',
    endedByYou: 'line_endedByYou', endedByCounsellor: 'line_endedByCounsellor', endedTimeout: 'line_endedTimeout',
    ended: 'ended', forgetting: 'forgetting', erased: 'line_erased',
  };
  const OVER = ['endedByYou', 'endedByCounsellor', 'endedTimeout', 'ended', 'forgetting', 'erased'];
  // Statuses that say what she asked for (an end, a delete) rather than the state of the chat: said as they are.
  const ASKED = ['ending', 'forgetting'];
  // Notices that stay while the chat lasts, with a link to the numbers to call on the chat line: nothing she sends can
  // pass any more.
  const STAYS = ['conversation_full'];

  // stay: the view stays where it is (the answer to her "I'm in danger now", told by the line at the top of the
  // numbers she was brought to: the chat line coming into view would scroll them away)
  function setStatus(key, vars, stay) {
    const changed = key !== statusKey;
    statusKey = key;
    statusVars = vars || {};
    if (changed) { // a start not answered within SLOW_START says so beside Start
      clearTimeout(slowTimer);
      slow = false;
      if (key === 'starting') {
        slowTimer = setTimeout(() => {
          slow = true;
          showLine();
        }, SLOW_START);
      }
    }
    write($('status'), V.t(key, vars));
    showLine();
    if (changed && !stay) revealLine();
  }

  // The live regions (the status, the place in the queue, the connection, the notice) are always in the page, empty
  // when they have nothing to say, and only their words change, only when they do: the same words written again may
  // be read out again.
  function write(box, words) {
    if (box.textContent !== words) box.textContent = words;
  }

  // The part of the window she sees the page in: below the sticky header, above the bottom (of the visual viewport: a
  // phone's keyboard or zoom).
  function visibleBand() {
    return {
      top: document.querySelector('.topbar').getBoundingClientRect().bottom,
      bottom: window.visualViewport ? window.visualViewport.height : window.innerHeight,
    };
  }

  // A notice for an error code; codes without words of their own get a general one.
  // In a chat, the chat line says it too while it shows. said: the status line says it already (shown, not read out
  // twice).
  function notice(code, said) {
    const box = $('notice');
    noticeKey = V.hasWord(code) ? code : code === 'too_large' ? 'text_too_long' : code === 'internal' ? 'unavailable'
      : 'other';
    box.setAttribute('aria-live', said ? 'off' : 'polite');
    write(box, V.t(noticeKey));
    showLine();
    revealLine();
    clearTimeout(noticeTimer);
    if (STAYS.includes(noticeKey)) return;
    noticeTimer = setTimeout(() => {
      write(box, '');
      noticeKey = '';
      showLine();
    }, 12000);
  }

  // The chat a lasting notice was about is over (or gone): the notice goes with it.
  function chatOver() {
    if (!STAYS.includes(noticeKey)) return;
    write($('notice'), '');
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

  // Why no counsellor answers yet, while waiting: 'closed' (nobody may take her need at this hour), 'nobody' (no
  // counsellor online), 'long_wait', 'no_counsellor' (all busy), or '' (just waiting her turn).
  function waitReason() {
    const reason = V.chat.waitingNow && !V.chat.ended ? V.overflowReason() : '';
    return reason === 'closed' ? reason : nobodyOnline() ? 'nobody' : reason;
  }

  // Place in the queue: shown only while waiting for a counsellor. Nobody online, or closed at this hour for her need:
  // said first, with no wait time (the throughput of the network says nothing about when someone may take her chat).
  // No counsellor free, or waiting past the whole routing policy: said first too. The one live region of her wait
  // (the lines open now are not one): screen readers hear the place and why nobody answers yet when either changes.
  function showQueue() {
    const box = $('queue-position');
    if (!queue || V.chat.ended || !V.chat.waitingNow) {
      write(box, '');
    } else {
      const reason = waitReason();
      const place = V.t('queue', { n: queue.position, wait: waitWords() });
      write(box, reason === 'closed' ? V.t('queueClosed', { n: queue.position })
        : reason === 'nobody' ? V.t('queueNobody', { n: queue.position })
          : reason ? V.t('queue_' + reason) + ' ' + place : place);
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
    write($('connection'), isLost ? V.t('lost') : '');
    showLine();
    if (changed && isLost) revealLine();
  }

  // The chat line: what is happening now, in a few words, above the reply box. A notice, while it shows, comes first,
  // then a lost connection. While she is in danger (she started so, or pressed "I'm in danger now" in this chat): the
  // urgent words (or whether her alert was sent) and the emergency numbers to call at once. While waiting with no
  // counsellor to answer (nobody online, none free, past the whole routing policy, or closed at this hour for her
  // need): the reason, the first lines open now to call at once, then a link to all of them (below the chat). Redrawn
  // only when it changed (a link may have the focus).
  let drawn = '';
  function lineNow() {
    const chat = V.chat;
    const open = !chat.ended && !ASKED.includes(statusKey);
    const waiting = open && chat.waitingNow;
    const danger = open && (chat.dangerPending || chat.dangerTold || chat.dangerNotAlerted
      || waiting && chat.startedInDanger);
    const now = { text: '', look: '', numbers: [], label: '', all: 0, toNumbers: false };
    if (noticeKey) {
      Object.assign(now, { text: V.t(noticeKey), look: ' over', toNumbers: STAYS.includes(noticeKey) });
      return now;
    }
    if (lost && !chat.ended) {
      Object.assign(now, { text: V.t('line_lost') }, danger ? { numbers: V.emergencyNow(), label: 'line_call' } : {});
      return now;
    }
    const parts = [];
    if (danger) {
      parts.push(V.t(chat.dangerTold ? (waiting ? 'line_dangerTold' : 'line_dangerToldActive')
        : chat.dangerPending ? 'line_dangerSending' : chat.dangerNotAlerted ? 'line_dangerNotAlerted' : 'line_danger'));
    }
    const reason = waiting ? waitReason() : '';
    if (reason) parts.push(V.t('line_' + reason));
    if (waiting && queue && reason !== 'nobody') {
      parts.push(reason === 'closed' ? V.t('line_place', { n: queue.position })
        : V.t('line_queue', { n: queue.position, wait: waitWords() }));
    }
    if (!waiting || !parts.length) {
      const key = LINE[statusKey];
      const saidAlready = danger && (key === 'line_danger' || key === 'line_dangerNotAlerted');
      if (key && !saidAlready) parts.push(V.t(key, statusVars));
    }
    const lines = reason ? V.linesOpenNow() : [];
    if (danger) {
      Object.assign(now, { numbers: V.emergencyNow(), label: 'line_call', look: ' urgent' });
    } else if (reason) {
      Object.assign(now, { numbers: lines.slice(0, 2), label: 'line_lines', look: ' nobody' });
    }
    if (OVER.includes(statusKey)) now.look = ' over';
    now.all = reason ? lines.length : 0;
    const sentences = parts.length > 1 || now.numbers.length || now.all;
    now.text = parts.map((p) => (sentences && !/[.…:!?]$/.test(p) ? p + '.' : p)).join(' ');
    return now;
  }

  function showLine() {
    drawLine();
    drawStartOutcome();
    drawDangerSent();
  }

  function drawLine() {
    const line = $('chat-line');
    const now = lineNow();
    const key = JSON.stringify(now);
    if (key === drawn) return;
    drawn = key;
    line.className = 'chat-line' + now.look;
    line.textContent = now.text;
    line.hidden = !now.text;
    if (!now.text) return;
    if (now.toNumbers) { // the numbers at the top of the page: always open, whatever the hour
      line.append(' ', jumpTo('emergency', V.t('line_numbers')));
      return;
    }
    appendNumbers(line, now.numbers, now.label, now.all);
  }

  // After words: "label" then links to call each number (its tap recorded as a line taken), then a link to all the
  // lines open now (all: how many) when there are.
  function appendNumbers(where, numbers, label, all) {
    if (!numbers.length && !all) return;
    where.append(' ' + (numbers.length ? V.t(label) + ' ' : ''));
    numbers.forEach((l, i) => {
      const a = H.el('a', null, l.number);
      a.href = l.href;
      a.setAttribute('aria-label', l.number + ', ' + l.name);
      a.addEventListener('click', () => V.tookLine(l.id));
      where.append(a);
      if (i < numbers.length - 1 || all) where.append(' · ');
    });
    if (all) where.append(jumpTo('alternatives', V.t('line_all', { n: all })));
  }

  // The outcome of her start, just above Start on the welcome form, where she tapped (the status, the notice and the
  // lines open now are above the form, out of view on a small phone once she has scrolled down to Start): starting,
  // not connected (trying again), still starting after a while, a notice about it (the start refused), or that a chat
  // cannot start from here now with the first lines open now. Not a live region: the status line says it already; the
  // page moves the focus here when Start is pressed (a disabled button loses it).
  let outcomeDrawn = '';
  function drawStartOutcome() {
    const box = $('start-outcome');
    const chat = V.chat;
    let key = '';
    if ($('start-form').hidden) key = '';
    else if (chat.pendingStart && lost) key = 'start_offline';
    else if (noticeKey) key = noticeKey;
    else if (chat.pendingStart) key = slow ? 'start_slow' : 'starting';
    else if (statusKey === 'chat_unavailable') key = statusKey;
    if (key === 'chat_unavailable') key = 'start_unavailable';
    const lines = key === 'start_unavailable' ? V.linesOpenNow() : [];
    const now = JSON.stringify([key, V.language(), lines]);
    if (now === outcomeDrawn) return;
    const changed = JSON.parse(outcomeDrawn || '[""]')[0] !== key;
    outcomeDrawn = now;
    box.textContent = key ? V.t(key) : '';
    box.className = 'start-outcome' + (key === 'starting' ? '' : key ? ' told' : '');
    if (key === 'start_offline' || key === 'start_slow') box.append(' ', jumpTo('emergency', V.t('line_numbers')));
    if (key === 'start_unavailable') appendNumbers(box, lines.slice(0, 2), 'line_lines', $('alternatives').hidden ? 0
      : lines.length);
    // where she is (the focus went there with Start): the whole line in view, with Start under it
    if (changed && key && document.activeElement === box) box.scrollIntoView({ block: 'nearest' });
  }

  // "I'm in danger now" pressed in this chat: at the top of the emergency numbers (in view after the press), whether
  // her alert is on its way, waits for the connection, or was sent (the server's danger or alternatives frame). Always
  // rendered, empty when there is nothing to say, so that screen readers hear it as a status when its words change.
  // Once the chat has ended, what was said of a sent alert stays until the page clears the chat.
  let dangerKey = '';
  let dangerDrawn = '';
  function drawDangerSent() {
    const chat = V.chat;
    if (!(chat.ended && chat.dangerTold)) {
      dangerKey = chat.dangerTold ? (chat.waitingNow ? 'danger_told' : 'danger_toldActive')
        : chat.dangerNotAlerted && !chat.dangerPending ? 'danger_notAlerted'
          : !chat.dangerPending ? '' : chat.attached && !lost ? 'danger_sending' : 'danger_offline';
    }
    const now = dangerKey + ' ' + V.language();
    if (now === dangerDrawn) return;
    dangerDrawn = now;
    $('danger-sent').textContent = dangerKey ? V.t(dangerKey) : '';
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
    const { top, bottom } = visibleBand();
    if (line.getBoundingClientRect().top < top) $('composer').scrollIntoView({ block: 'start' });
    const box = next.getBoundingClientRect();
    if (box.top < top || box.bottom > bottom) next.scrollIntoView({ block: 'nearest' });
  }

  V.onLanguage(() => {
    if (noticeKey) write($('notice'), V.t(noticeKey));
    setStatus(statusKey, statusVars);
    showQueue();
    connection(lost);
  });

  Object.assign(V, {
    setStatus, statusKey: () => statusKey, notice, noticeShown: () => !!noticeKey, chatOver, showQueue, setQueue,
    connection, nobodyOnline, showLine, revealLine, visibleBand, write,
  });
})();
