'use strict';
// The supervisor dashboard's figures: renders the `dashboard` frames the server pushes every 2 s (no polling), keeps
// the per-minute history received with `welcome` and extended by each frame, and draws its charts. Associations come
// most urgent first from the server; the page only filters them. All visible strings are in TEXT.
(function () {
  const H = window.Helpline;
  const C = window.HelplineCharts;
  const $ = (id) => document.getElementById(id);
  const TEXT = {
    association: 'Association', waiting: 'Waiting', inDanger: 'In danger', longest: 'Longest wait',
    available: 'Available', busy: 'Busy', awayState: 'Away', offline: 'Offline', activeChats: 'Active chats',
    step: (name) => 'Step ' + name,
    closed: ' (closed now)',
    unattributed: 'No open association can take these now',
    shown: (shown, all, hidden) => 'Showing ' + shown + ' of ' + all + ' associations'
      + (hidden ? ' (' + hidden + ' without activity hidden)' : '') + '.',
    noneShown: 'No association matches.',
    coverage: (counted, total) => 'Per-step and per-association figures cover the first ' + counted + ' of the '
      + total + ' waiting chats, in queue order.',
    steps: 'Waiting by routing step: ',
    awayNow: 'Away now: ',
    noReason: 'no reason given',
    updated: (at) => 'updated ' + H.timeOf(at) + ':' + String(new Date(at).getSeconds()).padStart(2, '0'),
    activeCount: (listed, total) => (listed < total ? listed + ' most urgent of ' + total : String(total)),
    priority: { 'in-danger': 'In danger', children: 'Children involved', standard: 'Standard' },
    risk: { high: 'High', medium: 'Medium', standard: 'Standard' },
    notAssessed: 'Not assessed',
    present: 'Present',
    away: { quick_exit: 'Left with quick exit', connection_lost: 'Connection lost' },
    ago: (s) => ' ' + C.duration(s) + ' ago',
    percent: (p) => (p === null || p === undefined ? 'no chat yet' : p + ' %'),
    serviceLevel: (target, hour, today, zone) => 'Share of chats answered within ' + C.duration(target) + ': '
      + slWindow('in the last hour', hour, target) + '; '
      + slWindow('today ' + TEXT.day(today.day, zone), today, target) + '.',
    endings: [['answered', 'Answered by a counsellor'], ['redirected', 'Not answered, took a hotline shown to them'],
      ['left_after_alternative', 'Not answered, left after hotlines were shown'],
      ['left_without_alternative', 'Not answered, left before any hotline was shown']],
    noTags: 'No outcome tag recorded today.',
    // the helpline's day (statistics.timeZone), which may not be the browser's
    day: (day, zone) => '(' + day + ', ' + zone + ')',
    announce: (waiting, danger, longest) => waiting + (waiting === 1 ? ' chat' : ' chats') + ' waiting'
      + (danger ? ', ' + danger + ' in danger' : '') + (waiting ? ', longest wait ' + C.duration(longest) : '') + '.',
    historyTitle: (hours) => 'The last ' + hours + (hours === 1 ? ' hour' : ' hours'),
    noHistory: 'No history yet: it builds up minute by minute.',
    historySummary: (s) => 'Last ' + s.hours + ' h: at most ' + s.maxWaiting + ' waiting'
      + (s.maxWaitingAt ? ' (at ' + C.clock(s.maxWaitingAt) + ')' : '') + ', ' + s.nowWaiting + ' now; longest wait seen '
      + C.duration(s.maxLongest) + (s.maxLongestAt ? ' (at ' + C.clock(s.maxLongestAt) + ')' : '') + '; '
      + s.answered + (s.answered === 1 ? ' chat' : ' chats') + ' answered'
      + (s.answered ? ', average wait ' + C.duration(s.averageWait) : '') + '.',
    waitingSeries: 'Chats waiting', longestSeries: 'Longest wait', averageSeries: 'Average wait of answered chats',
  };

  // "92 % in the last hour (11 of 12 answered in time, 1 left unanswered after 60 s)"
  function slWindow(label, counts, target) {
    const late = counts.unansweredLate ? ', ' + counts.unansweredLate + ' left unanswered after '
      + C.duration(target) : '';
    return TEXT.percent(counts.percent) + ' ' + label + ' (' + counts.answeredInTime + ' of ' + counts.answered
      + ' answered in time' + late + ')';
  }

  const BUCKET = 15 * 60000;
  const MIN_AXIS = 10 * 60000; // the shortest time axis of the charts
  let settings = { serviceLevelSeconds: 60, historyHours: 6, refreshSeconds: 2, timeZone: 'UTC' };
  let last = null;
  let awayLabels = new Map(); // away reason id -> label, from the welcome
  let stepsShown = '';
  let announced = '';
  let historyDrawn = '';
  let associationsDrawn = '';
  // Keys of the rows "no open association can take these" and "no outcome tag": equal to no association id or tag.
  const UNATTRIBUTED = {};
  const NO_TAGS = {};
  const history = new Map();

  const num = (value) => (typeof value === 'number' && isFinite(value) ? value : 0);

  // ---- Tables updated in place. A frame comes every 2 s with whole lists; rebuilding the rows would throw away a
  // screen reader's or keyboard user's place each time. So one <tr> is kept per key, only the texts and classes that
  // changed are written, and rows are added, removed or moved only when the keys or their order change.
  const keyed = new Map(); // tbody -> Map(key -> tr)

  // rows, in display order: { key, className?, cells: [[text, className?, colSpan?], ...], note?, noHeader?, data?,
  // id? }. The first cell is the row header (a <td> with noHeader) and shows `note` after its text in a span.closed;
  // `data` goes to a new row's dataset, `id` to its id (and makes it focusable). Anything else in tbody is removed.
  function syncRows(tbody, rows) {
    const before = keyed.get(tbody) || new Map();
    const after = new Map();
    for (const row of rows) {
      if (after.has(row.key)) continue;
      let tr = before.get(row.key);
      if (!tr) {
        tr = H.el('tr');
        Object.assign(tr.dataset, row.data);
        if (row.id) {
          tr.id = row.id;
          tr.tabIndex = -1; // an alert's link brings the focus here
        }
      }
      after.set(row.key, tr);
      fillRow(tr, row);
    }
    keyed.set(tbody, after);
    const wanted = [...after.values()];
    const kept = new Set(wanted);
    for (const child of [...tbody.children]) if (!kept.has(child)) child.remove();
    // The rows already in place whose order is unchanged (the longest such run) stay; only the others are moved.
    const stay = unmoved(wanted, new Map([...tbody.children].map((tr, i) => [tr, i])));
    let next = null;
    for (const tr of wanted.reverse()) {
      if (!stay.has(tr)) tbody.insertBefore(tr, next);
      next = tr;
    }
  }

  // The longest subsequence of trs (in order) whose positions in `at` increase: a longest increasing subsequence.
  function unmoved(trs, at) {
    const tails = [];
    const previous = new Map();
    for (const tr of trs.filter((x) => at.has(x))) {
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (at.get(tails[mid]) < at.get(tr)) lo = mid + 1;
        else hi = mid;
      }
      previous.set(tr, tails[lo - 1]);
      tails[lo] = tr;
    }
    const stay = new Set();
    for (let tr = tails[tails.length - 1]; tr; tr = previous.get(tr)) stay.add(tr);
    return stay;
  }

  function fillRow(tr, row) {
    setClass(tr, row.className);
    row.cells.forEach(([text, className, colSpan], i) => {
      let c = tr.children[i];
      if (!c) {
        c = tr.appendChild(H.el(i || row.noHeader ? 'td' : 'th'));
        if (c.tagName === 'TH') c.setAttribute('scope', 'row');
      }
      const shown = text === undefined || text === null ? '' : String(text);
      const note = (!i && row.note) || '';
      if (c.textContent !== shown + note) {
        c.textContent = shown;
        if (note) c.append(H.el('span', 'closed', note));
      }
      setClass(c, className);
      if (c.colSpan !== (colSpan || 1)) c.colSpan = colSpan || 1;
    });
    while (tr.children.length > row.cells.length) tr.lastChild.remove();
  }

  function setClass(node, className) {
    if (node.className !== (className || '')) node.className = className || '';
  }

  const count = (value) => [num(value), num(value) ? 'count' : 'count zero'];

  // ---- Settings and history (welcome)
  function welcome(f) {
    const s = f.dashboardSettings;
    if (s && typeof s === 'object') {
      settings = { serviceLevelSeconds: num(s.serviceLevelSeconds) || 60, historyHours: num(s.historyHours) || 6,
        refreshSeconds: num(s.refreshSeconds) || 2,
        timeZone: typeof s.timeZone === 'string' && s.timeZone ? s.timeZone : 'UTC' };
    }
    awayLabels = new Map((Array.isArray(f.awayReasons) ? f.awayReasons : [])
      .filter((r) => r && typeof r.id === 'string').map((r) => [r.id, r.label || r.id]));
    $('history-title').textContent = TEXT.historyTitle(settings.historyHours);
    history.clear();
    addHistory(f.history);
    drawHistory(Date.now());
  }

  function addHistory(points) {
    if (!Array.isArray(points)) return;
    for (const p of points) {
      if (p && typeof p.at === 'number') history.set(p.at, p);
    }
  }

  // ---- One dashboard frame
  function update(f) {
    last = f;
    const waiting = f.waiting || {};
    $('updated').textContent = typeof f.at === 'number' ? '(' + TEXT.updated(f.at) + ')' : '';
    $('totals-empty').hidden = true;
    $('totals').hidden = false;
    renderTotals(f, waiting);
    renderAway(f.away);
    renderSteps();
    renderAssociations();
    renderActive(Array.isArray(f.active) ? f.active : [], num(f.activeTotal));
    renderOutcomes(f);
    addHistory(f.history);
    drawHistory(typeof f.at === 'number' ? f.at : Date.now());
  }

  function field(name, text) {
    $('totals').querySelector('[data-field="' + name + '"]').textContent = text;
  }

  // Who is away with a console open, and the reason they gave (the labels come with the welcome).
  function renderAway(away) {
    const list = Array.isArray(away) ? away.filter((a) => a && typeof a.counsellor === 'string') : [];
    $('away-now').hidden = list.length === 0;
    $('away-now').textContent = list.length ? TEXT.awayNow + list.map((a) => a.counsellor + ' ('
      + (a.reason ? awayLabels.get(a.reason) || a.reason : TEXT.noReason) + ')').join(', ') : '';
  }

  function renderTotals(f, waiting) {
    const counsellors = f.counsellors || {};
    const sl = f.serviceLevel || {};
    field('waiting', num(waiting.total));
    field('inDanger', num(waiting.inDanger));
    field('longest', num(waiting.total) ? C.duration(num(waiting.longestWaitSeconds)) : '–');
    field('active', num(f.activeTotal));
    for (const state of ['available', 'busy', 'away', 'offline']) field(state, num(counsellors[state]));
    field('slHour', TEXT.percent(sl.lastHour && sl.lastHour.percent));
    field('slToday', TEXT.percent(sl.today && sl.today.percent));
    $('total-waiting').classList.toggle('alarm', num(waiting.total) > 0);
    $('total-danger').classList.toggle('danger', num(waiting.inDanger) > 0);
    $('total-longest').classList.toggle('alarm', num(waiting.longestWaitSeconds) > settings.serviceLevelSeconds
      && num(waiting.total) > 0);
    const counted = num(waiting.counted);
    $('coverage').hidden = counted >= num(waiting.total);
    $('coverage').textContent = TEXT.coverage(counted, num(waiting.total));
    const said = TEXT.announce(num(waiting.total), num(waiting.inDanger), num(waiting.longestWaitSeconds));
    const key = num(waiting.total) + '/' + num(waiting.inDanger);
    if (key !== announced) {
      announced = key;
      $('totals-announcer').textContent = said;
    }
  }

  function steps() {
    const byStep = last && last.waiting && Array.isArray(last.waiting.byStep) ? last.waiting.byStep : [];
    return byStep.filter((s) => s && typeof s.step === 'string');
  }

  function renderSteps() {
    $('steps').textContent = TEXT.steps + steps().map((s) => s.step + ' ' + num(s.waiting)).join(' · ');
    const names = steps().map((s) => s.step).join('\n');
    if (names === stepsShown) return;
    stepsShown = names;
    const head = $('associations-head');
    head.textContent = '';
    const columns = [TEXT.association, TEXT.waiting, TEXT.inDanger, TEXT.longest]
      .concat(steps().map((s) => TEXT.step(s.step)),
        [TEXT.available, TEXT.busy, TEXT.awayState, TEXT.offline, TEXT.activeChats]);
    for (const name of columns) {
      const th = H.el('th', null, name);
      th.setAttribute('scope', 'col');
      head.append(th);
    }
  }

  // ---- Associations: filter and "only with activity"; the server's order is the urgency order.
  function active(a) {
    const c = a.counsellors || {};
    return num(a.waiting) > 0 || num(a.activeChats) > 0 || num(c.available) + num(c.busy) + num(c.away) > 0;
  }

  function renderAssociations() {
    if (!last) return;
    const all = Array.isArray(last.associations) ? last.associations.filter((a) => a && typeof a.id === 'string') : [];
    const wanted = $('association-filter').value.trim().toLowerCase();
    const onlyActive = $('only-active').checked;
    const drawn = JSON.stringify([wanted, onlyActive, stepsShown, last.waiting && last.waiting.unattributed, all]);
    if (drawn === associationsDrawn) return; // unchanged: leave the rows (and the reader's place) alone
    associationsDrawn = drawn;
    const rows = [];
    const unattributed = num(last.waiting && last.waiting.unattributed);
    if (unattributed && !wanted) {
      rows.push({ key: UNATTRIBUTED, className: 'urgent-danger unattributed',
        cells: [[TEXT.unattributed], count(unattributed), ['', '', 7 + steps().length]] });
    }
    let shown = 0;
    let hidden = 0;
    for (const a of all) {
      const name = typeof a.name === 'string' ? a.name : a.id;
      if (wanted && !name.toLowerCase().includes(wanted) && !a.id.toLowerCase().includes(wanted)) continue;
      if (onlyActive && !active(a)) {
        hidden++;
        continue;
      }
      shown++;
      rows.push(associationRow(a, name));
    }
    syncRows($('association-rows'), rows);
    $('associations-shown').textContent = shown ? TEXT.shown(shown, all.length, hidden) : TEXT.noneShown
      + (hidden ? ' ' + TEXT.shown(0, all.length, hidden) : '');
  }

  function associationRow(a, name) {
    const c = a.counsellors || {};
    const late = num(a.waiting) > 0 && num(a.longestWaitSeconds) > settings.serviceLevelSeconds;
    const byStep = a.byStep && typeof a.byStep === 'object' ? a.byStep : {};
    return { key: a.id, data: { association: a.id }, note: a.open === false ? TEXT.closed : '',
      className: num(a.inDanger) ? 'urgent-danger' : late ? 'urgent-wait' : num(a.waiting) ? 'waiting' : '',
      cells: [[name], count(a.waiting), count(a.inDanger),
        [num(a.waiting) ? C.duration(num(a.longestWaitSeconds)) : '–', num(a.waiting) ? '' : 'zero'],
        ...steps().map((s) => count(byStep[s.step])), ...['available', 'busy', 'away', 'offline'].map((state) =>
          count(c[state])), count(a.activeChats)] };
  }

  $('association-filter').addEventListener('input', renderAssociations);
  $('only-active').addEventListener('change', renderAssociations);

  // ---- Active chats
  // A conversation's short reference, the same in the table and in the alerts that cite it.
  function reference(id) {
    return typeof id === 'string' ? id.slice(0, 8) + '…' : '?';
  }

  function rowId(conversation) {
    return 'chat-' + conversation;
  }

  // The active chats table's row of a conversation, or null when it is not listed.
  function activeRow(conversation) {
    const tr = typeof conversation === 'string' ? document.getElementById(rowId(conversation)) : null;
    return tr && $('active-rows').contains(tr) ? tr : null;
  }

  function associationName(id) {
    const a = last && Array.isArray(last.associations) ? last.associations.find((x) => x && x.id === id) : null;
    return a && typeof a.name === 'string' ? a.name : id;
  }

  function renderActive(list, total) {
    const rows = $('active-rows');
    syncRows(rows, list.filter((chat) => chat && typeof chat === 'object').map((chat) => {
      const visitor = chat.visitorAway ? (TEXT.away[chat.visitorAway] || chat.visitorAway)
        + (typeof chat.visitorAwaySeconds === 'number' ? TEXT.ago(chat.visitorAwaySeconds) : '') : TEXT.present;
      return { key: chat.conversation, id: rowId(chat.conversation),
        className: chat.priority === 'in-danger' || chat.risk === 'high' ? 'urgent-danger' : '',
        cells: [[reference(chat.conversation)], [associationName(chat.association)], [chat.counsellor],
          [TEXT.priority[chat.priority] || chat.priority, 'priority-' + chat.priority],
          [chat.risk ? TEXT.risk[chat.risk] || chat.risk : TEXT.notAssessed, 'risk-' + (chat.risk || 'none')],
          [C.duration(num(chat.waitedSeconds))], [C.duration(num(chat.durationSeconds))],
          [visitor, chat.visitorAway ? 'visitor-away' : '']] };
    }));
    $('active').hidden = rows.children.length === 0;
    $('no-active').hidden = rows.children.length > 0;
    $('active-count').textContent = total ? '(' + TEXT.activeCount(rows.children.length, total) + ')' : '';
  }

  // ---- Service level and outcomes
  function renderOutcomes(f) {
    const sl = f.serviceLevel || {};
    const zero = { answered: 0, answeredInTime: 0, unansweredLate: 0, percent: null };
    $('service-level').textContent = TEXT.serviceLevel(num(sl.targetSeconds) || settings.serviceLevelSeconds,
      Object.assign({}, zero, sl.lastHour), Object.assign({ day: '' }, zero, sl.today), settings.timeZone);
    const outcomes = f.outcomes || {};
    $('outcomes-day').textContent = typeof outcomes.day === 'string' ? TEXT.day(outcomes.day, settings.timeZone) : '';
    const system = outcomes.system || {};
    syncRows($('ending-rows'), TEXT.endings.map(([key, label]) => ({ key,
      className: key === 'left_without_alternative' && num(system[key]) ? 'urgent-danger' : '',
      cells: [[label], count(system[key])] })));
    const tags = outcomes.tags && typeof outcomes.tags === 'object' ? Object.entries(outcomes.tags) : [];
    tags.sort((a, b) => num(b[1]) - num(a[1]) || a[0].localeCompare(b[0]));
    syncRows($('tag-rows'), tags.length ? tags.map(([tag, n]) => ({ key: tag, cells: [[tag], count(n)] }))
      : [{ key: NO_TAGS, noHeader: true, cells: [[TEXT.noTags, 'empty']] }]);
  }

  // ---- History: charts, summary and table
  function drawHistory(now) {
    const from = now - settings.historyHours * 3600000;
    for (const at of [...history.keys()]) if (at < from - 60000) history.delete(at);
    const points = [...history.values()].sort((a, b) => a.at - b.at);
    const key = JSON.stringify(points) + '|' + Math.floor(now / 60000);
    if (key === historyDrawn) return;
    historyDrawn = key;
    const value = (name) => (p) => [p.at, typeof p[name] === 'number' ? p[name] : null];
    // The axis fits the minutes there are (at least MIN_AXIS), up to the whole window: a few minutes of figures are
    // drawn across the chart, not as a sliver at the edge of six hours.
    const axisFrom = Math.max(from, Math.min(points.length ? points[0].at : now, now - MIN_AXIS));
    C.draw($('waiting-chart'), { from: axisFrom, to: now, labelledBy: 'waiting-chart-title', describedBy: 'history-summary',
      series: [{ name: TEXT.waitingSeries, points: points.map(value('waiting')), className: 'waiting-line' }] });
    C.draw($('wait-chart'), { from: axisFrom, to: now, seconds: true, labelledBy: 'wait-chart-title',
      describedBy: 'history-summary', series: [
        { name: TEXT.longestSeries, points: points.map(value('longestWaitSeconds')), className: 'longest-line' },
        { name: TEXT.averageSeries, points: points.map(value('averageWaitSeconds')), className: 'average-line',
          dots: true }] });
    $('history-summary').textContent = points.length ? TEXT.historySummary(summary(points)) : TEXT.noHistory;
    historyTable(points);
  }

  function summary(points) {
    const s = { hours: settings.historyHours, maxWaiting: 0, maxWaitingAt: 0, maxLongest: 0, maxLongestAt: 0,
      answered: 0, averageWait: 0, nowWaiting: last ? num(last.waiting && last.waiting.total) : 0 };
    let waitSum = 0;
    for (const p of points) {
      if (num(p.waiting) > s.maxWaiting) [s.maxWaiting, s.maxWaitingAt] = [num(p.waiting), p.at];
      if (num(p.longestWaitSeconds) > s.maxLongest) [s.maxLongest, s.maxLongestAt] = [num(p.longestWaitSeconds), p.at];
      s.answered += num(p.answered);
      waitSum += num(p.answered) * num(p.averageWaitSeconds);
    }
    s.averageWait = s.answered ? waitSum / s.answered : 0;
    return s;
  }

  function historyTable(points) {
    const buckets = new Map();
    for (const p of points) {
      const start = Math.floor(p.at / BUCKET) * BUCKET;
      const b = buckets.get(start) || { waiting: null, longest: null, answered: 0, waitSum: 0 };
      if (typeof p.waiting === 'number') b.waiting = Math.max(b.waiting || 0, p.waiting);
      if (typeof p.longestWaitSeconds === 'number') b.longest = Math.max(b.longest || 0, p.longestWaitSeconds);
      b.answered += num(p.answered);
      b.waitSum += num(p.answered) * num(p.averageWaitSeconds);
      buckets.set(start, b);
    }
    const newestFirst = [...buckets.entries()].sort((x, y) => y[0] - x[0]);
    syncRows($('history-rows'), newestFirst.map(([start, b]) => ({ key: start, cells: [[C.clock(start)],
      [b.waiting === null ? '–' : b.waiting], [b.longest === null ? '–' : C.duration(b.longest)], [b.answered],
      [b.answered ? C.duration(b.waitSum / b.answered) : '–']] })));
  }

  function reset() {
    last = null;
    stepsShown = '';
    announced = '';
    historyDrawn = '';
    associationsDrawn = '';
    history.clear();
    keyed.clear();
    for (const id of ['association-rows', 'associations-head', 'active-rows', 'ending-rows', 'tag-rows',
      'history-rows', 'waiting-chart', 'wait-chart']) $(id).textContent = '';
    for (const id of ['updated', 'steps', 'associations-shown', 'service-level', 'history-summary', 'active-count',
      'totals-announcer']) $(id).textContent = '';
    $('totals').hidden = true;
    $('totals-empty').hidden = false;
    $('active').hidden = true;
    $('no-active').hidden = false;
  }

  window.HelplineDashboard = { welcome, update, reset, associationName, reference, activeRow,
    refreshSeconds: () => settings.refreshSeconds };
})();
