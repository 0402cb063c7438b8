'use strict';
// Transfer a chat to another counsellor or association, with a note for the next counsellor (the visitor never sees
// it). The chat leaves this console when the server says `released`; a refusal says why and the chat stays.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const TRANSFER_REASONS = {
    offline: 'the counsellor is not connected', full: 'they have no free place', no_counsellor: 'nobody there is free now',
  };

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
      if (!C.request('transfer', c.id, frame)) return;
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
      text = 'Transfer not done: ' + C.words(f.code);
    }
    transferMessage(c, text, true);
  }

  // A transfer refused (f, the error) or never answered (f null): the button comes back.
  function transferUnanswered(id, f) {
    const c = C.convs.get(id);
    if (!c) return;
    c.transferButton.disabled = false;
    if (f) transferRefused(c, f);
    else transferMessage(c, 'No answer about the transfer. Check the chat, then try again if it is still here.', true);
  }

  // The `released` frame: the chat left this console (transferred, or back to the queue).
  function released(f) {
    const c = C.convs.get(f.conversation);
    C.settle('transfer', f.conversation);
    if (!c) return;
    const unsent = c.outbox.size;
    C.forgetConversation(c);
    C.notice((f.reason === 'transferred' ? 'Chat transferred.' : 'Chat returned to the queue.')
      + (unsent ? ' ' + unsent + ' message(s) not yet sent were not delivered.' : ''));
  }

  Object.assign(C, { transferForm, transferUnanswered, released });
})();
