'use strict';
// The partner widget. A partner association adds one tag to its pages:
//   <script src="https://helpline.example/widget.js" data-lang="fr" async></script>
// and gets a button that opens the helpline's chat in a panel: a frame served by the helpline, so the partner's page
// can read nothing of the chat. The panel's own bar, drawn here on the partner's page, always shows the quick exit and
// the emergency numbers, whatever happens to the frame: when the helpline does not list this site in
// http.frameAncestors, browsers refuse to show the chat in the frame, and the panel says so, offers the chat in a new
// tab and tells the site's developer in the browser console what the helpline's operator must configure.
// This script stores nothing, defines no global, and sets its styles through the DOM (the partner's CSP needs no
// 'unsafe-inline'). Quick exit, or Shift pressed three times on the page once the chat was opened, replaces the
// partner's page with a neutral site: Back does not return to it.
(function () {
  const script = document.currentScript;
  if (!script || !script.src || document.querySelector('[data-helpline-launcher]')) return;
  const origin = new URL(script.src).origin;
  const lang = script.getAttribute('data-lang') === 'fr' ? 'fr' : 'en';
  // A partner's page shown again from the history (Back, or its tab reopened once closed): its frame is new, and would
  // bring back a chat the visitor left (the chat's page in the frame cannot see how the partner's page came)
  const shownByHistory = (() => {
    try {
      const entry = performance.getEntriesByType('navigation')[0];
      return !!entry && entry.type === 'back_forward';
    } catch (e) {
      return false;
    }
  })();
  const chatUrl = origin + '/?lang=' + lang + (shownByHistory ? '&shown=history' : '');
  const WORDS = {
    en: { open: 'Talk to a counsellor', hide: 'Hide the chat', title: 'Support chat', exit: 'Quick exit',
      danger: 'In danger now? Call', numbers: 'Emergency numbers', blocked: 'The chat cannot be shown on this site.',
      newTab: 'Open the chat in a new tab' },
    fr: { open: 'Parler à un·e écoutant·e', hide: 'Masquer la conversation', title: 'Conversation d’écoute',
      exit: 'Sortie rapide', danger: 'En danger ? Appelez', numbers: 'Numéros d’urgence',
      blocked: 'La conversation ne peut pas s’afficher sur ce site.',
      newTab: 'Ouvrir la conversation dans un nouvel onglet' },
  }[lang];
  // The same numbers as the visitor page, the page's own country first: [country, [[number, href, label]...]]
  const FRANCE = [{ en: 'France', fr: 'France' }[lang], [['17', 'tel:17', { en: 'Police', fr: 'Police' }[lang]],
    ['112', 'tel:112', { en: 'Emergency', fr: 'Urgences' }[lang]], ['114', 'sms:114', 'SMS'],
    ['3919', 'tel:3919', 'Violences Femmes Info']]];
  const UK = [{ en: 'UK', fr: 'Royaume-Uni' }[lang], [
    ['999', 'tel:999', { en: 'Emergency (press 55 if you cannot speak)',
      fr: 'Urgences (55 sans pouvoir parler)' }[lang]],
    ['101', 'tel:101', { en: 'Police', fr: 'Police' }[lang]],
    ['0808 2000 247', 'tel:08082000247', { en: 'Domestic Abuse Helpline', fr: 'Violences conjugales' }[lang]]]];
  const COUNTRIES = lang === 'fr' ? [FRANCE, UK] : [UK, FRANCE];
  const READY_AFTER_LOAD_MS = 4000; // the chat in the frame says hello this soon after it loaded, unless refused
  const READY_AT_MOST_MS = 15000; // or this soon after the panel opened, even if the frame never loaded
  const URL_SHAPE = /^https?:\/\/[^\s"'<>]+$/i;
  let exitUrl = 'https://www.bbc.co.uk/weather'; // the chat sends the configured one once it has it
  let launcher = null;
  let panel = null;
  let frame = null;
  let blockedNotice = null;
  let frameReady = false;
  let readyTimer = 0;
  let armed = false; // Shift x3 on the partner's page leaves only once the chat was opened here

  function styled(tag, css) {
    const node = document.createElement(tag);
    node.style.setProperty('all', 'initial');
    Object.assign(node.style, { boxSizing: 'border-box', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif' }, css);
    return node;
  }

  // Keyboard focus must show, and a pseudo-class cannot be set through the DOM.
  function focusRing(control) {
    control.addEventListener('focus', () => {
      if (control.matches(':focus-visible')) {
        control.style.outline = '3px solid #f0a500';
        control.style.outlineOffset = '2px';
      }
    });
    control.addEventListener('blur', () => { control.style.outline = 'none'; });
  }

  function button(text, css) {
    const b = styled('button', Object.assign({
      display: 'inline-block', minHeight: '48px', padding: '10px 18px', cursor: 'pointer', fontSize: '16px',
      fontWeight: '600', lineHeight: '1.2', borderRadius: '24px', border: '2px solid #fff', background: '#0b4f8a',
      color: '#fff',
    }, css));
    b.type = 'button';
    b.textContent = text;
    focusRing(b);
    return b;
  }

  const phone = window.matchMedia('(max-width: 600px)');
  function place() {
    if (!panel) return;
    Object.assign(panel.style, phone.matches
      ? { top: '0', right: '0', bottom: '0', left: '0', width: '100%', height: '100%', borderRadius: '0' }
      : { top: 'auto', left: 'auto', right: '16px', bottom: '80px', width: 'min(400px, calc(100vw - 32px))',
        height: 'min(680px, calc(100vh - 100px))', borderRadius: '12px' });
  }

  function build() {
    panel = styled('div', {
      position: 'fixed', zIndex: '2147483647', display: 'none', flexDirection: 'column', background: '#fff',
      border: '2px solid #0b4f8a', boxShadow: '0 6px 24px rgba(0,0,0,0.35)', overflow: 'hidden',
    });
    panel.id = 'helpline-chat-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', WORDS.title);
    const bar = styled('div', { display: 'flex', justifyContent: 'space-between', gap: '8px', padding: '4px',
      background: '#0b4f8a' });
    const exit = button(WORDS.exit, { minHeight: '44px', padding: '6px 10px', borderRadius: '8px', fontSize: '15px',
      background: '#b3261e', flex: '0 0 auto', whiteSpace: 'nowrap' });
    exit.setAttribute('data-helpline-quick-exit', '');
    exit.addEventListener('click', quickExit);
    const hide = button(WORDS.hide, { minHeight: '44px', padding: '6px 10px', borderRadius: '8px', fontSize: '15px',
      flex: '0 1 auto' });
    hide.setAttribute('data-helpline-hide', '');
    hide.addEventListener('click', close);
    bar.append(hide, exit); // Hide first, as before; quick exit at the right-hand end
    frame = styled('iframe', { display: 'block', flex: '1', width: '100%', border: '0' });
    frame.title = WORDS.title;
    frame.referrerPolicy = 'no-referrer';
    frame.addEventListener('load', () => waitForTheChat(READY_AFTER_LOAD_MS));
    frame.src = chatUrl;
    blockedNotice = notice();
    panel.append(bar, emergencyNumbers(), frame, blockedNotice);
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
    });
    place();
    phone.addEventListener('change', place);
    document.body.append(panel);
    launcher.setAttribute('aria-controls', panel.id);
    waitForTheChat(READY_AT_MOST_MS);
  }

  const INHERIT = { color: 'inherit', fontSize: 'inherit', lineHeight: 'inherit' }; // 'all: initial' resets them

  function emergencyNumbers() {
    const box = styled('div', { display: 'block', padding: '6px 10px', background: '#fde7e4', color: '#5c1410',
      fontSize: '14px', lineHeight: '1.4', borderBottom: '2px solid #b3261e' });
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', WORDS.numbers);
    box.setAttribute('data-helpline-numbers', '');
    box.append(styled('strong', Object.assign({ display: 'block', fontWeight: '700' }, INHERIT)));
    box.firstChild.textContent = WORDS.danger;
    for (const [country, numbers] of COUNTRIES) {
      const line = styled('div', Object.assign({ display: 'block' }, INHERIT));
      line.append(document.createTextNode(country + ': '));
      for (const [number, href, label] of numbers) {
        const link = styled('a', Object.assign({ display: 'inline-block', minHeight: '24px', marginRight: '12px',
          whiteSpace: 'nowrap', textDecoration: 'underline', cursor: 'pointer' }, INHERIT));
        link.href = href;
        link.setAttribute('aria-label', number + ' ' + label);
        const what = styled('span', INHERIT);
        what.textContent = ' ' + label;
        what.setAttribute('data-helpline-label', '');
        link.append(styled('b', Object.assign({ fontWeight: '700' }, INHERIT)), what);
        link.firstChild.textContent = number;
        focusRing(link);
        line.append(link, ' ');
      }
      box.append(line);
    }
    return box;
  }

  // Shown instead of the frame when the chat did not come up in it (refused by the helpline's frame-ancestors).
  function notice() {
    const box = styled('div', { display: 'none', flex: '1', padding: '16px', color: '#1b1b1f', fontSize: '16px',
      lineHeight: '1.4' });
    box.setAttribute('data-helpline-blocked', '');
    const text = styled('p', { display: 'block', margin: '0 0 12px' });
    text.textContent = WORDS.blocked;
    const link = styled('a', { display: 'inline-block', padding: '10px 0', color: '#0b4f8a', fontWeight: '600',
      textDecoration: 'underline', cursor: 'pointer' });
    link.href = chatUrl;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = WORDS.newTab;
    focusRing(link);
    box.append(text, link);
    return box;
  }

  function waitForTheChat(ms) {
    if (frameReady) return;
    clearTimeout(readyTimer);
    readyTimer = setTimeout(showBlocked, ms);
  }

  function showBlocked() {
    if (frameReady) return;
    frame.style.display = 'none';
    blockedNotice.style.display = 'block';
    console.error('Helpline widget: the chat was not shown in its frame on this page (' + location.origin
      + '). Browsers refuse it until the helpline lists this site: its operator adds "' + location.origin
      + '" to http.frameAncestors in config/server.yaml of the helpline server (' + origin + ') and restarts it '
      + '(https:// origins; http://localhost, http://127.0.0.1 and http://[::1] for trying it locally). See '
      + 'docs/web-client.md, "Partner widget". Meanwhile the panel shows the emergency numbers, quick exit and a link '
      + 'to the chat in a new tab.');
  }

  // Once the chat is up (it shows the numbers in full too) the panel's own numbers stay, without their labels.
  function chatReady() {
    frameReady = true;
    clearTimeout(readyTimer);
    frame.style.display = 'block';
    blockedNotice.style.display = 'none';
    for (const label of panel.querySelectorAll('[data-helpline-label]')) label.style.display = 'none';
  }

  function open() {
    if (!panel) build();
    armed = true;
    panel.style.display = 'flex';
    launcher.setAttribute('aria-expanded', 'true');
    if (frameReady) frame.focus();
    else panel.querySelector('[data-helpline-quick-exit]').focus();
  }

  function close() {
    panel.style.display = 'none';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function leave(url) {
    try {
      document.body.style.setProperty('display', 'none', 'important');
    } catch (e) { /* keep leaving */ }
    location.replace(url);
  }

  // The partner's page leaves for the neutral site; the chat (if it is up) is told, so it clears its tab storage.
  function quickExit() {
    try {
      frame.contentWindow.postMessage({ helpline: 'quick-exit' }, origin);
    } catch (e) { /* leave anyway */ }
    leave(exitUrl);
  }

  // Only the chat frame itself may make the page leave, and only to an http(s) address.
  window.addEventListener('message', (e) => {
    if (e.origin !== origin || !frame || e.source !== frame.contentWindow || !e.data) return;
    chatReady();
    const url = typeof e.data.url === 'string' && URL_SHAPE.test(e.data.url) ? e.data.url : '';
    if (e.data.helpline === 'settings' && url) exitUrl = url;
    if (e.data.helpline === 'exit') leave(url || exitUrl);
  });

  let shifts = 0;
  let lastShift = 0;
  document.addEventListener('keydown', (e) => {
    if (!armed) return;
    if (e.key !== 'Shift') {
      shifts = 0;
      return;
    }
    if (e.repeat) return;
    const now = Date.now();
    shifts = now - lastShift < 1500 ? shifts + 1 : 1;
    lastShift = now;
    if (shifts >= 3) quickExit();
  }, true);

  function init() {
    launcher = button(WORDS.open, { position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483646',
      boxShadow: '0 3px 12px rgba(0,0,0,0.35)' });
    launcher.setAttribute('data-helpline-launcher', '');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.addEventListener('click', () => (panel && panel.style.display !== 'none' ? close() : open()));
    document.body.append(launcher);
  }

  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init);
})();
