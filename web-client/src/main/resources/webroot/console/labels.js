'use strict';
// How the console names a visitor's triage: roles and topics (their staff labels come with the welcome frame, from
// config/triage.yaml), queue priorities, and the lines of a triage summary (offer cards, chat cards, the waiting list).
// An id without a label (none received yet) is shown as it is.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const PRIORITIES = { 'in-danger': 'IN DANGER', children: 'Children involved', standard: 'Standard' };
  let roles = new Map(); // id -> English label, in the configured order
  let topics = new Map();
  let received = '';

  // [{id, label: {en, fr...}}] as a map of id to the English label (the console is in English).
  function labelsOf(list) {
    const labels = new Map();
    for (const choice of Array.isArray(list) ? list : []) {
      if (choice && typeof choice.id === 'string') {
        const label = choice.label && typeof choice.label.en === 'string' ? choice.label.en : choice.id;
        labels.set(choice.id, label);
      }
    }
    return labels;
  }

  /** The welcome frame's labels; true when they changed (cards already drawn are redrawn). */
  function configureLabels(labels) {
    const now = JSON.stringify(labels || {});
    if (now === received) return false;
    received = now;
    roles = labelsOf(labels && labels.roles);
    topics = labelsOf(labels && labels.topics);
    return true;
  }

  function roleLabel(id) {
    return roles.get(id) || id;
  }

  function topicLabel(id) {
    return topics.get(id) || id;
  }

  // A known priority, or standard.
  function priorityOf(priority) {
    return PRIORITIES[priority] ? priority : 'standard';
  }

  function priorityLabel(priority) {
    return PRIORITIES[priorityOf(priority)];
  }

  // The triage summary as [text, class] lines: in danger first, then role, language, region, topic, children.
  function triageItems(triage, startedAt) {
    const t = triage || {};
    const items = [];
    if (t.inDanger) items.push(['IN DANGER NOW', 'in-danger']);
    items.push([t.role ? roleLabel(t.role) : 'Role not given']);
    if (t.language) items.push(['Language: ' + t.language]);
    if (t.region) items.push(['Region: ' + t.region]);
    if (t.topic) items.push(['Topic: ' + topicLabel(t.topic)]);
    items.push([t.childrenInvolved ? 'Children involved' : 'No children mentioned']);
    if (startedAt) items.push(['Started ' + H.timeOf(startedAt)]);
    return items;
  }

  // A chat card's name: its number, role, region and topic.
  function chatLabel(c) {
    const t = c.triage || {};
    return '#' + c.n + ' ' + [t.role ? roleLabel(t.role) : 'Visitor', t.region, t.topic].filter(Boolean).join(' · ');
  }

  Object.assign(C, {
    configureLabels, roleLabel, topicLabel, priorityOf, priorityLabel, triageItems, chatLabel,
    /** [[id, label]] of every topic, in the configured order (the directory search). */
    topics: () => [...topics],
  });
})();
