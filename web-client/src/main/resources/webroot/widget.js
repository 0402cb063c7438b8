'use strict';
// The partner widget. A partner association adds one tag to its pages:
//   <script src="https://helpline.example/widget.js" data-lang="fr" async></script>
// and gets a button that opens the helpline's chat in a panel: a frame served by the helpline, so the partner's page
// can read nothing of the chat. This script stores nothing, defines no global, and sets its styles through the DOM
// (the partner's CSP needs no 'unsafe-inline'). Quick exit inside the chat, or Shift pressed three times on the page
// once the chat was opened, replaces the partner's page with a neutral site: Back does not return to it.
(function () {
  const script = document.currentScript;
  if (!script || !script.src || document.querySelector('[data-helpline-launcher]')) return;
  const origin = new URL(script.src).origin;
  const lang = script.getAttribute('data-lang') === 'fr' ? 'fr' : 'en';
  const WORDS = {
    en: { open: 'Talk to a counsellor', hide: 'Hide the chat', title: 'Support chat' },
    fr: { open: 'Parler à un·e écoutant·e', hide: 'Masquer la conversation', title: 'Conversation d’écoute' },
  }[lang];
  const URL_SHAPE = /^https?:\/\/[^\s"'<>]+$/i;
  let exitUrl = 'https://www.bbc.co.uk/weather'; // the chat sends the configured one once it has it
  let launcher = null;
  let panel = null;
  let frame = null;
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
    const bar = styled('div', { display: 'flex', justifyContent: 'flex-end', padding: '4px', background: '#0b4f8a' });
    const hide = button(WORDS.hide, { minHeight: '44px', padding: '6px 14px', borderRadius: '8px' });
    hide.addEventListener('click', close);
    bar.append(hide);
    frame = styled('iframe', { display: 'block', flex: '1', width: '100%', border: '0' });
    frame.title = WORDS.title;
    frame.referrerPolicy = 'no-referrer';
    frame.src = origin + '/?lang=' + lang;
    panel.append(bar, frame);
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
    });
    place();
    phone.addEventListener('change', place);
    document.body.append(panel);
    launcher.setAttribute('aria-controls', panel.id);
  }

  function open() {
    if (!panel) build();
    armed = true;
    panel.style.display = 'flex';
    launcher.setAttribute('aria-expanded', 'true');
    frame.focus();
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

  // Only the chat frame itself may make the page leave, and only to an http(s) address.
  window.addEventListener('message', (e) => {
    if (e.origin !== origin || !frame || e.source !== frame.contentWindow || !e.data) return;
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
    if (shifts >= 3) {
      try {
        frame.contentWindow.postMessage({ helpline: 'quick-exit' }, origin); // the chat wipes its tab storage
      } catch (e2) { /* leave anyway */ }
      leave(exitUrl);
    }
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
