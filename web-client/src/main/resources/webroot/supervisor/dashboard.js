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
    updated: (at) => 'updated ' + H.timeOf(at) + ':' + String(new Date(at).getSeconds()).padStart(2, '0'),
    activeCount: (listed, total) => (listed < total ? listed + ' most urgent of ' + total : String(total)),
    priority: { 'in-danger': 'In danger', children: 'Children involved', standard: 'Standard' },
    risk: { high: 'High', medium: 'Medium', standard: 'Standard' },
    notAssessed: 'Not assessed',
    present: 'Present',
    away: { quick_exit: 'Left with quick exit', connection_lost: 'Connection lost' },
    ago: (s) => ' ' + C.duration(s) + ' ago',
    percent: (p) => (p === null || p === undefined ? 'no chat yet' : p + ' %'),
    serviceLevel: (target, hour, today) => 'Share of chats answered within ' + C.duration(target) + ': '
      + slWindow('in the last hour', hour, target) + '; '
      + slWindow('today (UTC day ' + today.day + ')', today, target) + '.',
    endings: [['answered', 'Answered by a counsellor'], ['redirected', 'Not answered, took a hotline shown to them'],
      ['left_after_alternative', 'Not answered, left after hotlines were shown'],
      ['left_without_alternative', 'Not answered, left before any hotline was shown']],
    noTags: 'No outcome tag recorded today.',
    day: (day) => '(UTC day ' + day + ')',
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
  let settings = { serviceLevelSeconds: 60, historyHours: 6, refreshSeconds: 2 };
  let last = null;
  let stepsShown = '';
  let announced = '';
  let historyDrawn = '';
  let associationsDrawn = '';
  const history = new Map();

  const num = (value) => (typeof value === 'number' && isFinite(value) ? value : 0);

  function cell(tag, text, className) {
    return H.el(tag, className || null, text === undefined || text === null ? '' : String(text));
  }

  function count(tag, value) {
    return cell(tag, num(value), num(value) ? 'count' : 'count zero');
  }

  // ---- Settings and history (welcome)
  function welcome(f) {
    const s = f.dashboardSettings;
    if (s && typeof s === 'object') {
      settings = { serviceLevelSeconds: num(s.serviceLevelSeconds) || 60, historyHours: num(s.historyHours) || 6,
        refreshSeconds: num(s.refreshSeconds) || 2 };
    }
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
      const th = cell('th', name);
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
    const rows = $('association-rows');
    rows.textContent = '';
    const unattributed = num(last.waiting && last.waiting.unattributed);
    if (unattributed && !wanted) {
      const tr = H.el('tr', 'urgent-danger unattributed');
      const th = cell('th', TEXT.unattributed);
      th.setAttribute('scope', 'row');
      tr.append(th, count('td', unattributed));
      const rest = cell('td', '');
      rest.colSpan = 7 + steps().length;
      tr.append(rest);
      rows.append(tr);
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
      rows.append(associationRow(a, name));
    }
    $('associations-shown').textContent = shown ? TEXT.shown(shown, all.length, hidden) : TEXT.noneShown
      + (hidden ? ' ' + TEXT.shown(0, all.length, hidden) : '');
  }

  function associationRow(a, name) {
    const c = a.counsellors || {};
    const late = num(a.waiting) > 0 && num(a.longestWaitSeconds) > settings.serviceLevelSeconds;
    const tr = H.el('tr', num(a.inDanger) ? 'urgent-danger' : late ? 'urgent-wait' : num(a.waiting) ? 'waiting' : '');
    tr.setAttribute('data-association', a.id);
    const th = cell('th', name);
    th.setAttribute('scope', 'row');
    if (a.open === false) th.append(H.el('span', 'closed', TEXT.closed));
    tr.append(th, count('td', a.waiting), count('td', a.inDanger),
      cell('td', num(a.waiting) ? C.duration(num(a.longestWaitSeconds)) : '–', num(a.waiting) ? '' : 'zero'));
    const byStep = a.byStep && typeof a.byStep === 'object' ? a.byStep : {};
    for (const s of steps()) tr.append(count('td', byStep[s.step]));
    for (const state of ['available', 'busy', 'away', 'offline']) tr.append(count('td', c[state]));
    tr.append(count('td', a.activeChats));
    return tr;
  }

  $('association-filter').addEventListener('input', renderAssociations);
  $('only-active').addEventListener('change', renderAssociations);

  // ---- Active chats
  function associationName(id) {
    const a = last && Array.isArray(last.associations) ? last.associations.find((x) => x && x.id === id) : null;
    return a && typeof a.name === 'string' ? a.name : id;
  }

  function renderActive(list, total) {
    const rows = $('active-rows');
    rows.textContent = '';
    for (const chat of list) {
      if (!chat || typeof chat !== 'object') continue;
      const tr = H.el('tr', chat.priority === 'in-danger' || chat.risk === 'high' ? 'urgent-danger' : '');
      const th = cell('th', associationName(chat.association));
      th.setAttribute('scope', 'row');
      const visitor = chat.visitorAway ? (TEXT.away[chat.visitorAway] || chat.visitorAway)
        + (typeof chat.visitorAwaySeconds === 'number' ? TEXT.ago(chat.visitorAwaySeconds) : '') : TEXT.present;
      tr.append(th, cell('td', chat.counsellor),
        cell('td', TEXT.priority[chat.priority] || chat.priority, 'priority-' + chat.priority),
        cell('td', chat.risk ? TEXT.risk[chat.risk] || chat.risk : TEXT.notAssessed, 'risk-' + (chat.risk || 'none')),
        cell('td', C.duration(num(chat.waitedSeconds))), cell('td', C.duration(num(chat.durationSeconds))),
        cell('td', visitor, chat.visitorAway ? 'visitor-away' : ''));
      rows.append(tr);
    }
    $('active').hidden = rows.children.length === 0;
    $('no-active').hidden = rows.children.length > 0;
    $('active-count').textContent = total ? '(' + TEXT.activeCount(rows.children.length, total) + ')' : '';
  }

  // ---- Service level and outcomes
  function renderOutcomes(f) {
    const sl = f.serviceLevel || {};
    const zero = { answered: 0, answeredInTime: 0, unansweredLate: 0, percent: null };
    $('service-level').textContent = TEXT.serviceLevel(num(sl.targetSeconds) || settings.serviceLevelSeconds,
      Object.assign({}, zero, sl.lastHour), Object.assign({ day: '' }, zero, sl.today));
    const outcomes = f.outcomes || {};
    $('outcomes-day').textContent = typeof outcomes.day === 'string' ? TEXT.day(outcomes.day) : '';
    const system = outcomes.system || {};
    const endings = $('ending-rows');
    endings.textContent = '';
    for (const [key, label] of TEXT.endings) {
      const tr = H.el('tr', key === 'left_without_alternative' && num(system[key]) ? 'urgent-danger' : '');
      const th = cell('th', label);
      th.setAttribute('scope', 'row');
      tr.append(th, count('td', system[key]));
      endings.append(tr);
    }
    const tags = outcomes.tags && typeof outcomes.tags === 'object' ? Object.entries(outcomes.tags) : [];
    tags.sort((a, b) => num(b[1]) - num(a[1]) || a[0].localeCompare(b[0]));
    const tagRows = $('tag-rows');
    tagRows.textContent = '';
    for (const [tag, n] of tags) {
      const tr = H.el('tr');
      const th = cell('th', tag);
      th.setAttribute('scope', 'row');
      tr.append(th, count('td', n));
      tagRows.append(tr);
    }
    if (!tags.length) {
      const tr = H.el('tr');
      tr.append(cell('td', TEXT.noTags, 'empty'));
      tagRows.append(tr);
    }
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
    C.draw($('waiting-chart'), { from, to: now, labelledBy: 'waiting-chart-title', describedBy: 'history-summary',
      series: [{ name: TEXT.waitingSeries, points: points.map(value('waiting')), className: 'waiting-line' }] });
    C.draw($('wait-chart'), { from, to: now, seconds: true, labelledBy: 'wait-chart-title',
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
    const rows = $('history-rows');
    rows.textContent = '';
    for (const [start, b] of [...buckets.entries()].sort((x, y) => y[0] - x[0])) {
      const tr = H.el('tr');
      const th = cell('th', C.clock(start));
      th.setAttribute('scope', 'row');
      tr.append(th, cell('td', b.waiting === null ? '–' : b.waiting), cell('td', b.longest === null ? '–'
        : C.duration(b.longest)), cell('td', b.answered), cell('td', b.answered ? C.duration(b.waitSum / b.answered)
        : '–'));
      rows.append(tr);
    }
  }

  function reset() {
    last = null;
    stepsShown = '';
    announced = '';
    historyDrawn = '';
    associationsDrawn = '';
    history.clear();
    for (const id of ['association-rows', 'associations-head', 'active-rows', 'ending-rows', 'tag-rows',
      'history-rows', 'waiting-chart', 'wait-chart']) $(id).textContent = '';
    for (const id of ['updated', 'steps', 'associations-shown', 'service-level', 'history-summary', 'active-count',
      'totals-announcer']) $(id).textContent = '';
    $('totals').hidden = true;
    $('totals-empty').hidden = false;
    $('active').hidden = true;
    $('no-active').hidden = false;
  }

  window.HelplineDashboard = { welcome, update, reset, associationName };
})();
