'use strict';
// The counsellor asks where the visitor is: a consent box the visitor may answer or decline. The place is sent only if
// the visitor writes it and presses Share, and never stored in the browser.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let locKey = '';

  function locStatus(key) {
    locKey = key;
    // always in the page (a status heard when its words change), empty when there is nothing to say
    V.write($('location-status'), key ? V.t(key) : '');
  }

  function closeConsent() {
    const box = $('location-consent');
    const had = box.contains(document.activeElement);
    box.hidden = true;
    $('location-text').value = '';
    if (had && !$('text').disabled) $('text').focus();
  }

  // What has the focus, if she is writing in it (a text field or box with something typed in it): the request must not
  // take the focus from it, which would drop her next keys and, on a phone, close the keyboard.
  function writingIn() {
    const field = document.activeElement;
    const editable = field && (field.tagName === 'TEXTAREA' || field.isContentEditable
      || field.tagName === 'INPUT' && /^(text|search|email|tel|url|number|password)$/.test(field.type));
    return editable && (field.isContentEditable ? field.textContent : field.value || '').trim() ? field : null;
  }

  // The box opens above the reply box. Not writing: it comes into view with the focus on its title. Writing: the focus
  // stays where it is, and so does the field on the screen (the page scrolls by what the box pushed it down), while
  // the line just above the reply box says that the counsellor asks, and where to answer (announced: role=status).
  function locationRequested() {
    if (V.chat.ended) return;
    const field = writingIn();
    const before = field && field.getBoundingClientRect().top;
    $('location-consent').hidden = false;
    if (!field) {
      locStatus('');
      $('location-consent').scrollIntoView({ block: 'nearest' });
      $('loc-title').focus({ preventScroll: true });
      return;
    }
    if (!$('location-consent').contains(field)) locStatus('locAsked');
    const moved = field.getBoundingClientRect().top - before;
    if (moved) window.scrollBy(0, moved);
  }

  // The socket closed before the server answered her share: what she wrote stays in the box, to share again.
  function locationLost() {
    if (locKey === 'locSending') locStatus('locLost');
  }

  function locationShared() {
    closeConsent();
    locStatus('locShared');
  }

  $('location-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const where = $('location-text').value.trim().slice(0, 300);
    if (!where) {
      $('location-text').focus();
      return;
    }
    const sent = !V.chat.ended && V.chat.attached && V.sock.send({ type: 'share_location', location: where });
    locStatus(sent ? 'locSending' : 'locOffline');
  });
  $('location-decline').addEventListener('click', () => {
    locStatus('');
    closeConsent();
  });
  $('location-consent').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') $('location-decline').click();
  });

  V.onLanguage(() => {
    if (locKey) locStatus(locKey);
  });

  Object.assign(V, { locStatus, closeConsent, locationRequested, locationShared, locationLost });
})();
