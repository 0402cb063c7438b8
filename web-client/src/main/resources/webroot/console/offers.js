'use strict';
// Offers: a chat waits a few seconds for this counsellor's Accept. Each offer is a card with the triage, the priority
// (in danger first), how long the visitor has waited and a countdown; Accept or Decline.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);
  const offers = new Map(); // conversation id -> offer card state
  let offerCounter = 0;
  let welcomedAt = 0;

  // The `offer` frame (again after a reconnect: the first deadline is kept).
  function showOffer(f) {
    const id = f.conversation;
    if (typeof id !== 'string' || C.convs.has(id) && !C.convs.get(id).ended) return;
    const deadline = Date.now() + Math.max(0, Number(f.acceptWithinSeconds) || 0) * 1000;
    const waitedFrom = Date.now() - Math.max(0, Number(f.waitedSeconds) || 0) * 1000;
    let o = offers.get(id);
    if (o) {
      o.stale = false;
      o.deadline = Math.min(o.deadline, deadline); // a reconnect gives the full time again: keep the first
      tickOffer(o);
      return;
    }
    const priority = C.priorityOf(f.priority);
    const danger = priority === 'in-danger' || !!(f.triage && f.triage.inDanger);
    const card = H.el('div', 'offer card priority-' + priority + (danger ? ' danger' : ''));
    card.setAttribute('data-conversation', id);
    card.setAttribute('role', 'group');
    offerCounter++;
    const title = H.el('h3', null, 'New chat offer' + (danger ? ' — IN DANGER NOW' : ''));
    title.id = 'offer-title-' + offerCounter;
    card.setAttribute('aria-labelledby', title.id);
    const triage = H.el('ul', 'triage');
    triage.setAttribute('aria-label', 'Triage');
    for (const [text, cls] of C.triageItems(f.triage)) triage.append(H.el('li', cls, text));
    o = {
      id, card, deadline, waitedFrom, stale: false,
      priority: H.el('p', 'priority', 'Priority: ' + C.priorityLabel(priority)),
      waited: H.el('p', 'waited hint'),
      countdown: H.el('p', 'countdown'),
      accept: H.el('button', 'accept primary', 'Accept'),
      decline: H.el('button', 'decline secondary', 'Decline'),
      state: H.el('p', 'offer-state hint'),
    };
    o.accept.type = o.decline.type = 'button';
    o.state.hidden = true;
    const actions = H.el('div', 'offer-actions');
    actions.append(o.accept, o.decline);
    card.append(title, o.priority, triage, o.waited, o.countdown, actions, o.state);
    o.accept.addEventListener('click', () => {
      if (C.request('accept', id)) offerBusy(o, 'Accepting…');
    });
    o.decline.addEventListener('click', () => {
      if (C.request('decline', id)) offerBusy(o, 'Declining…');
    });
    offers.set(id, o);
    if (danger) $('offers').prepend(card);
    else $('offers').append(card);
    $('offers-section').hidden = false;
    $('offer-announcer').textContent = 'New chat offer' + (danger ? ', in danger now' : '') + '. Accept within '
      + Math.round((deadline - Date.now()) / 1000) + ' seconds.';
    tickOffer(o);
    C.updateTitle();
    window.Chime.play('offer');
    C.startTicker();
  }

  function offerBusy(o, text) {
    o.hadFocus = o.card.contains(document.activeElement); // disabling the pressed button drops the focus
    o.accept.disabled = o.decline.disabled = true;
    o.state.textContent = text;
    o.state.hidden = false;
  }

  // An accept or decline refused (f, the error) or never answered (f null): the buttons come back, or the card goes.
  function offerUnanswered(id, f) {
    if (f && f.code === 'offer_gone') {
      removeOffer(id);
      return;
    }
    const o = offers.get(id);
    if (!o) return;
    o.accept.disabled = o.decline.disabled = false;
    o.state.hidden = true;
  }

  function tickOffer(o) {
    const left = Math.ceil((o.deadline - Date.now()) / 1000);
    o.countdown.textContent = left > 0 ? 'Accept within ' + left + ' s' : 'Time is up: the chat is going to someone else';
    o.countdown.classList.toggle('urgent', left <= 5);
    const waited = Math.floor((Date.now() - o.waitedFrom) / 60000);
    o.waited.textContent = 'Waiting for ' + (waited < 1 ? 'less than a minute' : waited + ' min');
  }

  // Counts each offer down; true while there are offers.
  function tickOffers(now) {
    for (const o of [...offers.values()]) {
      // No word about an offer long after its time (or after a reconnect that did not offer it again): drop it.
      if (now - o.deadline > 15000 || o.stale && now - welcomedAt > 5000) removeOffer(o.id);
      else tickOffer(o);
    }
    return offers.size > 0;
  }

  function removeOffer(id) {
    const o = offers.get(id);
    if (!o) return;
    const hadFocus = o.card.contains(document.activeElement)
      || o.hadFocus && (!document.activeElement || document.activeElement === document.body);
    offers.delete(id);
    C.settle('accept', id);
    C.settle('decline', id);
    o.card.remove();
    $('offers-section').hidden = offers.size === 0;
    C.updateTitle();
    if (hadFocus) {
      const next = offers.values().next().value;
      const c = C.convs.get(id);
      if (c && !c.ended) C.focusReply(c);
      else if (next) next.accept.focus();
      else $('go-available').focus();
    }
  }

  // The `offer_withdrawn` frame.
  function offerWithdrawn(f) {
    removeOffer(f.conversation);
    if (f.reason === 'expired') C.notice('expired');
    else if (f.reason === 'ended') C.notice('Offer withdrawn: the visitor left before it was accepted.');
  }

  // Alt+A: the first offer (the most urgent come first) is accepted as its Accept button would; the focus then goes to
  // the new chat's reply box.
  function acceptFirstOffer() {
    const card = $('offers').querySelector('.offer');
    const o = card && offers.get(card.getAttribute('data-conversation'));
    if (!o || o.accept.disabled) return false;
    o.accept.focus();
    o.accept.click();
    return true;
  }

  // A new socket: offers still open are sent again after the welcome; those that are not are dropped by the ticker.
  function offersStale() {
    welcomedAt = Date.now();
    for (const o of offers.values()) o.stale = true;
    if (offers.size) C.startTicker();
  }

  C.onSessionEnd(() => {
    offers.clear();
    $('offers').textContent = '';
    $('offers-section').hidden = true;
  });

  Object.assign(C, {
    showOffer, offerUnanswered, tickOffers, removeOffer, offerWithdrawn, offersStale, acceptFirstOffer,
    offerCount: () => offers.size,
  });
})();
