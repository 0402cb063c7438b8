'use strict';
// The visitor's presence in a chat (left with quick exit, lost the connection, came back), shown between the messages,
// and the end of a chat by the visitor deleting it: then nothing of it stays on screen.
(function () {
  const H = window.Helpline;
  const R = window.CaseRecord;
  const C = window.HelplineConsole;
  const PRESENCE = {
    quick_exit: 'The visitor left with quick exit. The chat is kept for them for a while.',
    connection_lost: 'The visitor’s connection was lost. The chat is kept for them for a while.',
    returned: 'The visitor is back.',
  };

  function visitorPresence(f) {
    const c = C.convs.get(f.conversation);
    if (!c || c.ended || !PRESENCE[f.reason]) return;
    // told again with each assigned frame while she is away (a reconnect): shown once
    const told = f.reason + '@' + f.at;
    if (c.presenceTold === told) return;
    c.presenceTold = told;
    const li = H.el('li', 'presence ' + (f.present ? 'back' : 'away'), PRESENCE[f.reason] + ' (' + H.timeOf(f.at) + ')');
    li.setAttribute('data-seq', String(c.lastSeq + 0.5)); // between the messages already seen and the next ones
    H.place(c.list, li);
    c.state.textContent = f.present ? 'active' : 'visitor away';
  }

  // An end by the hold running out, or by the visitor deleting the conversation.
  function visitorEnded(c, f) {
    if (f.by === 'timeout') c.state.textContent = 'Ended: the visitor did not come back in time';
    if (!f.erased) return;
    c.erased = true;
    c.list.textContent = '';
    c.shown.clear();
    c.byClient.clear();
    c.triage = {};
    C.render(c);
    R.erased(c.record);
    C.forgetLocation(c);
    C.showSupervision(c, []); // the supervisors' whispers were erased with her words
    c.text.value = '';
    if (c.transferNote) c.transferNote.value = '';
    c.list.append(H.el('li', 'presence erased', 'The visitor deleted this conversation: its messages were erased.'));
    c.state.textContent = 'Deleted by the visitor';
  }

  // The visitor pressed "I'm in danger now" during the chat (protocol.md `danger`): the card turns to danger at once,
  // the chat says when, and the console's notice and chime tell a counsellor looking at another chat.
  function visitorInDanger(f) {
    const c = C.convs.get(f.conversation);
    if (!c || c.ended) return;
    c.triage = Object.assign({}, c.triage, { inDanger: true });
    C.render(c);
    const li = H.el('li', 'presence danger', 'The visitor pressed "I\'m in danger now" (' + H.timeOf(f.at)
      + '). Supervisors were alerted.');
    li.setAttribute('data-seq', String(c.lastSeq + 0.5));
    H.place(c.list, li);
    C.notice('visitor_in_danger', 30000);
    window.Chime.play('offer');
  }

  Object.assign(C, { visitorPresence, visitorEnded, visitorInDanger });
})();
