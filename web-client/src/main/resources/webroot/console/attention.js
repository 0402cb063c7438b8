'use strict';
// Noticing what happens elsewhere: a visitor's message in a chat the counsellor is not looking at counts on that chat's
// list item and in the tab title, an offer puts "(!) New chat offer —" in front, and both chime (chime.js) unless
// muted. Coming back to the tab or focusing the chat clears its count.
(function () {
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);
  const OFFER_TITLE = '(!) New chat offer — ';

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
    for (const c of C.convs.values()) if (watching(c)) read(c);
  }
  document.addEventListener('visibilitychange', readWatched);
  window.addEventListener('focus', readWatched);

  function updateTitle() {
    let total = 0;
    for (const c of C.convs.values()) total += c.unread;
    document.title = (C.offerCount() ? OFFER_TITLE : '') + (total ? '(' + total + ') ' : '') + C.TITLE;
  }

  function showMute() {
    $('mute').setAttribute('aria-pressed', String(window.Chime.isMuted()));
  }
  $('mute').addEventListener('click', () => {
    window.Chime.setMuted(!window.Chime.isMuted());
    showMute();
  });
  showMute();

  Object.assign(C, { watching, unread, read, updateTitle });
})();
