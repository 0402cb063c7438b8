'use strict';
// The counsellor's own record of each chat, never shown to the visitor: canned replies to insert (and edit) in the
// reply box, the risk checklist (the server computes its level), private notes, and the outcome tags asked for as the
// chat ends. chat-card.js makes each chat card and hands it here with a few functions (send, end, close); the settings
// come with the console's welcome frame. Loaded before the console's other files.
(function () {
  const H = window.Helpline;
  const LEVELS = { standard: 'Standard', medium: 'Medium', high: 'HIGH' };
  const LEVEL_HINTS = {
    standard: 'Standard: keep listening and offer the usual information.',
    medium: 'Medium: agree a safety plan and offer a referral.',
    high: 'HIGH: supervisors have been alerted. Consider escalating and the emergency numbers.',
  };
  const WORDS = {
    invalid: 'Not accepted: check the form.',
    not_assigned: 'This chat is no longer yours (transferred, expired or never yours): nothing was recorded.',
    outcome_already_recorded: 'The outcome of this chat was already recorded.',
    rate_limited: 'Too many requests at once. Please try again.',
    unavailable: 'The service had a short problem. Please try again.',
    internal: 'The service had a short problem. Please try again.',
    offline: 'Not connected: nothing was sent. Try again in a moment.',
    unsent: 'Your last reply is still being sent: end the chat once it shows as sent.',
  };
  let settings = { replies: {}, questions: [], groups: [] };
  let drawn = '';
  const records = new Set();

  const isObject = (v) => !!v && typeof v === 'object' && !Array.isArray(v);

  /** The welcome frame's cannedReplies, riskChecklist and outcomeTags; cards are redrawn only when they changed. */
  function configure(welcome) {
    const checklist = isObject(welcome.riskChecklist) ? welcome.riskChecklist : {};
    settings = {
      replies: isObject(welcome.cannedReplies) ? welcome.cannedReplies : {},
      questions: Array.isArray(checklist.questions) ? checklist.questions.filter((q) => q && typeof q.id === 'string') : [],
      groups: Array.isArray(welcome.outcomeTags) ? welcome.outcomeTags.filter((g) => g && Array.isArray(g.tags)) : [],
    };
    const now = JSON.stringify(settings);
    if (now !== drawn) {
      drawn = now;
      for (const r of records) draw(r);
    }
  }

  function status(cls) {
    const p = H.el('p', cls + ' record-status');
    p.setAttribute('role', 'status');
    return p;
  }

  function say(node, text, error) {
    node.textContent = text || '';
    node.classList.toggle('error', !!error);
  }

  // Ends the chat (as abusive), unless a reply of hers in it is still being sent (replies go one at a time: an end
  // sent before it would leave it unsent) or the console is not connected; says why not. True when the end was sent.
  function endChat(r, abusive) {
    const why = r.io.unsent() ? WORDS.unsent : r.io.end(abusive) ? '' : WORDS.offline;
    if (why) say(r.outcomeStatus, why, true);
    return !why;
  }

  function button(cls, text, type) {
    const b = H.el('button', cls, text);
    b.type = type || 'button';
    return b;
  }

  // A checkbox and its label: [row, input, label].
  function checkRow(id, value, text) {
    const row = H.el('div', 'check');
    const input = H.el('input');
    input.type = 'checkbox';
    input.value = value;
    input.id = id;
    const lab = H.el('label', null, text);
    lab.htmlFor = id;
    row.append(input, lab);
    return [row, input, lab];
  }

  function labelled(r, tag, cls, text) {
    const input = H.el(tag, cls);
    input.id = cls + '-' + r.c.n;
    const lab = H.el('label', null, text);
    lab.htmlFor = input.id;
    return [lab, input];
  }

  // The conversation's language: the visitor's triage answer, else the language of the page they wrote from.
  function language(r) {
    const t = r.c.triage || {};
    if (typeof t.language === 'string' && t.language) return t.language;
    return typeof r.c.pageLanguage === 'string' ? r.c.pageLanguage : '';
  }

  // Sends a risk or note frame; its button waits until the answer (or an error) comes back.
  function request(r, kind, frame, pressed, node, text) {
    if (!r.io.send(frame)) {
      say(node, WORDS.offline, true);
      return;
    }
    r.pending[kind] = true;
    pressed.disabled = true;
    say(node, text);
  }

  // ---- Canned replies: search (the `/` key) or pick one, insert it where the cursor is, edit, send.
  function picker(r) {
    const box = H.el('div', 'canned');
    const [searchLab, search] = labelled(r, 'input', 'canned-search', 'Search replies (/)');
    search.type = 'search';
    search.autocomplete = 'off';
    search.spellcheck = false;
    search.placeholder = 'Type a word, Enter inserts';
    const find = H.el('div');
    find.append(searchLab, search);
    r.replySearch = search;
    const [lab, select] = labelled(r, 'select', 'canned-reply', 'Canned reply');
    const [langLab, lang] = labelled(r, 'select', 'canned-language', 'Language');
    const insert = button('canned-insert secondary', 'Insert');
    const pick = H.el('div');
    pick.append(lab, select);
    const langBox = H.el('div');
    langBox.append(langLab, lang);
    box.append(find, pick, langBox, insert);
    r.replySelect = select;
    r.replyLanguage = lang;
    lang.addEventListener('change', () => {
      r.languageChosen = true; // the counsellor's choice stays; otherwise the conversation's language leads
      fillReplies(r);
    });
    insert.addEventListener('click', () => insertReply(r));
    search.addEventListener('input', () => fillReplies(r));
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        insertReply(r);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        clearSearch(r);
        r.c.text.focus();
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        select.focus();
      }
    });
    return box;
  }

  const fold = (s) => String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

  function clearSearch(r) {
    if (!r.replySearch.value) return;
    r.replySearch.value = '';
    fillReplies(r);
  }

  function fillLanguages(r) {
    const languages = Object.keys(settings.replies).filter((l) => Array.isArray(settings.replies[l])
      && settings.replies[l].length);
    r.picker.hidden = languages.length === 0;
    const chosen = r.languageChosen ? r.replyLanguage.value : '';
    const wanted = [chosen, language(r), 'en'].find((l) => l && languages.includes(l)) || languages[0];
    r.replyLanguage.textContent = '';
    for (const l of languages) r.replyLanguage.append(new Option(l, l, false, l === wanted));
    fillReplies(r);
  }

  // The replies of the chosen language that match the search (title or text, case and accents ignored); the first
  // match is chosen, so that Enter in the search inserts it.
  function fillReplies(r) {
    const query = fold(r.replySearch.value.trim());
    r.replySelect.textContent = '';
    const none = new Option('Choose a reply…', '');
    r.replySelect.append(none);
    let matches = 0;
    for (const reply of settings.replies[r.replyLanguage.value] || []) {
      if (!reply || typeof reply.text !== 'string') continue;
      if (query && !fold(reply.title + ' ' + reply.text).includes(query)) continue;
      matches++;
      r.replySelect.append(new Option(reply.title || reply.id, reply.id, false, !!query && matches === 1));
    }
    if (query && !matches) none.textContent = 'No reply matches “' + r.replySearch.value.trim() + '”';
  }

  function insertReply(r) {
    const reply = (settings.replies[r.replyLanguage.value] || []).find((x) => x && x.id === r.replySelect.value);
    const text = r.c.text;
    if (!reply || text.disabled) {
      r.replySelect.focus();
      return;
    }
    clearSearch(r);
    const start = text.selectionStart;
    const end = text.selectionEnd;
    const before = text.value.slice(0, start);
    const glue = before && !/\s$/.test(before) ? ' ' : '';
    text.value = before + glue + reply.text + text.value.slice(end);
    const caret = (before + glue + reply.text).length;
    text.focus();
    text.setSelectionRange(caret, caret);
    text.dispatchEvent(new Event('input'));
  }

  // ---- Risk checklist
  function riskPanel(r) {
    const box = H.el('details', 'risk');
    const summary = H.el('summary', null, 'Risk checklist — ');
    r.riskSummary = H.el('span', 'risk-summary', 'not assessed');
    summary.append(r.riskSummary);
    const form = H.el('form', 'risk-form');
    form.noValidate = true;
    r.riskFieldset = H.el('fieldset');
    const save = button('risk-save primary', 'Save risk assessment', 'submit');
    r.riskStatus = status('risk-status');
    form.append(r.riskFieldset, save, r.riskStatus);
    box.append(summary, form);
    r.riskSave = save;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (r.c.ended || save.disabled) return;
      const answers = {};
      for (const input of r.riskFieldset.querySelectorAll('input[type=checkbox]')) {
        answers[input.value] = input.checked;
      }
      request(r, 'risk', { type: 'risk', conversation: r.c.id, answers }, save, r.riskStatus, 'Saving…');
    });
    return box;
  }

  function fillQuestions(r) {
    r.riskFieldset.textContent = '';
    const legend = H.el('legend', null, 'Tick each question the person answered “yes”');
    r.riskFieldset.append(legend);
    const lang = language(r);
    for (const q of settings.questions) {
      const texts = isObject(q.text) ? q.text : {};
      const [row, , lab] = checkRow('risk-' + r.c.n + '-' + q.id, q.id, texts[lang] || texts.en || q.id);
      if (q.critical) lab.append(H.el('span', 'critical-mark', ' (critical: a yes means high risk)'));
      r.riskFieldset.append(row);
    }
    showAnswers(r);
  }

  function showAnswers(r) {
    const answers = r.risk && isObject(r.risk.answers) ? r.risk.answers : {};
    for (const input of r.riskFieldset.querySelectorAll('input[type=checkbox]')) {
      input.checked = answers[input.value] === true;
    }
  }

  function showLevel(r) {
    const level = r.risk && LEVELS[r.risk.level] ? r.risk.level : '';
    r.riskSummary.textContent = level ? 'level ' + LEVELS[level] : 'not assessed';
    r.badge.textContent = level ? 'Risk: ' + LEVELS[level] : '';
    r.badge.className = 'risk-badge' + (level ? ' level-' + level : '');
    r.badge.hidden = !level;
    r.c.section.classList.toggle('risk-high', level === 'high');
    r.c.li.classList.toggle('risk-high', level === 'high');
  }

  function onRisk(r, f) {
    r.risk = { level: f.level, answers: isObject(f.answers) ? f.answers : {} };
    const mine = r.pending.risk;
    r.pending.risk = false;
    r.riskSave.disabled = false;
    showLevel(r);
    showAnswers(r);
    say(r.riskStatus, (mine ? 'Saved. ' : 'Updated from another console. ') + 'Risk level: '
      + (LEVELS[f.level] || f.level) + '. ' + (LEVEL_HINTS[f.level] || ''));
  }

  // ---- Private notes (transfer notes too): for counsellors only.
  function notesPanel(r) {
    const box = H.el('details', 'private-notes');
    const summary = H.el('summary', null, 'Private notes ');
    r.noteCount = H.el('span', 'note-count', '(none)');
    summary.append(r.noteCount);
    const hint = H.el('p', 'hint private-hint', 'Private: the visitor never sees these notes.');
    r.noteList = H.el('ul', 'note-list');
    r.noteList.setAttribute('aria-label', 'Private notes');
    const form = H.el('form', 'note-form');
    form.noValidate = true;
    const [lab, text] = labelled(r, 'textarea', 'note-text', 'Add a private note (the visitor never sees it)');
    text.rows = 2;
    text.maxLength = 2000;
    const add = button('note-add secondary', 'Add note', 'submit');
    r.noteStatus = status('note-status');
    form.append(lab, text, add, r.noteStatus);
    box.append(summary, hint, r.noteList, form);
    r.noteText = text;
    r.noteAdd = add;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = text.value.trim();
      if (!value) {
        say(r.noteStatus, 'Write the note first.', true);
        text.focus();
        return;
      }
      if (r.c.ended || add.disabled) return;
      request(r, 'note', { type: 'note', conversation: r.c.id, text: value.slice(0, 2000) }, add, r.noteStatus,
        'Saving the note…');
    });
    return box;
  }

  function noteItem(n) {
    const li = H.el('li', 'note');
    li.append(H.el('strong', 'note-label', 'Private note'),
      H.el('span', 'note-meta', ' — ' + (n.from || 'a counsellor') + (n.fromAssociation ? ' (' + n.fromAssociation + ')' : '')
        + (n.at ? ', ' + H.timeOf(n.at) : '')),
      H.el('p', 'note-text', n.text));
    return li;
  }

  function countNotes(r) {
    const n = r.noteList.children.length;
    r.noteCount.textContent = n ? '(' + n + ')' : '(none)';
    r.noteList.hidden = n === 0;
  }

  function showNotes(r, notes) {
    r.noteList.textContent = '';
    for (const n of Array.isArray(notes) ? notes : []) {
      if (n && typeof n.text === 'string') r.noteList.append(noteItem(n));
    }
    countNotes(r);
    if (r.noteList.children.length) r.notes.open = true; // a note left by the previous counsellor is read first
  }

  function onNote(r, f) {
    if (typeof f.text !== 'string') return;
    r.noteList.append(noteItem(f));
    countNotes(r);
    if (r.pending.note) {
      r.pending.note = false;
      r.noteText.value = '';
      r.noteAdd.disabled = false;
      say(r.noteStatus, 'Note added.');
    } else {
      say(r.noteStatus, 'A note was added from another console.');
    }
  }

  // ---- Outcome tags: asked for by "End chat…", and again when the chat ended any other way.
  function outcomeForm(r) {
    const form = H.el('form', 'outcome');
    form.noValidate = true;
    form.hidden = true;
    r.outcomeTitle = H.el('h3', 'outcome-title');
    r.outcomeTitle.id = 'outcome-title-' + r.c.n;
    r.outcomeTitle.tabIndex = -1;
    form.setAttribute('aria-labelledby', r.outcomeTitle.id);
    r.outcomeHint = H.el('p', 'hint');
    r.outcomeGroups = H.el('div', 'outcome-groups');
    const actions = H.el('div', 'outcome-actions');
    r.outcomeSave = button('outcome-save primary', '', 'submit');
    r.endNow = button('outcome-end-now secondary', 'End now, tag later');
    r.keepChatting = button('outcome-cancel secondary', 'Cancel: keep chatting');
    // the visitor is told nothing of it: a new chat from the same connection is refused with the lines open now
    r.endAbusive = button('outcome-end-abusive secondary', 'End as abusive (no new chat from this connection for a while)');
    // after the end (an abuser who left first): the same block, by the counsellor who held the chat
    r.blockAfter = button('outcome-block secondary', 'Block this connection (no new chat from it for a while)');
    actions.append(r.outcomeSave, r.endNow, r.keepChatting, r.endAbusive, r.blockAfter);
    r.outcomeStatus = status('outcome-status');
    form.append(r.outcomeTitle, r.outcomeHint, r.outcomeGroups, actions, r.outcomeStatus);
    r.endNow.addEventListener('click', () => {
      if (!r.c.ended) endChat(r, false);
    });
    r.endAbusive.addEventListener('click', () => {
      if (!r.c.ended) endChat(r, true);
    });
    r.blockAfter.addEventListener('click', () => {
      if (r.pending.block) return;
      if (!r.io.block()) {
        say(r.outcomeStatus, WORDS.offline, true);
        return;
      }
      r.pending.block = true;
      r.blockAfter.disabled = true;
      say(r.outcomeStatus, 'Blocking this connection…');
    });
    r.keepChatting.addEventListener('click', () => {
      form.hidden = true;
      r.c.end.focus();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (r.outcomeSave.disabled) return;
      const tags = [...r.outcomeGroups.querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);
      if (!tags.length) {
        say(r.outcomeStatus, 'Choose at least one tag (“Information only” when nothing else fits).', true);
        const first = r.outcomeGroups.querySelector('input');
        if (first) first.focus();
        return;
      }
      r.pendingTags = tags;
      r.outcomeSave.disabled = true;
      if (r.c.ended) {
        sendOutcome(r);
      } else if (endChat(r, false)) {
        say(r.outcomeStatus, 'Ending the chat…');
      } else {
        r.pendingTags = null;
        r.outcomeSave.disabled = false;
      }
    });
    return form;
  }

  function fillTags(r) {
    const checked = new Set([...r.outcomeGroups.querySelectorAll('input:checked')].map((i) => i.value));
    r.outcomeGroups.textContent = '';
    for (const g of settings.groups) {
      const set = H.el('fieldset', 'outcome-group');
      set.append(H.el('legend', null, g.label || g.id));
      for (const tag of g.tags) {
        if (!tag || typeof tag.id !== 'string') continue;
        const [row, input] = checkRow('outcome-' + r.c.n + '-' + tag.id, tag.id, tag.label || tag.id);
        input.checked = checked.has(tag.id);
        set.append(row);
      }
      r.outcomeGroups.append(set);
    }
  }

  function showOutcome(r, focus) {
    const chatEnded = r.c.ended;
    r.outcomeTitle.textContent = chatEnded ? 'The chat has ended: record its outcome' : 'End this chat?';
    r.outcomeHint.textContent = chatEnded
      ? 'Tick what applies. The tags feed anonymous statistics only; the card closes once they are recorded.'
      : 'Tick what applies, then end the chat. The tags feed anonymous statistics only.';
    r.outcomeSave.textContent = chatEnded ? 'Record outcome and close' : 'End chat and record outcome';
    r.endNow.hidden = r.keepChatting.hidden = r.endAbusive.hidden = chatEnded;
    r.blockAfter.hidden = !chatEnded || !!r.blocked;
    r.outcome.hidden = false;
    if (focus) {
      r.outcome.scrollIntoView({ block: 'nearest' });
      r.outcomeTitle.focus({ preventScroll: true });
    }
  }

  function sendOutcome(r) {
    if (r.io.send({ type: 'outcome', conversation: r.c.id, tags: r.pendingTags })) {
      r.pending.outcome = true;
      say(r.outcomeStatus, 'Recording the outcome…');
    } else {
      r.pendingTags = null;
      r.outcomeSave.disabled = false;
      say(r.outcomeStatus, WORDS.offline, true);
    }
  }

  // ---- The chat card's life
  function draw(r) {
    fillLanguages(r);
    fillQuestions(r);
    fillTags(r);
  }

  /**
   * Builds the record parts of a new chat card. io: send(frame) -> bool, end(abusive) -> bool, unsent() -> bool (a
   * reply of hers still being sent), block() -> bool, close(note).
   */
  function attach(c, io) {
    const r = { c, io, pending: {}, pendingTags: null };
    r.badge = H.el('span', 'risk-badge');
    r.badge.hidden = true;
    r.picker = picker(r);
    r.risk = null;
    r.riskPanel = riskPanel(r);
    r.notes = notesPanel(r);
    r.outcome = outcomeForm(r);
    draw(r);
    records.add(r);
    return r;
  }

  /**
   * An assigned frame (a new chat, a transfer, a reconnect): notes and risk as saved. Ticks she has not saved yet
   * (the checklist differs from what was saved) are kept: a reconnect does not undo them.
   */
  function assigned(r, f) {
    const unsaved = unsavedTicks(r);
    r.risk = isObject(f.risk) ? f.risk : null;
    showNotes(r, f.notes);
    fillLanguages(r);
    fillQuestions(r);
    if (unsaved) {
      for (const input of r.riskFieldset.querySelectorAll('input[type=checkbox]')) {
        if (input.value in unsaved) input.checked = unsaved[input.value];
      }
    }
    showLevel(r);
  }

  // The checklist's ticks when they differ from the answers saved last, else null.
  function unsavedTicks(r) {
    const answers = r.risk && isObject(r.risk.answers) ? r.risk.answers : {};
    const ticks = {};
    let differ = false;
    for (const input of r.riskFieldset.querySelectorAll('input[type=checkbox]')) {
      ticks[input.value] = input.checked;
      differ = differ || input.checked !== (answers[input.value] === true);
    }
    return differ ? ticks : null;
  }

  function ended(r) {
    settle(r, '', ['risk', 'note']);
    const hadFocus = r.c.section.contains(document.activeElement);
    showOutcome(r, hadFocus && !r.outcome.contains(document.activeElement));
    if (r.pendingTags && !r.pending.outcome) {
      r.outcomeSave.disabled = true;
      sendOutcome(r);
    }
  }

  function reopened(r) {
    r.outcome.hidden = true;
  }

  function recorded(r) {
    r.pending.outcome = false;
    r.io.close('Outcome recorded; the chat card is closed.');
  }

  // The block asked for was answered (or never will be): the button can be pressed again.
  function blockAnswered(r) {
    r.pending.block = false;
    r.blockAfter.disabled = false;
  }

  // Whether the client of the chat was blocked (end as abusive, or block after the end). The key that recognises the
  // client is kept a day (its day's secret 25 h from the first start of that UTC day), and not at all once the visitor
  // deleted the chat: then nobody is blocked, and she is told.
  function blockResult(r, f) {
    blockAnswered(r);
    r.blocked = f.outcome === 'blocked';
    r.blockAfter.hidden = r.blocked || !r.c.ended;
    if (r.blocked) {
      const until = new Date(f.until).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
      say(r.outcomeStatus, 'Connection blocked: no new chat from it until ' + until + '.');
    } else {
      say(r.outcomeStatus, 'Not blocked: the connection that started this chat is no longer known (the visitor '
        + 'deleted the chat, or it started on an earlier day and that day\'s key has expired). Tell your supervisor if '
        + 'the abuse goes on.', true);
    }
  }

  /** An error frame answering one of this card's risk, note, outcome, end or block frames. */
  function refused(r, f) {
    const text = WORDS[f.code] || WORDS.internal;
    if (f.ref === 'block') {
      blockAnswered(r);
      say(r.outcomeStatus, 'Not blocked. ' + (f.code === 'not_assigned'
        ? 'Only the counsellor who held the chat last can block it, once it has ended.' : text), true);
    } else if (f.ref === 'risk') {
      r.pending.risk = false;
      r.riskSave.disabled = false;
      say(r.riskStatus, f.code === 'invalid' ? 'Not saved: a question was not recognised. Reload the console.'
        : 'Not saved. ' + text, true);
    } else if (f.ref === 'note') {
      r.pending.note = false;
      r.noteAdd.disabled = false;
      say(r.noteStatus, f.code === 'invalid' ? 'Not saved: a note has 1 to 2000 characters (and a chat at most 200 notes).'
        : 'Not saved. ' + text, true);
    } else if (f.ref === 'end') {
      r.pendingTags = null;
      r.outcomeSave.disabled = false;
      say(r.outcomeStatus, 'The chat was not ended. ' + text, true);
    } else if (f.code === 'outcome_already_recorded') {
      r.pendingTags = null;
      r.io.close(text + ' The chat card is closed.');
    } else {
      r.pending.outcome = false;
      r.pendingTags = null;
      r.outcomeSave.disabled = false;
      say(r.outcomeStatus, f.code === 'invalid' ? 'Not recorded: a tag was not recognised. Reload the console.'
        : 'Not recorded. ' + text, true);
    }
  }

  // Requests whose answer will not come (a new socket, or the chat ended): give their buttons back.
  function settle(r, text, kinds) {
    for (const kind of kinds || ['risk', 'note', 'outcome', 'block']) {
      if (!r.pending[kind]) continue;
      r.pending[kind] = false;
      if (kind === 'block') blockAnswered(r);
      if (kind === 'risk') r.riskSave.disabled = false;
      if (kind === 'note') r.noteAdd.disabled = false;
      if (kind === 'outcome') {
        r.outcomeSave.disabled = false;
        r.pendingTags = null;
      }
      say(kind === 'risk' ? r.riskStatus : kind === 'note' ? r.noteStatus : r.outcomeStatus, text, !!text);
    }
  }

  function forget(r) {
    records.delete(r);
  }

  // The visitor deleted the conversation: its notes and risk answers were erased with it (the outcome form stays).
  function erased(r) {
    showNotes(r, []);
    r.notes.open = false;
    r.noteText.value = '';
    r.risk = null;
    showAnswers(r);
    showLevel(r);
  }

  function settleAll(text) {
    for (const r of records) settle(r, text);
  }

  window.CaseRecord = {
    configure, attach, assigned, ended, reopened, recorded, refused, forget, erased, settleAll, blockResult,
    askOutcome: (r) => showOutcome(r, true),
    /** Her replies were all answered: "still being sent" no longer holds. */
    repliesSent: (r) => {
      if (r.outcomeStatus.textContent === WORDS.unsent) say(r.outcomeStatus, '');
    },
    /** Focuses the search of the chat's canned replies (the `/` shortcut). */
    searchReplies: (r) => {
      if (r.picker.hidden || r.c.text.disabled) return false;
      r.replySearch.focus();
      r.replySearch.select();
      return true;
    },
    risk: onRisk,
    note: onNote,
  };
})();
