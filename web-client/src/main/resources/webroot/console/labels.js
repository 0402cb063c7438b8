'use strict';
// How the console names a visitor's triage: roles, topics and queue priorities, and the lines of a triage summary
// (offer cards, chat cards, the waiting list).
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const ROLES = { victim: 'Victim', witness: 'Witness', relative: 'Relative or friend', professional: 'Professional' };
  const TOPICS = {
    physical: 'Physical violence', psychological: 'Psychological violence', sexual: 'Sexual violence',
    economic: 'Economic violence', 'cyber-violence': 'Cyber-violence', 'children-exposed': 'Children exposed',
    'legal-advice': 'Legal advice', shelter: 'Shelter', 'perpetrator-support': 'Perpetrator support',
  };
  const PRIORITIES = { 'in-danger': 'IN DANGER', children: 'Children involved', standard: 'Standard' };

  function roleLabel(id) {
    return ROLES[id] || id;
  }

  function topicLabel(id) {
    return TOPICS[id] || id;
  }

  // [[id, label]] of every topic, for the directory search.
  function topics() {
    return Object.entries(TOPICS);
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

  Object.assign(C, { roleLabel, topicLabel, topics, priorityOf, priorityLabel, triageItems, chatLabel });
})();
