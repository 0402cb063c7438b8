'use strict';
// Requests answered only by an error or by a later event (accept, decline, pick, transfer), and the once-a-second
// ticker that counts offers down and gives up on answers that will not come. Errors carry the frame type, not the
// conversation, so each type keeps its requests in order (the server answers one socket's frames in order).
(function () {
  const C = window.HelplineConsole;
  const PENDING_FOR = 15000; // an accept, decline, pick, transfer or escalation unanswered this long is given up
  // What to undo on screen for a request that was refused (f, the error) or never answered (f null).
  const UNDO = {
    accept: (id, f) => C.offerUnanswered(id, f),
    decline: (id, f) => C.offerUnanswered(id, f),
    pick: (id) => C.pickUnanswered(id),
    transfer: (id, f) => C.transferUnanswered(id, f),
  };
  const pending = { accept: [], decline: [], pick: [], transfer: [] };
  let ticker = 0;

  function request(type, id, extra) {
    const frame = Object.assign({ type, conversation: id }, extra);
    const held = type === 'transfer' && C.convs.get(id); // about a chat she holds: waits for its assigned if need be
    if (!(held ? C.sendAbout(held, frame) : C.sock.send(frame))) {
      C.notice('Not connected. Try again in a moment.');
      return false;
    }
    pending[type].push({ id, at: Date.now() });
    return true;
  }

  function isPending(type) {
    return typeof type === 'string' && Object.prototype.hasOwnProperty.call(pending, type);
  }

  // The answer came (the chat was assigned, released, or the offer went): the request is done.
  function settle(type, id) {
    const list = pending[type];
    const i = list.findIndex((p) => p.id === id);
    if (i >= 0) list.splice(i, 1);
    return i >= 0;
  }

  // The request a refusal answers, and what to undo on screen for it. A refusal that names a chat whose request is no
  // longer waiting (given up already, then answered late) undoes nothing: never another chat's request.
  function unanswered(type, f) {
    const named = f && f.conversation;
    const at = named ? pending[type].findIndex((q) => q.id === f.conversation) : -1;
    if (named && at < 0) return;
    const p = at >= 0 ? pending[type].splice(at, 1)[0] : pending[type].shift();
    if (!p) return;
    if (!f) C.dropHeld(p.id, type); // given up: a press still kept for the chat's assigned is not sent afterwards
    UNDO[type](p.id, f);
  }

  // Every request still waiting will not be answered (a new socket, or a frame dropped unread).
  function unansweredAll() {
    for (const type in pending) while (pending[type].length) unanswered(type, null);
  }

  function startTicker() {
    if (!ticker) ticker = setInterval(tick, 1000);
  }

  function tick() {
    const now = Date.now();
    const offers = C.tickOffers(now);
    for (const type in pending) {
      while (pending[type].length && now - pending[type][0].at > PENDING_FOR) unanswered(type, null);
    }
    const escalations = C.tickEscalations(now, PENDING_FOR);
    if (!offers && !escalations && !Object.values(pending).some((list) => list.length)) {
      clearInterval(ticker);
      ticker = 0;
    }
  }

  C.onSessionEnd(() => {
    for (const type in pending) pending[type].length = 0;
    clearInterval(ticker);
    ticker = 0;
  });

  Object.assign(C, { request, isPending, settle, unanswered, unansweredAll, startTicker });
})();
