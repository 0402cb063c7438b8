'use strict';
// "I'm in danger now" and the lines open now. The emergency numbers are in the page, so the button works without a
// connection too; once the server knows, it answers with the emergency lines first (and its danger frame when it
// raised the chat), and the page says that her alert was sent. While waiting, the lines open now for the visitor's
// need are shown with the reason (waiting, closed, long wait, nobody free); a reason that means no counsellor answers
// yet is said on the chat line too, brought into view when it changes. A refused start shows the lines in view.
(function () {
  const H = window.Helpline;
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let alt = null; // last alternatives frame (lines open now)
  let urgent = null; // alternatives sent after "in danger now": emergency numbers first
  // reasons of an alternatives frame that mean no counsellor answers yet (the chat line says them, with lines to call)
  const OVERFLOW = ['closed', 'long_wait', 'no_counsellor'];
  let overflow = ''; // the last of them while this chat waits ('' once answered: a chat back in the queue is told anew)
  const took = new Set(); // hotlines whose link was tapped (told once each)

  // The state first (a new status or a notice brings the chat line into view), then the numbers, which stay in view.
  $('in-danger-now').addEventListener('click', () => {
    const chat = V.chat;
    if (!chat.ended && (chat.conv || chat.attached)) {
      chat.startedInDanger = chat.dangerPending = true;
      V.save(); // sent after a reload too, until the server confirms it
      if (chat.waitingNow) V.setStatus('waitingDangerSending');
      if (!sendDanger()) V.notice('dangerOffline');
      V.showLine(); // "sending your alert", on the chat line and at the top of the numbers
    }
    const box = $('emergency');
    box.classList.remove('flash');
    void box.offsetWidth; // restart the highlight
    box.classList.add('flash');
    box.scrollIntoView({ block: 'start' });
    box.focus({ preventScroll: true });
  });

  // The server raised the chat to the danger priority (her press, from this tab or another, or her chat's turn came
  // while another of her connection held it): her alert was sent. Unless its answer says no alert was raised
  // (alerted: false, a chat started beyond its network's chats of the hour): then she is told so, and to call.
  function dangerSent(f) {
    if (V.chat.ended) return;
    const notAlerted = f.alerted === false;
    V.chat.dangerPending = false;
    V.chat.dangerTold = V.chat.dangerTold || !notAlerted;
    V.chat.dangerNotAlerted = notAlerted && !V.chat.dangerTold;
    V.save();
    if (V.chat.waitingNow && V.statusKey() === 'waitingDangerSending') {
      V.setStatus(V.chat.dangerNotAlerted ? 'waitingDangerNotAlerted' : 'waitingDanger', undefined, true);
    }
    V.showLine();
  }

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
      // a line's numbers to call or text first; its website last, in a tab Quick exit closes where the browser lets it
      // (quick-exit.js), saying so
      const links = (Array.isArray(h.numbers) ? h.numbers : []).map((n) => [n, n && link(n)]).filter(([, href]) => href);
      links.sort(([, a], [, b]) => Number(a.startsWith('https:')) - Number(b.startsWith('https:')));
      for (const [n, href] of links) {
        const web = href.startsWith('https:');
        const a = H.el('a', 'alt-number', (V.t(n.channel) || '') + ' ' + (web ? new URL(href).host : n.number)
          + (n.free && !web ? ' (' + V.t('free') + ')' : ''));
        a.href = href;
        if (web) {
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.append(H.el('span', 'alt-new-tab', V.t('newTab')));
        }
        a.addEventListener('click', (e) => {
          tookLine(h.id);
          if (web && V.openWebsite && V.openWebsite(href)) e.preventDefault(); // opened with a handle to close it
        });
        li.append(a);
      }
      ul.append(li);
    }
    return ul.children.length;
  }

  function renderAlternatives() {
    const box = $('alternatives');
    if (!V.chat.waitingNow) overflow = '';
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

  // Each line of the list that can be called or texted, with its first such number: [{id, number, href, name,
  // country}].
  function callable(lines) {
    return (Array.isArray(lines) ? lines : []).flatMap((h) => {
      const n = h && typeof h.name === 'string' && Array.isArray(h.numbers)
        && h.numbers.find((x) => x && (x.channel === 'voice' || x.channel === 'sms') && link(x));
      return n ? [{ id: h.id, number: String(n.number), href: link(n), name: h.name, country: h.country }] : [];
    });
  }

  // The lines open now that can be called or texted, for the chat line or beside Start after a refused start: [{id,
  // number, href, name}], the emergency numbers when no other line is open.
  function linesOpenNow() {
    if (V.chat.ended || !V.chat.waitingNow && !(alt && alt.reason === 'unavailable')) return [];
    const lines = callable(alt && alt.hotlines);
    return lines.length || !alt ? lines : callable(alt.emergency);
  }

  // Three emergency numbers to call at once, for the chat line while she is in danger: the first of each country the
  // server gave for her (its danger answer, else the lines shown while waiting), then the next ones, in its order (17,
  // 112, 999 when her country is not known); before any answer, the page's own 17, 112 and 999.
  function emergencyNow() {
    const all = callable((urgent || alt || {}).emergency);
    if (!all.length) {
      return ['tel:17', 'tel:112', 'tel:999'].flatMap((href) => {
        const a = document.querySelector('#emergency .numbers a[href="' + href + '"]');
        return a ? [{ id: null, number: a.querySelector('b').textContent, href,
          name: a.querySelector('span').textContent }] : [];
      });
    }
    const countries = new Set();
    const first = all.filter((l) => !countries.has(l.country) && countries.add(l.country));
    const picked = new Set([...first, ...all.filter((l) => !first.includes(l))].slice(0, 3));
    return all.filter((l) => picked.has(l));
  }

  // Why no counsellor answers this waiting chat yet, by the server's last alternatives: closed, long_wait,
  // no_counsellor, or ''.
  function overflowReason() {
    return overflow;
  }

  function onAlternatives(f) {
    if (V.chat.ended) return;
    const before = overflowReason();
    if (f.reason === 'danger') {
      urgent = f;
    } else if (V.hasWord('alt_' + f.reason)) {
      alt = f;
      overflow = OVERFLOW.includes(f.reason) ? f.reason : '';
    }
    renderAlternatives();
    if (f.reason === 'danger') dangerSent(f);
    if (overflowReason() !== before) {
      V.showQueue(); // no wait time while closed for her need
      if (overflowReason()) V.revealLine();
    }
  }

  // A start refused (chat_unavailable): the lines open now, which are the help on offer, in view with the sentence
  // that says so just above them, and the focus on them (Start, which had it, was disabled while the start was sent).
  function showRefused() {
    const lines = $('alternatives');
    if (lines.hidden) return; // the outcome line beside Start says it
    (V.noticeShown() ? $('notice') : lines).scrollIntoView({ block: 'start' });
    lines.focus({ preventScroll: true });
  }

  // A chat attached (resumed with a code after a refused start): the lines of that refusal were the form's.
  function chatAttached() {
    if (alt && alt.reason === 'unavailable') {
      alt = null;
      renderAlternatives();
    }
  }

  function clearAlternatives() {
    alt = urgent = null;
    took.clear();
    renderAlternatives();
  }

  V.onLanguage(renderAlternatives);

  Object.assign(V, {
    sendDanger, dangerSent, renderAlternatives, onAlternatives, chatAttached, clearAlternatives, linesOpenNow,
    emergencyNow,
    overflowReason, showRefused, tookLine,
  });
})();
