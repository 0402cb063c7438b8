'use strict';
// The console's keyboard shortcuts (listed under "Shortcuts" in the header): Alt+A accepts the first offer
// (the most urgent come first), Alt+N goes to the next chat, Alt+R to the reply box of the chat in use, and / opens
// that chat's canned-reply search, from anywhere but a text field, or from an empty reply box.
(function () {
  const R = window.CaseRecord;
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);

  const editable = (node) => !!node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));

  // The chat in use: the one that has the focus, else the first still open, else the first.
  function current() {
    const chats = [...C.convs.values()];
    return chats.find((c) => c.section.contains(document.activeElement)) || chats.find((c) => !c.ended)
      || chats[0] || null;
  }

  function nextChat() {
    const chats = [...C.convs.values()];
    if (!chats.length) return false;
    const at = chats.findIndex((c) => c.section.contains(document.activeElement));
    C.goTo(chats[(at + 1) % chats.length]);
    return true;
  }

  function replyBox() {
    const c = current();
    if (!c || c.ended) return false;
    C.goTo(c);
    return true;
  }

  function searchReplies() {
    const c = current();
    const active = document.activeElement;
    if (!c || !(active === c.text && !c.text.value || !editable(active))) return false;
    return R.searchReplies(c.record);
  }

  const WITH_ALT = { a: () => C.acceptFirstOffer(), n: nextChat, r: replyBox };

  // The letter of the key pressed with Alt, whatever character Alt makes of it (on a Mac, Alt+A types 'å').
  const letter = (e) => (/^Key[A-Z]$/.test(e.code || '') ? e.code.slice(3) : String(e.key || '')).toLowerCase();

  document.addEventListener('keydown', (e) => {
    if ($('workspace').hidden || e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey) return;
    let done = false;
    const withAlt = e.altKey && !e.shiftKey && Object.prototype.hasOwnProperty.call(WITH_ALT, letter(e));
    if (withAlt) done = WITH_ALT[letter(e)]();
    else if (!e.altKey && e.key === '/') done = searchReplies();
    if (done) e.preventDefault();
  });
})();
