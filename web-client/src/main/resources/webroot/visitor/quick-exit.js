'use strict';
// Loaded first, so that quick exit works even if anything after it fails: the Quick exit link (before this file has
// run, or if it never does, the link itself goes to /exit, which sends to the neutral site), Shift pressed three
// times, and in a partner's widget (a frame) the partner's page asking to leave (widget.js). Also fetches the visitor
// settings (the neutral site, the hold, the role and topic choices) and hands them to the files that ask (onSettings).
// Creates window.HelplineVisitor, the namespace the visitor page's files share.
(function () {
  const V = (window.HelplineVisitor = {});
  const $ = (id) => document.getElementById(id);
  const framed = window.parent !== window;
  let exitUrl = 'https://www.bbc.co.uk/weather'; // until /api/visitor/settings answers (it may never)
  let settings = null;
  const settingsWanted = [];

  // The resume code, if this page copied it (return.js), leaves the clipboard: whoever pastes it during the hold would
  // read the whole conversation. A blank is written in its place, at once and synchronously (a copy command, which
  // nothing waits for); the asynchronous write is the fallback. Browsers allow either only just after a tap, a click
  // or a key that is not a modifier (a press on Quick exit or "Delete now", not Shift pressed three times on its own):
  // otherwise it stays, and the words shown on copying say so.
  function clearClipboard() {
    const chat = V.chat;
    if (!chat || !chat.codeInClipboard) return;
    let done = false;
    const blank = (e) => {
      e.stopImmediatePropagation(); // not a copy of hers (return.js)
      e.preventDefault();
      e.clipboardData.setData('text/plain', ' ');
    };
    try {
      window.addEventListener('copy', blank, true);
      done = document.execCommand('copy');
    } catch (e) { /* the fallback below */ }
    window.removeEventListener('copy', blank, true);
    try {
      if (!done && navigator.clipboard) navigator.clipboard.writeText(' ').catch(() => { /* not allowed now */ });
    } catch (e) { /* nothing more to try */ }
  }

  // The lines' websites this page opened (V.openWebsite), each in a tab of its own that Quick exit closes: an open
  // tab with a helpline's site is a trace for whoever picks the phone up. Opened blank, then sent to the site, with
  // the handle kept to close it with. That tab keeps its opener (Chromium refuses to close one whose opener was set
  // to null): the site, one of the directory's lines, could navigate this page; docs/security.md weighs it. A site
  // that sends its own Cross-Origin-Opener-Policy cuts the handle when it loads and its tab stays open, as the words
  // under the link say. False when no tab opened (a blocker): the link then opens it without a handle.
  const websites = [];
  V.openWebsite = (href) => {
    const tab = window.open('', '_blank');
    if (!tab) return false;
    try {
      tab.location.replace(href);
    } catch (e) {
      tab.close();
      return false;
    }
    websites.push(tab);
    return true;
  };

  function closeWebsites() {
    for (const tab of websites.splice(0)) {
      try {
        tab.close();
      } catch (e) { /* the next one */ }
    }
  }

  // The quick exit told over HTTP as well, whatever the socket's state: a socket that is reconnecting carries no
  // `away`, and one that dropped without the page knowing loses it. A beacon outlives this page; with the secret, the
  // server retires it (the browser may have written it to its disk) and tells the counsellor she left this way.
  function tellQuickExit() {
    const conv = V.chat && (V.chat.conv || V.chat.endedConv);
    if (!conv || typeof conv.resumeSecret !== 'string' || !navigator.sendBeacon) return;
    navigator.sendBeacon('/api/visitor/quick-exit',
      JSON.stringify({ conversation: conv.conversation, resumeSecret: conv.resumeSecret }));
  }

  function quickExit() {
    try {
      clearClipboard(); // first: it works only while the press that asked to leave is fresh
    } catch (e) { /* keep leaving */ }
    closeWebsites();
    try {
      tellQuickExit(); // before the page forgets the secret
    } catch (e) { /* keep leaving */ }
    try {
      document.title = 'Weather';
      document.body.textContent = '';
      document.body.className = 'blank';
    } catch (e) { /* keep leaving */ }
    try {
      if (V.sock) {
        if (V.chat.attached) V.sock.send({ type: 'away', reason: 'quick_exit' }); // best effort, queued before the close
        V.sock.stop();
      }
    } catch (e) { /* keep leaving */ }
    try {
      sessionStorage.clear();
      V.chat.conv = V.chat.endedConv = null; // nor in this page's memory
    } catch (e) { /* keep leaving */ }
    if (!framed) return location.replace(exitUrl);
    try {
      window.parent.postMessage({ helpline: 'exit', url: exitUrl }, '*'); // widget.js replaces the partner's page
      window.top.location.replace(exitUrl); // refused without a user gesture: widget.js does it anyway
    } catch (e) { /* nothing more to try */ }
  }
  $('quick-exit').addEventListener('click', (e) => {
    e.preventDefault(); // replace this page rather than follow the link: Back must not come back here
    quickExit();
  });
  $('quick-exit').addEventListener('keydown', (e) => {
    if (e.key === ' ') { // a link drawn as a button leaves with Space too, as a button would
      e.preventDefault();
      quickExit();
    }
  });
  if (framed) {
    window.addEventListener('message', (e) => {
      if (e.source === window.parent && e.data && e.data.helpline === 'quick-exit') quickExit();
    });
  }
  let shifts = 0;
  let lastShift = 0;
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Shift') {
      if (e.repeat) return;
      const now = Date.now();
      shifts = now - lastShift < 1500 ? shifts + 1 : 1;
      lastShift = now;
      if (shifts >= 3) quickExit();
    } else {
      shifts = 0;
    }
  }, true);

  fetch('/api/visitor/settings', { cache: 'no-store', credentials: 'omit' }).then((r) => r.json()).then((v) => {
    if (typeof v.quickExitUrl === 'string' && /^https?:\/\/[^\s"'<>]+$/i.test(v.quickExitUrl)) exitUrl = v.quickExitUrl;
    if (framed) window.parent.postMessage({ helpline: 'settings', url: exitUrl }, '*');
    settings = v;
    for (const use of settingsWanted.splice(0)) use(v);
  }).catch(() => { /* the built-in neutral site stays */ });

  V.clearClipboard = clearClipboard;
  // Calls use(settings) once GET /api/visitor/settings has answered (at once if it has); never if it cannot answer.
  V.onSettings = (use) => {
    if (settings) use(settings);
    else settingsWanted.push(use);
  };
})();
