'use strict';
// The hotline directory in each chat: the lines open now for this visitor, or a free search (topic, region, language,
// closed lines too), each line with its numbers and "Escalate to this line". Each search carries an id (`search`) that
// its answer, or an error about it, gives back: an answer that comes after its search was given up (a frame dropped
// unread, a new socket) is shown nowhere, never in another chat's card.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const CHANNELS = { voice: 'Call', sms: 'SMS', web: 'Web', chat: 'Chat' };
  const searches = []; // {id, c, at} in the order sent; c null once the chat left the screen
  let searchCount = 0;

  // A hotline number: a link to call, text or open it where the channel allows.
  function numberLink(n, cls) {
    const v = String(n.number || '');
    let href = '';
    if (n.channel === 'voice' || n.channel === 'sms') {
      const digits = v.replace(/[^0-9+]/g, '');
      if (digits) href = (n.channel === 'sms' ? 'sms:' : 'tel:') + digits;
    } else if (/^https:\/\//i.test(v)) {
      href = v;
    }
    const node = H.el(href ? 'a' : 'span', cls);
    node.append(H.el('span', 'channel', (CHANNELS[n.channel] || n.channel || '') + ' '), H.el('strong', null, v));
    if (n.free) node.append(H.el('span', 'free', ' free'));
    if (href) {
      node.href = href;
      if (href.startsWith('https:')) {
        node.target = '_blank';
        node.rel = 'noopener noreferrer';
      }
    }
    return node;
  }

  function directoryPanel(c) {
    const box = H.el('details', 'directory');
    box.append(H.el('summary', null, 'Hotline directory'));
    const form = H.el('form', 'directory-search');
    form.autocomplete = 'off';
    form.noValidate = true;
    const need = H.el('button', 'directory-need secondary', 'Lines open now for this visitor');
    need.type = 'button';
    const [topicLabel, topic] = C.field(c, 'select', 'directory-topic', 'Topic');
    c.directoryTopic = topic;
    fillTopics(c);
    const [regionLabel, region] = C.field(c, 'input', 'directory-region', 'Region', 'text');
    region.maxLength = 32;
    region.placeholder = '59, london…';
    const [languageLabel, language] = C.field(c, 'input', 'directory-language', 'Language', 'text');
    language.maxLength = 3;
    language.placeholder = 'fr, en…';
    region.spellcheck = language.spellcheck = false;
    region.autocapitalize = language.autocapitalize = 'none';
    const row = H.el('div', 'directory-fields');
    for (const [l, i] of [[topicLabel, topic], [regionLabel, region], [languageLabel, language]]) {
      const cell = H.el('div');
      cell.append(l, i);
      row.append(cell);
    }
    const [closedRow, closed] = C.checkRow(c, 'include-closed', 'Include closed lines');
    const search = H.el('button', 'directory-free secondary', 'Search');
    search.type = 'submit';
    c.directoryStatus = H.el('p', 'directory-status');
    c.directoryStatus.setAttribute('role', 'status');
    c.directoryStatus.hidden = true;
    c.results = H.el('ul', 'directory-results');
    c.results.setAttribute('aria-label', 'Directory results');
    form.append(need, row, closedRow, search, c.directoryStatus);
    box.append(form, c.results);
    need.addEventListener('click', () => searchDirectory(c, { conversation: c.id }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const frame = {};
      if (topic.value) frame.topic = topic.value;
      const r = region.value.trim().replace(/\s+/g, '-');
      if (r) frame.region = r;
      const l = language.value.trim().toLowerCase();
      if (l) frame.language = l;
      if (closed.checked) frame.openNow = false;
      searchDirectory(c, frame);
    });
    return box;
  }

  // The topic choices, in the configured order; the one chosen stays chosen.
  function fillTopics(c) {
    const select = c.directoryTopic;
    const chosen = select.value;
    select.textContent = '';
    select.append(new Option('Any topic', ''));
    for (const [id, label] of C.topics()) select.append(new Option(label, id));
    select.value = chosen;
    if (select.value !== chosen) select.value = '';
  }

  function searchDirectory(c, frame) {
    const id = 's-' + (++searchCount);
    if (!C.sock.send(Object.assign({ type: 'directory', search: id }, frame))) {
      C.toolMessage(c.directoryStatus, 'Not connected. Try again in a moment.', true);
      return;
    }
    searches.push({ id, c, at: Date.now() });
    C.toolMessage(c.directoryStatus, 'Searching…');
  }

  // Searches whose answer will not come (a new socket, or a frame dropped unread).
  function searchesLost(text) {
    while (searches.length) {
      const p = searches.shift();
      if (p.c) C.toolMessage(p.c.directoryStatus, text, true);
    }
  }

  // The search a `directory` answer or an error about one gives back (taken off the list); null when it was given up.
  function searchOf(f) {
    const at = searches.findIndex((p) => p.id === f.search);
    return at >= 0 ? searches.splice(at, 1)[0] : null;
  }

  // The chat of the search an error has just answered (null if it left the screen, or was given up).
  function searchRefused(f) {
    const p = searchOf(f);
    return p ? p.c : null;
  }

  // The `directory` frame: the answer to the search it names.
  function showDirectory(f) {
    const p = searchOf(f);
    if (!p || !p.c || C.convs.get(p.c.id) !== p.c) return;
    const c = p.c;
    c.results.textContent = '';
    const lines = [[f.hotlines, false], [f.emergency, true]];
    let count = 0;
    for (const [list, emergency] of lines) {
      for (const h of Array.isArray(list) ? list : []) {
        if (!h || typeof h.id !== 'string') continue;
        count++;
        c.results.append(hotline(c, h, emergency || h.emergency));
      }
    }
    C.toolMessage(c.directoryStatus, count ? count + ' line(s) found.' : 'No line found.');
  }

  function hotline(c, h, emergency) {
    const li = H.el('li', (emergency ? 'kind-emergency ' : '') + (h.openNow ? 'open' : 'closed'));
    li.setAttribute('data-hotline', h.id);
    const head = H.el('p', 'hotline-head');
    head.append(H.el('strong', 'hotline-name', h.name || h.id), ' ',
      H.el('span', 'open-state', h.openNow ? 'Open now' : 'Closed now'));
    if (emergency) head.append(' ', H.el('span', 'badge', 'Emergency'));
    if (h.country) head.append(' ', H.el('span', 'hint', h.country));
    const numbers = H.el('p', 'hotline-numbers');
    for (const n of Array.isArray(h.numbers) ? h.numbers : []) numbers.append(numberLink(n, 'number'), ' ');
    li.append(head, numbers);
    if (h.description) li.append(H.el('p', 'hotline-description', h.description));
    if (Array.isArray(h.accessibility) && h.accessibility.length) {
      li.append(H.el('p', 'hint', 'Accessibility: ' + h.accessibility.join(', ')));
    }
    const escalate = H.el('button', 'escalate-to secondary', 'Escalate to this line');
    escalate.type = 'button';
    escalate.setAttribute('data-hotline', h.id);
    escalate.addEventListener('click', () => C.openEscalation(c, h.id, h.name || h.id));
    li.append(escalate);
    return li;
  }

  // An escalation to "the emergency services" refused as the visitor's country is not known: the directory opens on
  // the lines for her, the emergency numbers of every country among them, each with "Escalate to this line".
  function chooseEmergency(c) {
    c.directory.open = true;
    searchDirectory(c, { conversation: c.id });
    c.directory.scrollIntoView({ block: 'nearest' });
  }

  C.onSessionEnd(() => { searches.length = 0; });

  Object.assign(C, {
    numberLink, directoryPanel, fillTopics, searchesLost, searchRefused, showDirectory, chooseEmergency,
    /** The chat leaves the screen: answers to its searches are dropped. */
    forgetSearches: (c) => searches.forEach((p) => {
      if (p.c === c) p.c = null;
    }),
  });
})();
