'use strict';
// The counsellor console: log in, follow every held conversation on /ws/console, answer them.
// The session token lives in sessionStorage (forgotten when the tab closes) and nowhere else.
// case-record.js (canned replies, risk checklist, private notes, outcome tags) and chime.js (sounds) load first.
(function () {
  const H = window.Helpline;
  const R = window.CaseRecord;
  const $ = (id) => document.getElementById(id);
  const STORE = 'helpline.console';
  const TITLE = 'Helpline console';
  const OFFER_TITLE = '(!) New chat offer — ';
  const ROLES = { victim: 'Victim', witness: 'Witness', relative: 'Relative or friend', professional: 'Professional' };
  const TOPICS = {
    physical: 'Physical violence', psychological: 'Psychological violence', sexual: 'Sexual violence',
    economic: 'Economic violence', 'cyber-violence': 'Cyber-violence', 'children-exposed': 'Children exposed',
    'legal-advice': 'Legal advice', shelter: 'Shelter', 'perpetrator-support': 'Perpetrator support',
  };
  const PRIORITIES = { 'in-danger': 'IN DANGER', children: 'Children involved', standard: 'Standard' };
  const TRANSFER_REASONS = {
    offline: 'the counsellor is not connected', full: 'they have no free place', no_counsellor: 'nobody there is free now',
  };
  const PENDING_FOR = 15000; // an accept, decline, pick or transfer unanswered this long is given up
  const WORDS = {
    rate_limited: 'Sending too fast; the message will be sent again in a moment.',
    text_too_long: 'This message is too long (4000 characters at most). Please split it.',
    too_large: 'This message is too long. Please split it.',
    invalid: 'The server refused a malformed request.',
    not_assigned: 'This conversation is no longer assigned to you. The list has been refreshed.',
    offer_gone: 'This offer is no longer available.',
    pick_not_allowed: 'Your association does not take chats from the waiting list.',
    not_waiting: 'Someone else took this chat.',
    transfer_failed: 'The transfer failed; the chat stays with you.',
    heartbeat_missed: 'The connection was silent for too long; reconnecting…',
    expired: 'Offer expired: the chat went back to the queue for the next counsellor.',
    missed_offers: 'You were set to away after missing several offers. Set yourself available when you are ready.',
    conversation_ended: 'This conversation has ended.',
    unavailable: 'The service had a short problem; trying again.',
    internal: 'The service had a short problem; trying again.',
    other: 'Something went wrong. Please try again.',
    not_supervisor: 'This needs a supervisor account.',
  };
  const CHANNELS = { voice: 'Call', sms: 'SMS', web: 'Web', chat: 'Chat' };

  let session = load();
  let sock = null;
  let counter = 0;
  let offerCounter = 0;
  const convs = new Map(); // conversation id -> state
  const refs = new Map(); // clientId -> conversation id (messages not yet acknowledged)
  const offers = new Map(); // conversation id -> offer card state
  const waitingItems = new Map(); // conversation id -> li of the waiting list
  // Directory searches waiting for their answer, in order: a `directory` answer does not name the conversation.
  const directoryQueue = [];
  // Frames answered only by an error or by a later event: errors carry the frame type, not the conversation, so
  // each type keeps its requests in order (the server answers one socket's frames in order).
  const pending = { accept: [], decline: [], pick: [], transfer: [] };
  let welcomedAt = 0;
  let focusOnAssign = null; // a picked chat whose list item had the focus
  let ticker = 0;
  let heartbeat = null;
  let noticeTimer = 0;

  function load() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.token === 'string') {
        if (typeof s.tag !== 'string' || !/^[0-9a-f]{8}$/.test(s.tag)) {
          s.tag = newTag();
          sessionStorage.setItem(STORE, JSON.stringify(s));
        }
        return s;
      }
    } catch (e) { /* start from the login form */ }
    return null;
  }

  // Every clientId this login sends starts with 'c-<tag>-': after a transfer, messages from the previous counsellor
  // are not shown as "You", and a reload still knows its own.
  function newTag() {
    return Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function isOwn(clientId) {
    return typeof clientId === 'string' && clientId.startsWith('c-' + session.tag + '-');
  }

  function notice(code, keepFor) {
    const box = $('console-notice');
    box.textContent = WORDS[code] || code || WORDS.other;
    box.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { box.hidden = true; }, keepFor || 10000);
  }

  // ---- Login and logout
  function showLogin(message) {
    $('workspace').hidden = true;
    $('login-view').hidden = false;
    $('login-message').textContent = message || '';
    $('login').disabled = false;
    document.title = TITLE;
    $('counsellor-id').focus();
  }

  function showWorkspace() {
    $('login-view').hidden = true;
    $('workspace').hidden = false;
    $('who').textContent = session.counsellor && session.counsellor.name ? session.counsellor.name : 'Console';
    $('association').textContent = session.counsellor && session.counsellor.associationName
      ? session.counsellor.associationName : '';
    $('login-error').textContent = '';
  }

  H.loginForm((body) => {
    session = { token: body.token, counsellor: body.counsellor || {}, tag: newTag() };
    sessionStorage.setItem(STORE, JSON.stringify(session));
    open();
  });

  function clearAll() {
    sock.stop();
    session = null;
    try {
      sessionStorage.removeItem(STORE);
    } catch (e) { /* nothing kept */ }
    convs.clear();
    refs.clear();
    offers.clear();
    waitingItems.clear();
    directoryQueue.length = 0;
    for (const type in pending) pending[type].length = 0;
    clearInterval(ticker);
    ticker = 0;
    if (heartbeat) heartbeat.terminate();
    heartbeat = null;
    $('conversations').textContent = '';
    $('chats').textContent = '';
    $('offers').textContent = '';
    $('offers-section').hidden = true;
    $('waiting-list').textContent = '';
    $('waiting-section').hidden = $('waiting-list').hidden = true;
    $('association').textContent = '';
    $('no-conversations').hidden = false;
    $('connection-state').textContent = '';
    $('console-notice').hidden = true;
    setStatus('');
  }

  function sessionEnded() {
    clearAll();
    showLogin('Your session has ended. Please log in again.');
  }

  $('logout').addEventListener('click', async () => {
    const token = session && session.token;
    sock.stop();
    $('logout').disabled = true;
    if (token) await H.logout(token);
    $('logout').disabled = false;
    clearAll();
    showLogin('You are logged out.');
  });

  // ---- Availability
  function setStatus(status) {
    $('current-status').textContent = status;
    $('go-available').setAttribute('aria-pressed', String(status === 'available'));
    $('go-away').setAttribute('aria-pressed', String(status === 'away'));
  }
  for (const [button, status] of [['go-available', 'available'], ['go-away', 'away']]) {
    $(button).addEventListener('click', () => {
      if (!sock.send({ type: 'status', status })) notice('Not connected. Try again in a moment.');
    });
  }

  // ---- Conversations
  function triageItems(c) {
    const t = c.triage || {};
    const items = [];
    if (t.inDanger) items.push(['IN DANGER NOW', 'in-danger']);
    items.push([t.role ? ROLES[t.role] || t.role : 'Role not given']);
    if (t.language) items.push(['Language: ' + t.language]);
    if (t.region) items.push(['Region: ' + t.region]);
    if (t.topic) items.push(['Topic: ' + (TOPICS[t.topic] || t.topic)]);
    items.push([t.childrenInvolved ? 'Children involved' : 'No children mentioned']);
    if (c.startedAt) items.push(['Started ' + H.timeOf(c.startedAt)]);
    return items;
  }

  function label(c) {
    const t = c.triage || {};
    return '#' + c.n + ' ' + [t.role ? ROLES[t.role] || t.role : 'Visitor', t.region, t.topic].filter(Boolean).join(' · ');
  }

  function render(c) {
    const danger = !!(c.triage && c.triage.inDanger);
    c.section.classList.toggle('danger', danger);
    c.li.classList.toggle('danger', danger);
    c.heading.textContent = label(c) + (danger ? ' — IN DANGER' : '');
    c.liLabel.textContent = label(c) + (danger ? ' — IN DANGER' : '');
    c.triageList.textContent = '';
    for (const [text, cls] of triageItems(c)) c.triageList.append(H.el('li', cls, text));
  }

  function conversation(id) {
    let c = convs.get(id);
    if (c) return c;
    counter++;
    c = {
      id, n: counter, triage: {}, ended: false, followed: false, shown: new Set(), lastSeq: 0,
      byClient: new Map(), outbox: new Map(), unread: 0, typingTimer: 0, lastTypingSent: 0,
    };
    const section = H.el('section', 'chat card');
    section.setAttribute('data-conversation', id);
    const header = H.el('header');
    c.heading = H.el('h2');
    c.heading.id = 'chat-title-' + c.n;
    section.setAttribute('aria-labelledby', c.heading.id);
    c.state = H.el('span', 'hint', 'active');
    c.record = R.attach(c, {
      send: (frame) => sock.send(frame),
      end: () => sock.send({ type: 'end', conversation: id }),
      close: (text) => {
        forgetConversation(c);
        notice(text);
      },
    });
    header.append(c.heading, c.record.badge, c.state);
    c.triageList = H.el('ul', 'triage');
    c.triageList.setAttribute('aria-label', 'Triage');
    c.list = H.el('ol', 'messages');
    c.list.setAttribute('aria-live', 'polite');
    c.list.setAttribute('aria-label', 'Messages');
    c.typing = H.el('p', 'typing', 'The visitor is typing…');
    c.typing.hidden = true;
    const form = H.el('form', 'composer');
    form.autocomplete = 'off';
    const textId = 'text-' + c.n;
    const lab = H.el('label', null, 'Reply');
    lab.htmlFor = textId;
    c.text = H.el('textarea', 'text');
    c.text.id = textId;
    c.text.rows = 3;
    c.text.maxLength = 4000;
    c.send = H.el('button', 'send primary', 'Send');
    c.send.type = 'submit';
    form.append(c.record.picker, lab, c.text, c.send);
    c.end = H.el('button', 'end secondary', 'End chat…');
    c.end.type = 'button';
    c.dismiss = H.el('button', 'dismiss secondary', 'Close without recording an outcome');
    c.dismiss.type = 'button';
    c.dismiss.hidden = true;
    c.transfer = transferForm(c);
    c.tools = safetyTools(c);
    c.directory = directoryPanel(c);
    section.append(header, c.triageList, c.tools, c.record.notes, c.list, c.typing, form, c.end, c.record.outcome,
      c.dismiss, c.record.riskPanel, c.directory, c.transfer);
    c.section = section;

    c.li = H.el('li');
    c.li.setAttribute('data-conversation', id);
    const pick = H.el('button');
    pick.type = 'button';
    c.liLabel = H.el('span');
    c.badge = H.el('span', 'unread');
    c.badgeCount = H.el('span', 'unread-count');
    c.badgeCount.setAttribute('aria-hidden', 'true');
    c.badgeText = H.el('span', 'visually-hidden');
    c.badge.append(c.badgeCount, c.badgeText);
    c.badge.hidden = true;
    pick.append(c.liLabel, c.badge);
    c.li.append(pick);

    pick.addEventListener('click', () => {
      section.scrollIntoView({ block: 'nearest' });
      (c.ended ? c.dismiss : c.text).focus();
    });
    section.addEventListener('focusin', () => read(c));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      compose(c);
    });
    c.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    c.text.addEventListener('input', () => {
      const now = Date.now();
      if (c.followed && !c.ended && c.text.value.trim() && now - c.lastTypingSent >= 3000) {
        c.lastTypingSent = now;
        sock.send({ type: 'typing', conversation: id });
      }
    });
    c.end.addEventListener('click', () => {
      if (!c.ended) R.askOutcome(c.record);
    });
    c.dismiss.addEventListener('click', () => forgetConversation(c));

    convs.set(id, c);
    $('chats').append(section);
    $('conversations').append(c.li);
    $('no-conversations').hidden = true;
    render(c);
    return c;
  }

  // Takes a conversation off the screen (dismissed, transferred, or given back to the queue).
  function forgetConversation(c) {
    const hadFocus = c.section.contains(document.activeElement);
    clearTimeout(c.typingTimer);
    for (const clientId of c.outbox.keys()) refs.delete(clientId);
    for (const p of directoryQueue) if (p.c === c) p.c = null;
    R.forget(c.record);
    c.section.remove();
    c.li.remove();
    convs.delete(c.id);
    $('no-conversations').hidden = convs.size > 0;
    updateTitle();
    if (hadFocus) {
      const next = convs.values().next().value;
      if (next) (next.ended ? next.dismiss : next.text).focus();
      else $('go-available').focus();
    }
  }

  // ---- Safety: escalation, location, hotline directory
  function field(c, tag, cls, labelText, type) {
    const input = H.el(tag, cls);
    if (type) input.type = type;
    input.id = cls.split(' ')[0] + '-' + c.n;
    const lab = H.el('label', null, labelText);
    lab.htmlFor = input.id;
    return [lab, input];
  }

  function checkRow(c, cls, text) {
    const row = H.el('div', 'check');
    const [lab, input] = field(c, 'input', cls, text, 'checkbox');
    row.append(input, lab);
    return [row, input];
  }

  function toolMessage(node, text, error) {
    node.textContent = text || '';
    node.classList.toggle('error', !!error);
    node.hidden = !text;
  }

  function safetyTools(c) {
    const tools = H.el('div', 'safety-tools');
    const row = H.el('div', 'safety-actions');
    c.escalateButton = H.el('button', 'escalate-emergency', 'Escalate to emergency services');
    c.locationButton = H.el('button', 'request-location secondary', 'Ask where the visitor is');
    c.escalateButton.type = c.locationButton.type = 'button';
    row.append(c.escalateButton, c.locationButton);
    c.toolStatus = H.el('p', 'tool-status');
    c.toolStatus.setAttribute('role', 'status');
    c.toolStatus.hidden = true;
    c.location = H.el('div', 'location');
    c.location.hidden = true;
    c.confirm = escalateForm(c);
    c.escalations = H.el('div', 'escalations');
    tools.append(row, c.toolStatus, c.location, c.confirm, c.escalations);
    c.escalateButton.addEventListener('click', () => openEscalation(c, 'emergency', 'the emergency services'));
    c.locationButton.addEventListener('click', () => {
      if (sock.send({ type: 'request_location', conversation: c.id })) toolMessage(c.toolStatus, 'Asking the visitor…');
      else toolMessage(c.toolStatus, 'Not connected. Try again in a moment.', true);
    });
    return tools;
  }

  function escalateForm(c) {
    const form = H.el('form', 'escalate-confirm');
    form.autocomplete = 'off';
    form.noValidate = true;
    form.hidden = true;
    c.confirmTitle = H.el('h3', 'escalate-title');
    c.confirmTitle.id = 'escalate-title-' + c.n;
    c.confirmTitle.tabIndex = -1;
    form.setAttribute('aria-labelledby', c.confirmTitle.id);
    const [locRow, loc] = checkRow(c, 'include-location', 'Include the location the visitor shared');
    c.includeLocation = loc;
    c.locationHint = H.el('p', 'hint', 'The visitor has not shared a location in this chat.');
    const [triRow, tri] = checkRow(c, 'include-triage', 'Include the triage (region, topic, children, danger)');
    c.includeTriage = tri;
    const [noteLabel, note] = field(c, 'textarea', 'escalate-note', 'Note sent with the escalation (optional)');
    note.rows = 2;
    note.maxLength = 500;
    c.escalateNote = note;
    const actions = H.el('div', 'escalate-actions');
    c.escalateSend = H.el('button', 'escalate-send', 'Escalate now');
    c.escalateSend.type = 'submit';
    const cancel = H.el('button', 'escalate-cancel secondary', 'Cancel');
    cancel.type = 'button';
    actions.append(c.escalateSend, cancel);
    c.escalateStatus = H.el('p', 'escalate-status');
    c.escalateStatus.setAttribute('role', 'status');
    c.escalateStatus.hidden = true;
    form.append(c.confirmTitle, locRow, c.locationHint, triRow, noteLabel, note, actions, c.escalateStatus);
    cancel.addEventListener('click', () => {
      form.hidden = true;
      c.escalating = 0;
      c.escalateButton.focus();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (c.escalating || !c.target) return;
      const frame = {
        type: 'escalate', conversation: c.id, target: c.target,
        include: { location: loc.checked && !loc.disabled, triage: tri.checked },
      };
      if (note.value.trim()) frame.note = note.value.trim().slice(0, 500);
      if (!sock.send(frame)) {
        toolMessage(c.escalateStatus, 'Not connected: nothing was sent. Try again in a moment.', true);
        return;
      }
      c.escalating = Date.now();
      c.escalateSend.disabled = true;
      toolMessage(c.escalateStatus, 'Escalating…');
      startTicker();
    });
    return form;
  }

  function openEscalation(c, target, name) {
    c.target = target;
    c.confirmTitle.textContent = 'Escalate to ' + name + '?';
    c.includeLocation.disabled = !c.locationText;
    if (!c.locationText) c.includeLocation.checked = false;
    c.locationHint.hidden = !!c.locationText;
    c.escalateSend.disabled = !!c.escalating;
    c.escalateSend.classList.toggle('urgent', target === 'emergency');
    if (!c.escalating) toolMessage(c.escalateStatus, '');
    c.confirm.hidden = false;
    c.confirm.scrollIntoView({ block: 'nearest' });
    c.confirmTitle.focus({ preventScroll: true });
  }

  function escalationDone(c, text) {
    c.escalating = 0;
    c.escalateSend.disabled = false;
    if (text) toolMessage(c.escalateStatus, text, true);
  }

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

  function showEscalation(c, f) {
    escalationDone(c, '');
    c.confirm.hidden = true;
    c.escalateNote.value = '';
    c.includeLocation.checked = c.includeTriage.checked = false;
    const target = f.target && typeof f.target === 'object' ? f.target : {};
    const emergency = f.kind === 'emergency';
    const box = H.el('div', 'escalation ' + (emergency ? 'kind-emergency' : 'kind-service'));
    box.tabIndex = -1;
    const title = H.el('h3', null, (emergency ? 'Emergency escalation' : 'Escalation') + ' — ' + (target.name || 'line')
      + ' (' + H.timeOf(Date.now()) + ')');
    title.id = 'escalation-' + c.n + '-' + (c.escalations.children.length + 1);
    box.setAttribute('aria-labelledby', title.id);
    const numbers = H.el('ul', 'escalation-numbers');
    for (const n of Array.isArray(target.numbers) ? target.numbers : []) {
      const li = H.el('li');
      li.append(numberLink(n, 'number'));
      numbers.append(li);
    }
    box.append(title, numbers, H.el('p', 'script', typeof f.script === 'string' ? f.script : ''),
      H.el('p', 'hint', f.locationIncluded ? 'The location the visitor shared was included.'
        : 'No location was included.'));
    c.escalations.prepend(box);
    const active = document.activeElement;
    if (!active || active === document.body || c.section.contains(active)) box.focus();
  }

  function showLocation(c, text) {
    c.locationText = text;
    c.location.textContent = '';
    c.location.append(H.el('strong', null, 'Location: '), H.el('span', 'location-text', text),
      H.el('span', 'hint', ' — Shared by the visitor after consent, ' + H.timeOf(Date.now())));
    c.location.hidden = false;
    c.includeLocation.disabled = false;
    c.locationHint.hidden = true;
    toolMessage(c.toolStatus, 'The visitor shared a location.');
  }

  function directoryPanel(c) {
    const box = H.el('details', 'directory');
    box.append(H.el('summary', null, 'Hotline directory'));
    const form = H.el('form', 'directory-search');
    form.autocomplete = 'off';
    form.noValidate = true;
    const need = H.el('button', 'directory-need secondary', 'Lines open now for this visitor');
    need.type = 'button';
    const [topicLabel, topic] = field(c, 'select', 'directory-topic', 'Topic');
    topic.append(new Option('Any topic', ''));
    for (const key in TOPICS) topic.append(new Option(TOPICS[key], key));
    const [regionLabel, region] = field(c, 'input', 'directory-region', 'Region', 'text');
    region.maxLength = 32;
    region.placeholder = '59, london…';
    const [languageLabel, language] = field(c, 'input', 'directory-language', 'Language', 'text');
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
    const [closedRow, closed] = checkRow(c, 'include-closed', 'Include closed lines');
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

  function searchDirectory(c, frame) {
    if (!sock.send(Object.assign({ type: 'directory' }, frame))) {
      toolMessage(c.directoryStatus, 'Not connected. Try again in a moment.', true);
      return;
    }
    directoryQueue.push({ c, at: Date.now() });
    toolMessage(c.directoryStatus, 'Searching…');
  }

  function directoryLost(text) {
    while (directoryQueue.length) {
      const p = directoryQueue.shift();
      if (p.c) toolMessage(p.c.directoryStatus, text, true);
    }
  }

  function showDirectory(c, f) {
    c.results.textContent = '';
    const lines = [[f.hotlines, false], [f.emergency, true]];
    let count = 0;
    for (const [list, emergency] of lines) {
      for (const h of Array.isArray(list) ? list : []) {
        if (!h || typeof h.id !== 'string') continue;
        count++;
        const li = H.el('li', (emergency || h.emergency ? 'kind-emergency ' : '') + (h.openNow ? 'open' : 'closed'));
        li.setAttribute('data-hotline', h.id);
        const head = H.el('p', 'hotline-head');
        head.append(H.el('strong', 'hotline-name', h.name || h.id), ' ',
          H.el('span', 'open-state', h.openNow ? 'Open now' : 'Closed now'));
        if (emergency || h.emergency) head.append(' ', H.el('span', 'badge', 'Emergency'));
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
        escalate.addEventListener('click', () => openEscalation(c, h.id, h.name || h.id));
        li.append(escalate);
        c.results.append(li);
      }
    }
    toolMessage(c.directoryStatus, count ? count + ' line(s) found.' : 'No line found.');
  }

  function refusal(f) {
    const field = f.field || '';
    if (f.code === 'invalid') {
      if (field === 'target') {
        return 'This line is not in the directory (any more), or no emergency number is listed for this region. '
          + 'Search the directory again.';
      }
      if (field === 'note') return 'The note is too long (500 characters at most).';
      if (/region/.test(field)) return 'Region: use a short code (59, london…).';
      if (/language/.test(field)) return 'Language: use a 2 or 3 letter code (fr, en…).';
      return 'Not accepted: ' + (field ? 'check the field “' + field + '”.' : 'malformed request.');
    }
    if (f.code === 'not_supervisor') return 'Not done: this needs a supervisor account.';
    if (f.code === 'not_assigned') return 'Not done: this chat is no longer assigned to you.';
    if (f.code === 'rate_limited' || f.code === 'unavailable' || f.code === 'internal') {
      return 'Not done: the service had a short problem. Please try again.';
    }
    return 'Not done: ' + (WORDS[f.code] || WORDS.other);
  }

  // A refused directory, escalate or request_location: shown in its chat panel.
  function toolRefused(f) {
    let c = f.conversation ? convs.get(f.conversation) : null;
    if (f.ref === 'directory') {
      const p = directoryQueue.shift();
      if (!c && p) c = p.c;
    }
    if (!c) {
      notice(f.code);
      return;
    }
    const text = refusal(f);
    if (f.ref === 'escalate') escalationDone(c, text);
    else toolMessage(f.ref === 'directory' ? c.directoryStatus : c.toolStatus, text, true);
    if (f.code === 'not_assigned' && !c.ended) sock.restart();
  }

  // ---- Transfer to another counsellor or association
  function transferForm(c) {
    const form = H.el('form', 'transfer');
    form.autocomplete = 'off';
    form.noValidate = true;
    const title = H.el('h3', null, 'Transfer this chat');
    title.id = 'transfer-title-' + c.n;
    form.setAttribute('aria-labelledby', title.id);
    const row = H.el('div', 'transfer-row');
    const kind = H.el('select', 'transfer-kind');
    kind.id = 'transfer-kind-' + c.n;
    kind.append(new Option('to a counsellor', 'counsellor'), new Option('to an association', 'association'));
    const kindLabel = H.el('label', 'visually-hidden', 'Transfer to');
    kindLabel.htmlFor = kind.id;
    const target = H.el('input', 'transfer-target');
    target.type = 'text';
    target.id = 'transfer-target-' + c.n;
    target.maxLength = 64;
    target.spellcheck = false;
    target.autocapitalize = 'none';
    target.placeholder = 'counsellor id';
    const targetLabel = H.el('label', 'visually-hidden', 'Id of the counsellor or association');
    targetLabel.htmlFor = target.id;
    kind.addEventListener('change', () => {
      target.placeholder = kind.value === 'association' ? 'association id' : 'counsellor id';
    });
    row.append(kindLabel, kind, targetLabel, target);
    const note = H.el('textarea', 'transfer-note');
    note.id = 'transfer-note-' + c.n;
    note.rows = 2;
    note.maxLength = 2000;
    const noteLabel = H.el('label', null, 'Note for the next counsellor (internal: the visitor never sees it)');
    noteLabel.htmlFor = note.id;
    const button = H.el('button', 'transfer-send secondary', 'Transfer');
    button.type = 'submit';
    c.transferStatus = H.el('p', 'transfer-status');
    c.transferStatus.setAttribute('role', 'status');
    c.transferStatus.hidden = true;
    form.append(title, row, noteLabel, note, button, c.transferStatus);
    c.transferButton = button;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (c.ended || button.disabled) return;
      const to = target.value.trim();
      if (!to) {
        transferMessage(c, 'Enter the id of the ' + (kind.value === 'association' ? 'association.' : 'counsellor.'), true);
        target.focus();
        return;
      }
      const frame = kind.value === 'association' ? { toAssociation: to } : { toCounsellor: to };
      if (note.value.trim()) frame.note = note.value.slice(0, 2000);
      if (!request('transfer', c.id, frame)) return;
      button.disabled = true;
      transferMessage(c, 'Transferring…', false);
    });
    return form;
  }

  function transferMessage(c, text, error) {
    c.transferStatus.textContent = text;
    c.transferStatus.classList.toggle('error', !!error);
    c.transferStatus.hidden = !text;
  }

  function transferRefused(c, f) {
    c.transferButton.disabled = false;
    let text;
    if (f.code === 'transfer_failed') {
      const why = /\(([a-z_]+)\)/.exec(f.message || '');
      text = 'Transfer failed: ' + (why && TRANSFER_REASONS[why[1]] ? TRANSFER_REASONS[why[1]]
        : 'nobody could take the chat') + '. The chat stays with you.';
    } else if (f.code === 'invalid') {
      text = f.field === 'toCounsellor' ? 'No other counsellor has this id.'
        : f.field === 'toAssociation' ? 'No association has this id.'
          : f.field === 'note' ? 'The note is too long (2000 characters at most).'
            : 'The transfer was refused: ' + (f.message || 'invalid request') + '.';
    } else if (f.code === 'not_assigned') {
      text = 'This chat is no longer assigned to you.';
    } else {
      text = 'Transfer not done: ' + (WORDS[f.code] || WORDS.other);
    }
    transferMessage(c, text, true);
  }

  // Why a pick was refused, from the server's message ("Not taken: <reason>.").
  function notTaken(message) {
    const why = /Not taken: ([a-z_]+)/.exec(message || '');
    const reason = why ? why[1] : '';
    return reason === 'full' ? 'You have no free place: end or transfer a chat first.'
      : reason === 'excluded' ? 'You declined or missed this chat a moment ago; it goes to others first for now.'
        : reason === 'unavailable' ? 'Set yourself available first.'
          : reason === 'offline' ? 'Your console is not connected yet; try again in a moment.'
            : /not one you can take/.test(message || '') ? 'This chat is not one you can take now.'
              : WORDS.not_waiting;
  }

  // ---- Requests answered later: accept, decline, pick, transfer
  function request(type, id, extra) {
    if (!sock.send(Object.assign({ type, conversation: id }, extra))) {
      notice('Not connected. Try again in a moment.');
      return false;
    }
    pending[type].push({ id, at: Date.now() });
    return true;
  }

  function isPending(type) {
    return typeof type === 'string' && Object.prototype.hasOwnProperty.call(pending, type);
  }

  function settle(type, id) {
    const list = pending[type];
    const i = list.findIndex((p) => p.id === id);
    if (i >= 0) list.splice(i, 1);
    return i >= 0;
  }

  // The request a refusal answers, and what to undo on screen for it.
  function unanswered(type, f) {
    const at = f && f.conversation ? pending[type].findIndex((q) => q.id === f.conversation) : -1;
    const p = at > 0 ? pending[type].splice(at, 1)[0] : pending[type].shift();
    if (!p) return;
    const id = p.id;
    if (type === 'accept' || type === 'decline') {
      if (f && f.code === 'offer_gone') removeOffer(id);
      else offerReady(id);
    } else if (type === 'pick') {
      const li = waitingItems.get(id);
      if (li) {
        li.querySelector('.pick').disabled = false;
        li.querySelector('.pick').textContent = 'Take this chat';
      }
    } else if (type === 'transfer') {
      const c = convs.get(id);
      if (c && f) transferRefused(c, f);
      else if (c) {
        c.transferButton.disabled = false;
        transferMessage(c, 'No answer about the transfer. Check the chat, then try again if it is still here.', true);
      }
    }
  }

  // ---- Offers: a chat waits for this counsellor's accept for a few seconds
  function showOffer(f) {
    const id = f.conversation;
    if (typeof id !== 'string' || convs.has(id) && !convs.get(id).ended) return;
    const deadline = Date.now() + Math.max(0, Number(f.acceptWithinSeconds) || 0) * 1000;
    const waitedFrom = Date.now() - Math.max(0, Number(f.waitedSeconds) || 0) * 1000;
    let o = offers.get(id);
    if (o) {
      o.stale = false;
      o.deadline = Math.min(o.deadline, deadline); // a reconnect gives the full time again: keep the first
      tickOffer(o);
      return;
    }
    const priority = PRIORITIES[f.priority] ? f.priority : 'standard';
    const danger = priority === 'in-danger' || !!(f.triage && f.triage.inDanger);
    const card = H.el('div', 'offer card priority-' + priority + (danger ? ' danger' : ''));
    card.setAttribute('data-conversation', id);
    card.setAttribute('role', 'group');
    offerCounter++;
    const title = H.el('h3', null, 'New chat offer' + (danger ? ' — IN DANGER NOW' : ''));
    title.id = 'offer-title-' + offerCounter;
    card.setAttribute('aria-labelledby', title.id);
    const triage = H.el('ul', 'triage');
    triage.setAttribute('aria-label', 'Triage');
    for (const [text, cls] of triageItems({ triage: f.triage })) triage.append(H.el('li', cls, text));
    o = {
      id, card, deadline, waitedFrom, stale: false,
      priority: H.el('p', 'priority', 'Priority: ' + PRIORITIES[priority]),
      waited: H.el('p', 'waited hint'),
      countdown: H.el('p', 'countdown'),
      accept: H.el('button', 'accept primary', 'Accept'),
      decline: H.el('button', 'decline secondary', 'Decline'),
      state: H.el('p', 'offer-state hint'),
    };
    o.accept.type = o.decline.type = 'button';
    o.state.hidden = true;
    const actions = H.el('div', 'offer-actions');
    actions.append(o.accept, o.decline);
    card.append(title, o.priority, triage, o.waited, o.countdown, actions, o.state);
    o.accept.addEventListener('click', () => {
      if (request('accept', id)) offerBusy(o, 'Accepting…');
    });
    o.decline.addEventListener('click', () => {
      if (request('decline', id)) offerBusy(o, 'Declining…');
    });
    offers.set(id, o);
    if (danger) $('offers').prepend(card);
    else $('offers').append(card);
    $('offers-section').hidden = false;
    $('offer-announcer').textContent = 'New chat offer' + (danger ? ', in danger now' : '') + '. Accept within '
      + Math.round((deadline - Date.now()) / 1000) + ' seconds.';
    tickOffer(o);
    updateTitle();
    window.Chime.play('offer');
    startTicker();
  }

  function offerBusy(o, text) {
    o.hadFocus = o.card.contains(document.activeElement); // disabling the pressed button drops the focus
    o.accept.disabled = o.decline.disabled = true;
    o.state.textContent = text;
    o.state.hidden = false;
  }

  function offerReady(id) {
    const o = offers.get(id);
    if (!o) return;
    o.accept.disabled = o.decline.disabled = false;
    o.state.hidden = true;
  }

  function tickOffer(o) {
    const left = Math.ceil((o.deadline - Date.now()) / 1000);
    o.countdown.textContent = left > 0 ? 'Accept within ' + left + ' s' : 'Time is up: the chat is going to someone else';
    o.countdown.classList.toggle('urgent', left <= 5);
    const waited = Math.floor((Date.now() - o.waitedFrom) / 60000);
    o.waited.textContent = 'Waiting for ' + (waited < 1 ? 'less than a minute' : waited + ' min');
  }

  function removeOffer(id) {
    const o = offers.get(id);
    if (!o) return;
    const hadFocus = o.card.contains(document.activeElement)
      || o.hadFocus && (!document.activeElement || document.activeElement === document.body);
    offers.delete(id);
    settle('accept', id);
    settle('decline', id);
    o.card.remove();
    $('offers-section').hidden = offers.size === 0;
    updateTitle();
    if (hadFocus) {
      const next = offers.values().next().value;
      const c = convs.get(id);
      if (c && !c.ended) c.text.focus();
      else if (next) next.accept.focus();
      else $('go-available').focus();
    }
  }

  // Once a second while there are offers or unanswered requests: countdowns, and giving up on lost answers.
  function startTicker() {
    if (!ticker) ticker = setInterval(tick, 1000);
  }

  function tick() {
    const now = Date.now();
    for (const o of [...offers.values()]) {
      // No word about an offer long after its time (or after a reconnect that did not offer it again): drop it.
      if (now - o.deadline > 15000 || o.stale && now - welcomedAt > 5000) removeOffer(o.id);
      else tickOffer(o);
    }
    for (const type in pending) {
      while (pending[type].length && now - pending[type][0].at > PENDING_FOR) unanswered(type, null);
    }
    let escalating = false;
    for (const c of convs.values()) {
      if (c.escalating && now - c.escalating > PENDING_FOR) {
        escalationDone(c, 'No answer about the escalation. Check above, then try again if it is not shown.');
      }
      escalating = escalating || !!c.escalating;
    }
    if (!offers.size && !escalating && !Object.values(pending).some((list) => list.length)) {
      clearInterval(ticker);
      ticker = 0;
    }
  }

  // ---- Waiting chats this counsellor may pick
  function showWaiting(list) {
    const ul = $('waiting-list');
    const seen = new Set();
    let at = 0;
    for (const w of Array.isArray(list) ? list : []) {
      if (!w || typeof w.conversation !== 'string' || seen.has(w.conversation)) continue;
      const id = w.conversation;
      seen.add(id);
      let li = waitingItems.get(id);
      if (!li) {
        li = H.el('li');
        li.setAttribute('data-conversation', id);
        const pick = H.el('button', 'pick', 'Take this chat');
        pick.type = 'button';
        pick.addEventListener('click', () => {
          if (request('pick', id)) {
            focusOnAssign = id; // the chat's composer gets the focus once it is ours
            pick.disabled = true;
            pick.textContent = 'Taking…';
            startTicker();
          }
        });
        li.append(H.el('span', 'priority'), H.el('span', 'summary'), pick);
        waitingItems.set(id, li);
      }
      const priority = PRIORITIES[w.priority] ? w.priority : 'standard';
      li.className = 'priority-' + priority;
      li.querySelector('.priority').textContent = PRIORITIES[priority];
      const minutes = Math.floor((Number(w.waitedSeconds) || 0) / 60);
      li.querySelector('.summary').textContent = [
        w.topic ? TOPICS[w.topic] || w.topic : 'Topic not given',
        w.language ? 'Language: ' + w.language : 'Language not given',
        w.role ? ROLES[w.role] || w.role : 'Role not given',
        'waiting ' + (minutes < 1 ? 'less than 1 min' : minutes + ' min'),
        w.step ? 'step: ' + w.step : '',
      ].filter(Boolean).join(' · ');
      if (ul.children[at] !== li) ul.insertBefore(li, ul.children[at] || null);
      at++;
    }
    for (const [id, li] of [...waitingItems]) {
      if (seen.has(id)) continue;
      waitingItems.delete(id);
      if (li.contains(document.activeElement)) $('waiting-title').focus();
      li.remove();
    }
    $('no-waiting').hidden = seen.size > 0;
  }

  // ---- Unread counts, title and sound: for what arrives while the counsellor looks elsewhere.
  function watching(c) {
    return !document.hidden && document.hasFocus() && c.section.contains(document.activeElement);
  }

  function unread(c) {
    c.unread++;
    c.badgeCount.textContent = String(c.unread);
    c.badgeText.textContent = c.unread === 1 ? ' unread message' : ' unread messages';
    c.badge.hidden = false;
    updateTitle();
    window.Chime.play('message');
  }

  function read(c) {
    if (!c.unread) return;
    c.unread = 0;
    c.badge.hidden = true;
    updateTitle();
  }

  // Back to the tab or the window: the chat that has the focus is read now.
  function readWatched() {
    for (const c of convs.values()) if (watching(c)) read(c);
  }
  document.addEventListener('visibilitychange', readWatched);
  window.addEventListener('focus', readWatched);

  function updateTitle() {
    let total = 0;
    for (const c of convs.values()) total += c.unread;
    document.title = (offers.size ? OFFER_TITLE : '') + (total ? '(' + total + ') ' : '') + TITLE;
  }

  function showMute() {
    $('mute').setAttribute('aria-pressed', String(window.Chime.isMuted()));
  }
  $('mute').addEventListener('click', () => {
    window.Chime.setMuted(!window.Chime.isMuted());
    showMute();
  });
  showMute();

  function ended(c, how) {
    if (!c.ended) {
      c.ended = true;
      for (const clientId of [...c.outbox.keys()]) failed(c, clientId);
    }
    c.state.textContent = how;
    c.section.classList.add('ended');
    c.li.classList.add('ended');
    c.text.disabled = c.send.disabled = true;
    c.end.hidden = true;
    c.dismiss.hidden = false;
    c.typing.hidden = true;
    c.transfer.hidden = true;
    R.ended(c.record);
  }

  function reopen(c) {
    c.ended = false;
    c.state.textContent = 'active';
    c.section.classList.remove('ended');
    c.li.classList.remove('ended');
    c.text.disabled = c.send.disabled = false;
    c.end.hidden = false;
    c.dismiss.hidden = true;
    c.transfer.hidden = false;
    R.reopened(c.record);
  }

  // ---- The visitor's presence (left in a hurry, lost the connection, came back) and "delete my conversation now"
  const PRESENCE = {
    quick_exit: 'The visitor left with quick exit. The chat is kept for them for a while.',
    connection_lost: 'The visitor’s connection was lost. The chat is kept for them for a while.',
    returned: 'The visitor is back.',
  };
  function visitorPresence(f) {
    const c = convs.get(f.conversation);
    if (!c || c.ended || !PRESENCE[f.reason]) return;
    const li = H.el('li', 'presence ' + (f.present ? 'back' : 'away'), PRESENCE[f.reason] + ' (' + H.timeOf(f.at) + ')');
    li.setAttribute('data-seq', String(c.lastSeq + 0.5)); // between the messages already seen and the next ones
    H.place(c.list, li);
    c.state.textContent = f.present ? 'active' : 'visitor away';
  }

  // An end by the hold running out, or by the visitor deleting the conversation: then nothing of it stays on screen.
  function visitorEnded(c, f) {
    if (f.by === 'timeout') c.state.textContent = 'Ended: the visitor did not come back in time';
    if (!f.erased) return;
    c.erased = true;
    c.list.textContent = '';
    c.shown.clear();
    c.byClient.clear();
    c.triage = {};
    render(c);
    R.erased(c.record);
    c.location.textContent = '';
    c.location.hidden = true;
    c.locationText = '';
    c.text.value = '';
    c.list.append(H.el('li', 'presence erased', 'The visitor deleted this conversation: its messages were erased.'));
    c.state.textContent = 'Deleted by the visitor';
  }

  // ---- Messages
  function item(from, text, mine) {
    const counsellor = from === 'counsellor';
    const li = H.el('li', 'message from-' + (counsellor ? 'counsellor' : 'visitor') + (counsellor && !mine ? ' other' : ''));
    li.append(H.el('span', 'who', counsellor ? (mine ? 'You' : 'Counsellor') : 'Visitor'), H.el('p', 'text', text),
      H.el('span', 'meta'));
    return li;
  }

  function delivered(c, li, seq, at) {
    li.setAttribute('data-seq', String(seq));
    li.classList.remove('pending');
    li.classList.add('delivered');
    li.querySelector('.meta').textContent = at ? H.timeOf(at) : 'Sent';
    c.shown.add(seq);
    H.place(c.list, li);
  }

  function onMessage(f) {
    const c = convs.get(f.conversation);
    if (!c || typeof f.seq !== 'number') return;
    if (f.seq > c.lastSeq) c.lastSeq = f.seq;
    const own = f.from === 'counsellor' && f.clientId ? c.byClient.get(f.clientId) : null;
    if (own) {
      c.outbox.delete(f.clientId);
      refs.delete(f.clientId);
      if (own.getAttribute('data-seq') !== String(f.seq)) delivered(c, own, f.seq, f.at);
      else own.querySelector('.meta').textContent = H.timeOf(f.at);
      return;
    }
    if (c.shown.has(f.seq)) return;
    const li = item(f.from, f.text, f.from === 'counsellor' && isOwn(f.clientId));
    if (f.from === 'counsellor' && f.clientId) c.byClient.set(f.clientId, li);
    delivered(c, li, f.seq, f.at);
    if (f.from === 'visitor') {
      c.typing.hidden = true;
      if (!watching(c)) unread(c);
    }
  }

  function onAck(f) {
    const c = convs.get(f.conversation || refs.get(f.clientId));
    refs.delete(f.clientId);
    if (!c) return;
    c.outbox.delete(f.clientId);
    const li = c.byClient.get(f.clientId);
    if (li && !li.hasAttribute('data-seq') && typeof f.seq === 'number') delivered(c, li, f.seq, null);
  }

  function failed(c, clientId) {
    c.outbox.delete(clientId);
    refs.delete(clientId);
    const li = c.byClient.get(clientId);
    if (li && li.classList.contains('pending')) {
      li.classList.remove('pending');
      li.classList.add('failed');
      li.querySelector('.meta').textContent = 'Not sent';
      if (!c.text.value && !c.ended) c.text.value = li.querySelector('.text').textContent;
    }
  }

  function sendQueued(c, clientId) {
    if (c.followed && c.outbox.has(clientId)) {
      sock.send({ type: 'send', conversation: c.id, clientId, text: c.outbox.get(clientId) });
    }
  }

  function compose(c) {
    const text = c.text.value;
    if (!text.trim() || c.ended) return;
    const clientId = H.newClientId('c-' + session.tag);
    const li = item('counsellor', text, true);
    li.classList.add('pending');
    li.setAttribute('data-client-id', clientId);
    li.querySelector('.meta').textContent = 'Sending…';
    c.byClient.set(clientId, li);
    c.outbox.set(clientId, text);
    refs.set(clientId, c.id);
    H.place(c.list, li);
    c.text.value = '';
    sendQueued(c, clientId);
    c.text.focus();
  }

  // rate_limited errors carry no ref: resend every message not yet acknowledged (the server stores each once).
  let retryTimer = 0;
  function retrySoon() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      for (const c of convs.values()) for (const clientId of c.outbox.keys()) sendQueued(c, clientId);
    }, 2000);
  }

  function onError(f) {
    const code = f.code;
    const ref = f.ref;
    if (code === 'session_expired') {
      sessionEnded();
      return;
    }
    if (ref === 'auth' || code === 'unauthenticated') {
      sock.restart();
      return;
    }
    if (ref === 'directory' || ref === 'escalate' || ref === 'request_location') {
      toolRefused(f);
      return;
    }
    const recordOf = ['risk', 'note', 'outcome', 'end'].includes(ref) && convs.get(f.conversation);
    if (recordOf) {
      R.refused(recordOf.record, f);
      if (code === 'not_assigned' && ref !== 'outcome' && !recordOf.ended) sock.restart();
      return;
    }
    if (code === 'rate_limited' || code === 'unavailable' || code === 'internal') {
      if (isPending(ref)) {
        unanswered(ref, f);
      } else if (!ref) {
        // A dropped frame (no ref): give the buttons back; the counsellor can press again.
        for (const type in pending) while (pending[type].length) unanswered(type, null);
        giveUpTools('Maybe not done (too many requests at once). Please try again.');
      }
      if (ref !== 'typing' && ref !== 'ping') {
        notice(code);
        retrySoon();
      }
      return;
    }
    if (isPending(ref)) {
      unanswered(ref, f);
      if (code === 'pick_not_allowed') {
        showWaiting([]);
        $('waiting-section').hidden = $('waiting-list').hidden = true;
      }
      if (code === 'not_assigned') sock.restart();
      if (ref !== 'transfer') notice(code === 'not_waiting' ? notTaken(f.message) : code);
      return;
    }
    const c = ref && refs.has(ref) ? convs.get(refs.get(ref)) : null;
    if (c) {
      failed(c, ref);
      if (code === 'conversation_ended') ended(c, 'Ended');
    }
    if (code === 'not_assigned') sock.restart();
    if (ref !== 'typing' && ref !== 'ping') notice(code);
    const panel = f.conversation && convs.get(f.conversation);
    if (panel && ref !== 'typing' && ref !== 'send') toolMessage(panel.toolStatus, WORDS[code] || WORDS.other, true);
  }

  // Requests whose answer will not come (a new socket, or a frame dropped unread).
  function giveUpTools(text) {
    directoryLost(text);
    R.settleAll(text);
    for (const c of convs.values()) if (c.escalating) escalationDone(c, text);
  }

  function onFrame(f) {
    switch (f.type) {
      case 'welcome': {
        sock.connected();
        welcomedAt = Date.now();
        R.configure(f);
        $('connection-state').textContent = '';
        if (f.counsellor && f.counsellor.name) $('who').textContent = f.counsellor.name;
        if (f.counsellor && typeof f.counsellor.associationName === 'string') {
          $('association').textContent = f.counsellor.associationName;
          session.counsellor = Object.assign({}, session.counsellor, { associationName: f.counsellor.associationName });
          try {
            sessionStorage.setItem(STORE, JSON.stringify(session));
          } catch (e) { /* kept in memory */ }
        }
        setStatus(f.status);
        const canPick = f.canPick === true;
        $('waiting-section').hidden = $('waiting-list').hidden = !canPick;
        if (!canPick) showWaiting([]);
        // Offers still open are sent again after the welcome; those that are not are dropped by the ticker.
        for (const o of offers.values()) o.stale = true;
        if (offers.size) startTicker();
        // Requests made on the old socket will never be answered.
        for (const type in pending) while (pending[type].length) unanswered(type, null);
        giveUpTools('The connection was renewed before an answer came. Please try again.');
        const held = new Set(Array.isArray(f.conversations) ? f.conversations : []);
        for (const c of convs.values()) {
          if (!c.ended && !held.has(c.id)) ended(c, 'Ended or moved while you were offline');
        }
        break;
      }
      case 'status':
        setStatus(f.status);
        if (f.reason === 'missed_offers') notice('missed_offers', 30000);
        break;
      case 'offer':
        showOffer(f);
        break;
      case 'offer_withdrawn':
        removeOffer(f.conversation);
        if (f.reason === 'expired') notice('expired');
        else if (f.reason === 'ended') notice('Offer withdrawn: the visitor left before it was accepted.');
        break;
      case 'waiting':
        if (!$('waiting-list').hidden) showWaiting(f.conversations);
        break;
      case 'released': {
        const c = convs.get(f.conversation);
        settle('transfer', f.conversation);
        if (c) {
          const unsent = c.outbox.size;
          forgetConversation(c);
          notice((f.reason === 'transferred' ? 'Chat transferred.' : 'Chat returned to the queue.')
            + (unsent ? ' ' + unsent + ' message(s) not yet sent were not delivered.' : ''));
        }
        break;
      }
      case 'assigned': {
        if (typeof f.conversation !== 'string') break;
        settle('accept', f.conversation);
        settle('pick', f.conversation);
        const picked = waitingItems.get(f.conversation);
        const pickedHere = focusOnAssign === f.conversation && (!!picked && picked.contains(document.activeElement)
          || [$('waiting-title'), document.body, null].includes(document.activeElement));
        if (focusOnAssign === f.conversation) focusOnAssign = null;
        const c = conversation(f.conversation);
        c.triage = f.triage || {};
        c.startedAt = f.startedAt;
        c.priority = f.priority;
        if (f.priority) c.section.setAttribute('data-priority', f.priority);
        c.followed = true;
        render(c);
        R.assigned(c.record, f);
        if (f.status === 'ended') {
          ended(c, 'Ended');
        } else {
          if (c.ended) reopen(c);
          for (const clientId of c.outbox.keys()) sendQueued(c, clientId);
        }
        removeOffer(f.conversation); // an accepted offer: its card goes, focus moves to the chat
        if (pickedHere && !c.ended) c.text.focus();
        break;
      }
      case 'message':
        onMessage(f);
        break;
      case 'ack':
        onAck(f);
        break;
      case 'typing': {
        const c = convs.get(f.conversation);
        if (c && f.from === 'visitor' && !c.ended) {
          c.typing.hidden = false;
          clearTimeout(c.typingTimer);
          c.typingTimer = setTimeout(() => { c.typing.hidden = true; }, 4000);
        }
        break;
      }
      case 'ended': {
        const c = convs.get(f.conversation);
        if (c) ended(c, f.by === 'visitor' ? 'Ended by the visitor' : 'Ended by you');
        if (c) visitorEnded(c, f);
        break;
      }
      case 'visitor_presence':
        visitorPresence(f);
        break;
      case 'error':
        onError(f);
        break;
      case 'directory': {
        const p = directoryQueue.shift();
        if (p && p.c && convs.get(p.c.id) === p.c) showDirectory(p.c, f);
        break;
      }
      case 'escalation': {
        const c = convs.get(f.conversation);
        if (c) showEscalation(c, f);
        break;
      }
      case 'location_request': {
        const c = convs.get(f.conversation);
        if (c) toolMessage(c.toolStatus, 'The visitor was asked. They choose on their page whether to share where they are.');
        break;
      }
      case 'risk':
      case 'note':
      case 'outcome_recorded': {
        const c = convs.get(f.conversation);
        if (c) (f.type === 'risk' ? R.risk : f.type === 'note' ? R.note : R.recorded)(c.record, f);
        break;
      }
      case 'location_shared': {
        const c = convs.get(f.conversation);
        if (c && typeof f.location === 'string') showLocation(c, f.location);
        break;
      }
      default:
        break;
    }
  }

  // A console silent for 60 s is closed by the server (4002): ping every 15 s, and a reconnect follows such a close.
  sock = H.ReconnectingSocket('/ws/console', {
    open() {
      const resume = {};
      for (const c of convs.values()) {
        c.followed = false;
        if (!c.ended) resume[c.id] = c.lastSeq;
      }
      $('connection-state').textContent = 'Connected';
      sock.send({ type: 'auth', token: session.token, resume });
    },
    frame: onFrame,
    reconnect: (code) => code !== 4001,
    close(code) {
      for (const c of convs.values()) c.followed = false;
      if (code === 4001) sessionEnded();
      else $('connection-state').textContent = 'Connection lost, reconnecting…';
    },
  }, 15000);

  function open() {
    showWorkspace();
    $('connection-state').textContent = 'Connecting…';
    if (!heartbeat && window.Worker) {
      try {
        heartbeat = new Worker('/console/heartbeat.js');
        heartbeat.onmessage = () => sock.beat();
      } catch (e) {
        heartbeat = null; // the page's own timer still pings
      }
    }
    sock.start();
  }

  if (session) open();
  else showLogin('');
})();
