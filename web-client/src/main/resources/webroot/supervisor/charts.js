'use strict';
// Small inline SVG line charts for the supervisor dashboard (no library): minutes on the x axis, a count or a duration
// on the y axis, one line per series, broken where a minute has no value. The SVG is an image named by its figure's
// caption and described by a text summary; the page also gives the figures as a table.
(function () {
  const NS = 'http://www.w3.org/2000/svg';
  const WIDTH = 640;
  const HEIGHT = 190;
  const LEFT = 52;
  const RIGHT = 10;
  const TOP = 12;
  const BOTTOM = 26;
  const MINUTE = 60000;

  function svg(tag, attributes, text) {
    const node = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // "45 s", "3 min 20 s", "1 h 05 min"
  function duration(seconds) {
    if (typeof seconds !== 'number' || !isFinite(seconds)) return '–';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : '');
    return Math.floor(s / 3600) + ' h ' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + ' min';
  }

  // Short enough for the y axis: "45 s", "2.5 min", "1.5 h"
  function axisDuration(seconds) {
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.round(seconds / 6) / 10 + ' min';
    return Math.round(seconds / 360) / 10 + ' h';
  }

  function clock(ms) {
    const d = new Date(ms);
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  // A round top for the y axis: 1, 2, 5, 10, 20, 50... (counts) or whole minutes (durations).
  function niceTop(max, seconds) {
    if (seconds) {
      const minutes = Math.max(1, Math.ceil(max / 60));
      return niceTop(minutes, false) * 60;
    }
    let step = 1;
    while (step * 10 < max) step *= 10;
    for (const factor of [1, 2, 5, 10]) {
      if (step * factor >= max) return Math.max(1, step * factor);
    }
    return step * 10;
  }

  // Consecutive minutes with a value form one line; a missing minute breaks it.
  function segments(points) {
    const runs = [];
    let run = [];
    let previous = null;
    for (const [at, value] of points) {
      if (value === null || value === undefined) {
        previous = null;
        continue;
      }
      if (previous === null || at - previous > MINUTE) {
        if (run.length) runs.push(run);
        run = [];
      }
      run.push([at, value]);
      previous = at;
    }
    if (run.length) runs.push(run);
    return runs;
  }

  // options: from, to (ms); seconds (values are durations); labelledBy, describedBy (element ids);
  // series: [{ name, points: [[at, value|null]...], className, dots }]
  function draw(container, options) {
    const span = Math.max(MINUTE, options.to - options.from);
    let max = 0;
    for (const series of options.series) {
      for (const [, value] of series.points) if (typeof value === 'number' && value > max) max = value;
    }
    const top = niceTop(max, options.seconds);
    const x = (at) => LEFT + (WIDTH - LEFT - RIGHT) * (at - options.from) / span;
    const y = (value) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top);
    const label = (value) => (options.seconds ? axisDuration(value) : String(value));

    const root = svg('svg', { viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img', class: 'line-chart',
      'aria-labelledby': options.labelledBy, 'aria-describedby': options.describedBy, focusable: 'false' });
    const grid = svg('g', { class: 'grid-lines' });
    const marks = options.seconds || top % 2 === 0 ? [0, top / 2, top] : [0, top];
    for (const value of marks) {
      grid.append(svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value) }));
      grid.append(svg('text', { x: LEFT - 6, y: y(value) + 4, 'text-anchor': 'end' }, label(value)));
    }
    const hour = 3600000;
    const tickEvery = span > 12 * hour ? 3 * hour : span > 4 * hour ? hour : span > hour ? 30 * MINUTE
      : span > 20 * MINUTE ? 15 * MINUTE : 5 * MINUTE;
    for (let at = Math.ceil(options.from / tickEvery) * tickEvery; at <= options.to; at += tickEvery) {
      grid.append(svg('line', { x1: x(at), x2: x(at), y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM + 4 }));
      grid.append(svg('text', { x: x(at), y: HEIGHT - 8, 'text-anchor': 'middle' }, clock(at)));
    }
    grid.append(svg('line', { x1: LEFT, x2: LEFT, y1: TOP, y2: HEIGHT - BOTTOM }));
    root.append(grid);

    let any = false;
    for (const series of options.series) {
      const group = svg('g', { class: 'series ' + series.className });
      for (const run of segments(series.points)) {
        any = true;
        if (run.length > 1) {
          group.append(svg('polyline', { points: run.map(([at, value]) => x(at).toFixed(1) + ','
            + y(value).toFixed(1)).join(' ') }));
        }
        if (series.dots || run.length === 1) {
          for (const [at, value] of run) group.append(svg('circle', { cx: x(at), cy: y(value), r: 2.5 }));
        }
      }
      root.append(group);
    }
    if (!any) {
      root.append(svg('text', { x: (LEFT + WIDTH) / 2, y: HEIGHT / 2, 'text-anchor': 'middle', class: 'no-data' },
        'No figures yet'));
    }
    const legend = document.createElement('ul');
    legend.className = 'legend';
    for (const series of options.series) {
      const item = document.createElement('li');
      item.className = series.className;
      const key = svg('svg', { viewBox: '0 0 24 8', class: 'key', 'aria-hidden': 'true', focusable: 'false' });
      key.append(svg('line', { x1: 0, x2: 24, y1: 4, y2: 4 }));
      item.append(key, document.createTextNode(' ' + series.name));
      legend.append(item);
    }
    container.replaceChildren(root, legend);
  }

  window.HelplineCharts = { draw, duration, clock };
})();
