'use strict';
// The statistics page for supervisors: reads GET /api/supervisor/statistics with the session token of the supervisor
// page (sessionStorage of this tab), shows the rows as a table and the network's received and answered chats as a
// bar chart (inline SVG, no library), and downloads the same export as CSV or JSON.
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  const NS = 'http://www.w3.org/2000/svg';
  const LABELS = {
    received: 'Received', answered: 'Answered', answeredWithinServiceLevel: 'Answered in time',
    answeredAfterServiceLevel: 'Answered late', unansweredWithAlternative: 'Unanswered, lines given',
    redirected: 'Took a line', leftAfterAlternative: 'Left after lines given',
    unansweredWithoutAlternative: 'Unanswered, no line given', waitMedian: 'Wait, median (s)',
    waitP90: 'Wait, 90% (s)'
  };
  const SERIES = [['received', 'Received', 'bar-received'], ['answered', 'Answered', 'bar-answered']];
  let token = null;
  let shown = null;

  function session() {
    try {
      const s = JSON.parse(sessionStorage.getItem('helpline.supervisor') || 'null');
      return s && typeof s.token === 'string' ? s.token : null;
    } catch (e) {
      return null;
    }
  }

  function say(text) {
    $('st-status').textContent = text;
  }

  function iso(date) {
    return date.toISOString().slice(0, 10);
  }

  // Last month, UTC: the usual report.
  function defaults() {
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
    $('st-from').value = iso(first);
    $('st-to').value = iso(last);
  }

  function query(format) {
    const params = new URLSearchParams({ from: $('st-from').value, to: $('st-to').value, by: $('st-by').value });
    if ($('st-association').value) params.set('association', $('st-association').value);
    if (format) params.set('format', format);
    return '/api/supervisor/statistics?' + params.toString();
  }

  async function fetchExport(format) {
    const response = await fetch(query(format), {
      headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit'
    });
    if (response.status === 401 || response.status === 403) {
      $('st-login').hidden = false;
      throw new Error('Your supervisor session has ended: log in again on the supervisor page.');
    }
    if (!response.ok) {
      let message = 'The server answered ' + response.status + '.';
      try {
        message = (await response.json()).message || message;
      } catch (e) { /* keep the status */ }
      throw new Error(message);
    }
    return response;
  }

  function label(figure) {
    if (LABELS[figure]) return LABELS[figure];
    const dot = figure.indexOf('.');
    return dot < 0 ? figure : figure.slice(0, dot).replace('inDanger', 'in danger') + ': ' + figure.slice(dot + 1);
  }

  function cell(value) {
    return value === null || value === undefined ? '–' : String(value);
  }

  function showTable(body) {
    const figures = (body.figures || []).concat(['waitMedian', 'waitP90']);
    const head = $('st-head');
    head.textContent = '';
    for (const name of ['Period', 'Association'].concat(figures.map(label))) {
      const th = H.el('th', null, name);
      th.scope = 'col';
      head.append(th);
    }
    const rows = $('st-rows');
    rows.textContent = '';
    for (const row of body.rows) {
      const tr = H.el('tr', row.association === 'all' ? 'st-all' : null);
      tr.setAttribute('data-period', row.period);
      tr.setAttribute('data-association', row.association);
      tr.append(H.el('td', null, row.period), H.el('td', null, row.association));
      for (const figure of figures) {
        const td = H.el('td', null, cell(row[figure]));
        td.setAttribute('data-figure', figure);
        tr.append(td);
      }
      rows.append(tr);
    }
    $('st-table').hidden = body.rows.length === 0;
    $('st-empty').hidden = body.rows.length > 0;
    $('st-empty').textContent = 'No day in this range is over and still kept.';
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Grouped bars per period for the network's row; a withheld or small figure has no bar, only its mark.
  function showChart(body) {
    const rows = body.rows.filter((row) => row.association === 'all');
    const box = $('st-chart');
    box.textContent = '';
    if (rows.length === 0) {
      $('st-chart-summary').textContent = $('st-association').value ? 'The chart shows the whole network only.' : '';
      return;
    }
    const numbers = rows.flatMap((row) => SERIES.map(([f]) => row[f])).filter((v) => typeof v === 'number');
    const top = Math.max(1, ...numbers);
    const width = 640;
    const height = 200;
    const left = 40;
    const bottom = 30;
    const slot = (width - left) / rows.length;
    const bar = Math.min(40, Math.max(2, slot / (SERIES.length + 1)));
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', class: 'st-chart',
      'aria-labelledby': 'st-chart-title' });
    chart.append(svg('text', { x: 0, y: 12, class: 'axis' }, String(top)),
      svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }));
    rows.forEach((row, i) => {
      SERIES.forEach(([figure, name, css], s) => {
        const x = left + i * slot + s * bar + bar / 2;
        const value = row[figure];
        if (typeof value === 'number') {
          const h = (height - bottom - 16) * value / top;
          const rect = svg('rect', { x, y: height - bottom - h, width: bar - 1, height: h, class: css });
          rect.append(svg('title', {}, row.period + ' ' + name + ': ' + value));
          chart.append(rect);
        } else {
          chart.append(svg('text', { x, y: height - bottom - 4, class: 'mark' }, cell(value)));
        }
      });
      if (rows.length <= 16 || i % Math.ceil(rows.length / 16) === 0) {
        chart.append(svg('text', { x: left + i * slot, y: height - 10, class: 'axis' }, row.period.slice(5)));
      }
    });
    box.append(chart);
    const total = (figure) => rows.reduce((sum, row) => sum + (typeof row[figure] === 'number' ? row[figure] : 0), 0);
    $('st-chart-summary').textContent = 'Received (dark) and answered (light) per ' + body.by + ', ' + body.from
      + ' to ' + body.to + ': ' + total('received') + ' received and ' + total('answered')
      + ' answered in the periods shown in full.';
  }

  function offerAssociations(body) {
    const select = $('st-association');
    const known = new Set(Array.from(select.options).map((o) => o.value));
    for (const row of body.rows) {
      if (row.association !== 'all' && !known.has(row.association)) {
        select.append(new Option(row.association, row.association));
        known.add(row.association);
      }
    }
  }

  async function show() {
    say('Loading…');
    try {
      const body = await (await fetchExport(null)).json();
      shown = body;
      $('st-below').textContent = '<' + body.minimumCount;
      offerAssociations(body);
      showTable(body);
      showChart(body);
      // the days are the helpline's (statistics.timeZone), which may not be the browser's
      const zone = typeof body.timeZone === 'string' ? ' (days of ' + body.timeZone + ')' : '';
      say(body.rows.length ? 'Shown: ' + body.from + ' to ' + body.to + ', per ' + body.by + zone + '.'
        : 'Nothing to show for this range.');
    } catch (e) {
      say(e.message);
    }
  }

  async function download(format) {
    try {
      const blob = await (await fetchExport(format)).blob();
      const link = H.el('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'helpline-statistics-' + $('st-from').value + '-' + $('st-to').value + '.' + format;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      say('Exported as ' + format.toUpperCase() + '.');
    } catch (e) {
      say(e.message);
    }
  }

  token = session();
  defaults();
  if (!token) {
    $('st-login').hidden = false;
    for (const id of ['st-show', 'st-csv', 'st-json']) $(id).disabled = true;
    return;
  }
  $('st-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  $('st-csv').addEventListener('click', () => download('csv'));
  $('st-json').addEventListener('click', () => download('json'));
  window.HelplineStatistics = { shown: () => shown };
  show();
}());
