'use strict';
// "Talk to someone": the optional triage, sent with `start`. Nothing is required. The role and topic choices come with
// the visitor settings (config/triage.yaml, in the configured order, labelled in English and French); until they
// arrive, or if they never do, each list offers only "I prefer not to say" and the chat starts all the same.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  const choices = []; // [option, label by language]

  // The choice's words in the page's language (English if the configuration has none in it).
  function labelOption(option, label) {
    option.textContent = label[V.language()] || label.en || option.value;
  }

  function addChoices(select, list) {
    for (const choice of Array.isArray(list) ? list : []) {
      if (!choice || typeof choice.id !== 'string' || !choice.label || typeof choice.label !== 'object') continue;
      const option = new Option('', choice.id);
      labelOption(option, choice.label);
      select.add(option);
      choices.push([option, choice.label]);
    }
  }

  V.onSettings((v) => {
    const triage = v.triage && typeof v.triage === 'object' ? v.triage : {};
    addChoices($('role'), triage.roles);
    addChoices($('topic'), triage.topics);
  });
  V.onLanguage(() => {
    for (const [option, label] of choices) labelOption(option, label);
  });

  // The region as typed, made safe to send: accents dropped, spaces as dashes, only letters, digits, - and _, 32 at most.
  function region(value) {
    return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, '-')
      .replace(/[^A-Za-z0-9_-]/g, '').replace(/^[-_]+/, '').slice(0, 32); // the server's shape: a letter or digit first
  }

  $('start-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const chat = V.chat;
    if (chat.pendingStart || chat.conv || chat.pendingCode) return;
    const triage = { childrenInvolved: $('children').checked, inDanger: $('danger').checked };
    for (const id of ['role', 'language', 'topic']) if ($(id).value) triage[id] = $(id).value;
    const r = region($('region').value);
    if (r) triage.region = r;
    chat.pendingStart = triage;
    $('start').disabled = true;
    // the disabled button loses the focus: it goes to the line just above it, which says what becomes of the start
    $('start-outcome').focus({ preventScroll: true });
    V.setStatus('starting');
    V.sock.send({ type: 'start', triage, pageLanguage: V.language() });
  });
})();
