'use strict';
// Blocked connections: a counsellor ended a chat as abusive, so the connection it came from (a client key, never an
// address) cannot start a chat until the block ends. The list comes from GET /api/supervisor/blocks when the page
// connects and on each "block" alert; "Lift" posts to /api/supervisor/blocks/lift. Adds window.HelplineBlocks.
(function () {
  const H = window.Helpline;
  const $ = (id) => document.getElementById(id);
  let token = null;

  function time(at) {
    return typeof at === 'number' ? new Date(at).toLocaleString() : '?';
  }

  function say(text) {
    $('blocks-status').textContent = text;
  }

  function show(blocks) {
    const list = $('blocks');
    list.textContent = '';
    for (const b of Array.isArray(blocks) ? blocks : []) {
      if (!b || typeof b.client !== 'string') continue;
      const li = H.el('li', 'block');
      li.setAttribute('data-client', b.client);
      const lift = H.el('button', 'secondary', 'Lift');
      lift.type = 'button';
      lift.addEventListener('click', () => liftBlock(b.client, lift));
      li.append(H.el('span', null, 'Blocked ' + time(b.at) + ' until ' + time(b.until) + ' by '
        + String(b.counsellor || '?') + ' (conversation ' + String(b.conversation || '').slice(0, 8) + '…) '), lift);
      list.append(li);
    }
    $('no-blocks').hidden = list.children.length > 0;
  }

  async function refresh() {
    if (!token) return;
    try {
      const response = await fetch('/api/supervisor/blocks', { headers: { Authorization: 'Bearer ' + token } });
      if (!response.ok) throw new Error(String(response.status));
      show((await response.json()).blocks);
      say('');
      return true;
    } catch (e) {
      say('The list of blocks could not be loaded.');
      return false;
    }
  }

  async function liftBlock(client, button) {
    let outcome;
    button.disabled = true;
    try {
      const response = await fetch('/api/supervisor/blocks/lift', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ client }),
      });
      if (!response.ok) throw new Error(String(response.status));
      outcome = 'Block lifted.';
    } catch (e) {
      outcome = 'The block could not be lifted; try again.';
    }
    button.disabled = false;
    // the list is read again first, so that the outcome stays on screen (and is announced) after it
    if (await refresh()) say(outcome);
  }

  function start(sessionToken) {
    token = sessionToken;
    refresh();
  }

  function clear() {
    token = null;
    show([]);
    say('');
  }

  window.HelplineBlocks = { start, refresh, clear };
})();
