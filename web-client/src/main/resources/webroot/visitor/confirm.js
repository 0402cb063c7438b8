'use strict';
// A question before what cannot be undone: "End the conversation?", "Delete this conversation now?". So that a tap
// that was meant for something else (Send, moved by a line that appeared above it) never ends a chat. The dialog is
// not modal on purpose: a modal one would make the Quick exit button unreachable while it is open. It keeps the
// keyboard's focus to itself and Quick exit instead; Escape and its "no" button close it and give the focus back to
// the button that opened it.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let asking = null; // the question open now

  document.addEventListener('keydown', (e) => {
    if (!asking || !asking.dialog.open || e.key !== 'Escape' && e.key !== 'Tab') return;
    e.preventDefault();
    if (e.key === 'Escape') {
      asking.keep();
      return;
    }
    const stops = asking.stops;
    const at = stops.indexOf(document.activeElement);
    stops[at < 0 ? 0 : (at + (e.shiftKey ? stops.length - 1 : 1)) % stops.length].focus();
  });

  // The button `id` opens the dialog `id-dialog` when canAsk() says there is something to ask about; its `id-yes`
  // button runs onYes, its `id-no` button (which has the focus at first) keeps things as they are.
  function confirmBefore(id, canAsk, onYes) {
    const dialog = $(id + '-dialog');
    const question = {
      dialog,
      stops: [$(id + '-yes'), $(id + '-no'), $('quick-exit')],
      keep() {
        dialog.close();
        asking = null;
        $(id).focus();
      },
    };
    $(id).addEventListener('click', () => {
      if (!canAsk()) return;
      if (asking && asking !== question) asking.dialog.close(); // one question at a time
      asking = question;
      dialog.show();
      $(id + '-no').focus();
    });
    $(id + '-no').addEventListener('click', question.keep);
    $(id + '-yes').addEventListener('click', () => {
      dialog.close();
      asking = null;
      if (canAsk()) onYes(); // still about the chat it asked about
    });
  }

  // Closes the question about `id` if it is open (what it asked about happened meanwhile).
  function dismiss(id) {
    if (asking && asking.dialog === $(id + '-dialog')) asking = null;
    $(id + '-dialog').close();
  }

  Object.assign(V, { confirmBefore, dismiss });
})();
