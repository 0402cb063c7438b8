'use strict';
// Waiting chats this counsellor may take (for associations that pick from the queue): the list, "Take this chat",
// and why a pick was refused. With no free place (all her capacity held or offered) the list still shows who waits,
// a chat in danger among them, but "Take this chat" is disabled and a line says why.
(function () {
  const H = window.Helpline;
  const C = window.HelplineConsole;
  const $ = (id) => document.getElementById(id);
  const waitingItems = new Map(); // conversation id -> li of the waiting list
  const taking = new Set(); // chats picked here whose answer has not come yet
  let focusOnAssign = null; // a picked chat whose list item had the focus
  let full = false; // the last `waiting` frame said she has no free place (`freePlaces: 0`)

  // The `waiting` frame's list, updated in place (a screen reader keeps its place). freePlaces: the frame's (absent
  // from an older server: not full).
  function showWaiting(list, freePlaces) {
    const wasFull = full;
    full = freePlaces === 0;
    $('waiting-full').hidden = !full;
    const ul = $('waiting-list');
    const seen = new Set();
    let at = 0;
    for (const w of Array.isArray(list) ? list : []) {
      if (!w || typeof w.conversation !== 'string' || seen.has(w.conversation)) continue;
      seen.add(w.conversation);
      const li = waitingItems.get(w.conversation) || waitingItem(w.conversation);
      const priority = C.priorityOf(w.priority);
      li.className = 'priority-' + priority;
      li.querySelector('.priority').textContent = C.priorityLabel(priority);
      const minutes = Math.floor((Number(w.waitedSeconds) || 0) / 60);
      li.querySelector('.summary').textContent = [
        w.topic ? C.topicLabel(w.topic) : 'Topic not given',
        w.language ? 'Language: ' + w.language : 'Language not given',
        w.role ? C.roleLabel(w.role) : 'Role not given',
        'waiting ' + (minutes < 1 ? 'less than 1 min' : minutes + ' min'),
        w.step ? 'step: ' + w.step : '',
      ].filter(Boolean).join(' · ');
      if (ul.children[at] !== li) ul.insertBefore(li, ul.children[at] || null);
      at++;
    }
    for (const [id, li] of [...waitingItems]) {
      if (seen.has(id)) continue;
      waitingItems.delete(id);
      taking.delete(id);
      if (li.contains(document.activeElement)) $('waiting-title').focus();
      li.remove();
    }
    // a Take button with the focus is disabled now: the focus goes to the list's title, not to the page
    const focused = full && !wasFull && ul.contains(document.activeElement);
    for (const [id, li] of waitingItems) showButton(id, li);
    if (focused) $('waiting-title').focus();
    $('no-waiting').hidden = seen.size > 0;
  }

  // "Take this chat", "Taking…" while her pick is under way, or disabled with the reason beside the title when full.
  function showButton(id, li) {
    const pick = li.querySelector('.pick');
    const busy = taking.has(id);
    pick.disabled = busy || full;
    pick.textContent = busy ? 'Taking…' : 'Take this chat';
    if (full && !busy) pick.setAttribute('aria-describedby', 'waiting-full');
    else pick.removeAttribute('aria-describedby');
  }

  function waitingItem(id) {
    const li = H.el('li');
    li.setAttribute('data-conversation', id);
    const pick = H.el('button', 'pick', 'Take this chat');
    pick.type = 'button';
    pick.addEventListener('click', () => {
      if (!full && C.request('pick', id)) {
        focusOnAssign = id; // the chat's composer gets the focus once it is ours
        taking.add(id);
        showButton(id, li);
        C.startTicker();
      }
    });
    li.append(H.el('span', 'priority'), H.el('span', 'summary'), pick);
    waitingItems.set(id, li);
    return li;
  }

  // Whether the welcome allows picking: the list shows, or empties and hides.
  function canPick(allowed) {
    $('waiting-section').hidden = $('waiting-list').hidden = !allowed;
    if (!allowed) showWaiting([]);
  }

  function pickUnanswered(id) {
    taking.delete(id);
    const li = waitingItems.get(id);
    if (li) showButton(id, li);
  }

  // Whether the chat just assigned was picked here with the focus on its item: then its reply box takes the focus.
  function pickedHere(id) {
    const picked = waitingItems.get(id);
    const here = focusOnAssign === id && (!!picked && picked.contains(document.activeElement)
      || [$('waiting-title'), document.body, null].includes(document.activeElement));
    if (focusOnAssign === id) focusOnAssign = null;
    return here;
  }

  // Why a pick was refused, from the server's message ("Not taken: <reason>.").
  function notTaken(message) {
    const why = /Not taken: ([a-z_]+)/.exec(message || '');
    const reason = why ? why[1] : '';
    return reason === 'full' ? 'You have no free place: end or transfer a chat first.'
      : reason === 'excluded' ? 'You declined or missed this chat a moment ago; it goes to others first for now.'
        : reason === 'unavailable' ? 'Set yourself available first.'
          : reason === 'offline' ? 'Your console is not connected yet; try again in a moment.'
            : /not one you can take/.test(message || '') ? 'This chat is not one you can take now.'
              : C.words('not_waiting');
  }

  C.onSessionEnd(() => {
    waitingItems.clear();
    taking.clear();
    full = false;
    $('waiting-full').hidden = true;
    $('waiting-list').textContent = '';
    $('waiting-section').hidden = $('waiting-list').hidden = true;
  });

  Object.assign(C, {
    showWaiting, canPick, pickUnanswered, pickedHere, notTaken,
    isPicking: () => !$('waiting-list').hidden,
  });
})();
