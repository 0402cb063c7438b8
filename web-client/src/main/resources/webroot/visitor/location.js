'use strict';
// The counsellor asks where the visitor is: a consent box the visitor may answer or decline. The place is sent only if
// the visitor writes it and presses Share, and never stored in the browser.
(function () {
  const V = window.HelplineVisitor;
  const $ = (id) => document.getElementById(id);
  let locKey = '';

  function locStatus(key) {
    locKey = key;
    $('location-status').textContent = key ? V.t(key) : '';
    $('location-status').hidden = !key;
  }

  function closeConsent() {
    const box = $('location-consent');
    const had = box.contains(document.activeElement);
    box.hidden = true;
    $('location-text').value = '';
    if (had && !$('text').disabled) $('text').focus();
  }

  function locationRequested() {
    if (V.chat.ended) return;
    locStatus('');
    $('location-consent').hidden = false;
    $('location-consent').scrollIntoView({ block: 'nearest' });
    $('loc-title').focus({ preventScroll: true });
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

  Object.assign(V, { locStatus, closeConsent, locationRequested, locationShared });
})();
