'use strict';
// "I'm in danger now" and the lines open now. The emergency numbers are in the page, so the button works without a
// connection too; once the server knows, it answers with the emergency lines first. While waiting, the lines open now
// for the visitor's need are shown with the reason (waiting, closed, long wait, nobody free).
(function () {
  const H = window.Helpline;
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let alt = null; // last alternatives frame (lines open now)
  let urgent = null; // alternatives sent after "in danger now": emergency numbers first
  const took = new Set(); // hotlines whose link was tapped (told once each)

  $('in-danger-now').addEventListener('click', () => {
    const chat = V.chat;
    const box = $('emergency');
    box.classList.remove('flash');
    void box.offsetWidth; // restart the highlight
    box.classList.add('flash');
    box.scrollIntoView({ block: 'start' });
    box.focus({ preventScroll: true });
    if (chat.ended || !chat.conv && !chat.attached) return;
    chat.startedInDanger = chat.dangerPending = true;
    if (chat.waitingNow) V.setStatus('waitingDanger');
    if (!sendDanger()) V.notice('dangerOffline');
  });

  function sendDanger() {
    return V.chat.dangerPending && V.chat.attached && V.sock.send({ type: 'danger' });
  }

  function link(n) {
    const v = String(n.number || '');
    if (n.channel === 'voice' || n.channel === 'sms') {
      const d = v.replace(/[^0-9+]/g, '');
      return d && (n.channel === 'sms' ? 'sms:' : 'tel:') + d;
    }
    try {
      const u = new URL(/^https:\/\//i.test(v) ? v : 'https://' + v.replace(/^[a-z]+:\/*/i, ''));
      return u.protocol === 'https:' && u.href;
    } catch (e) {
      return '';
    }
  }

  // The visitor tapped a line's number or link: the server records it once per line.
  function tookLine(id) {
    if (typeof id === 'string' && !took.has(id) && V.chat.attached
      && V.sock.send({ type: 'took_alternative', hotline: id })) {
      took.add(id);
    }
  }

  function fill(ul, lines) {
    ul.textContent = '';
    for (const h of Array.isArray(lines) ? lines : []) {
      if (!h || typeof h.name !== 'string') continue;
      const li = H.el('li');
      li.append(H.el('strong', null, h.name));
      if (h.description) li.append(H.el('span', 'alt-desc', h.description));
      for (const n of Array.isArray(h.numbers) ? h.numbers : []) {
        const href = n && link(n);
        if (!href) continue;
        const web = href.startsWith('https:');
        const a = H.el('a', 'alt-number', (V.t(n.channel) || '') + ' ' + (web ? new URL(href).host : n.number)
          + (n.free && !web ? ' (' + V.t('free') + ')' : ''));
        a.href = href;
        if (web) {
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
        }
        a.addEventListener('click', () => tookLine(h.id));
        li.append(a);
      }
      ul.append(li);
    }
    return ul.children.length;
  }

  function renderAlternatives() {
    const box = $('alternatives');
    // a refused start (reason unavailable) shows the lines open now before any chat: they are the help on offer
    const shown = !V.chat.ended && (V.chat.waitingNow || alt && alt.reason === 'unavailable') && alt;
    $('alt-urgent').hidden = !(urgent && fill($('alt-emergency'), urgent.emergency));
    const nobody = shown && V.nobodyOnline() && (alt.reason === 'waiting' || alt.reason === 'no_counsellor');
    $('alt-reason').textContent = shown ? V.t(nobody ? 'alt_nobody' : 'alt_' + alt.reason) : '';
    $('alt-reason').hidden = !shown;
    const from = shown ? alt : urgent;
    if (!(from && fill($('alt-lines'), from.hotlines)) && shown && !urgent) fill($('alt-lines'), alt.emergency);
    box.hidden = !shown && !urgent;
    V.showLine();
  }

  // The lines open now that can be called or texted, for the chat line: [{id, number, href, name}], the emergency numbers
  // first after "in danger now", or when no other line is open.
  function linesOpenNow() {
    const callable = (lines) => (Array.isArray(lines) ? lines : []).flatMap((h) => {
      const n = h && typeof h.name === 'string' && Array.isArray(h.numbers)
        && h.numbers.find((x) => x && (x.channel === 'voice' || x.channel === 'sms') && link(x));
      return n ? [{ id: h.id, number: String(n.number), href: link(n), name: h.name }] : [];
    });
    if (V.chat.ended || !V.chat.waitingNow) return [];
    const lines = [...callable(urgent && urgent.emergency), ...callable(alt && alt.hotlines)];
    return lines.length || !alt ? lines : callable(alt.emergency);
  }

  function onAlternatives(f) {
    if (V.chat.ended) return;
    if (f.reason === 'danger') {
      V.chat.dangerPending = false;
      urgent = f;
    } else if (V.hasWord('alt_' + f.reason)) {
      alt = f;
    }
    renderAlternatives();
  }

  function clearAlternatives() {
    alt = urgent = null;
    took.clear();
    renderAlternatives();
  }

  V.onLanguage(renderAlternatives);

  Object.assign(V, { sendDanger, renderAlternatives, onAlternatives, clearAlternatives, linesOpenNow, tookLine });
})();
