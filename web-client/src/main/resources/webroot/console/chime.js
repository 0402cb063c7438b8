'use strict';
// The console's sounds: a new offer, and a visitor's message in a chat the counsellor is not looking at. Made with Web
// Audio (no sound file, no request). Browsers let a page play sound only after a user gesture: the first click or key
// unlocks it. "Mute sounds" silences it for this tab (session storage).
(function () {
  const KEY = 'helpline.console.muted';
  const GAP = 1500; // at most one sound in this many milliseconds: ten messages at once are one chime
  let context = null;
  let muted = false;
  let last = 0;
  let played = 0;
  try {
    muted = sessionStorage.getItem(KEY) === '1';
  } catch (e) { /* not muted */ }

  function unlock() {
    const Audio = window.AudioContext || window.webkitAudioContext;
    if (!context && Audio) {
      try {
        context = new Audio();
      } catch (e) {
        return;
      }
    }
    if (context && context.state === 'suspended') context.resume().catch(() => {});
  }
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);

  function tone(frequency, at, length) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + length + 0.05);
  }

  /** kind: 'offer' (two rising pairs) or 'message' (one rising pair). Returns whether a sound was played. */
  function play(kind) {
    const now = Date.now();
    if (muted || now - last < GAP) return false;
    unlock();
    if (!context || context.state !== 'running') return false;
    last = now;
    const at = context.currentTime;
    const notes = kind === 'offer' ? [660, 880, 660, 880] : [740, 988];
    notes.forEach((frequency, i) => tone(frequency, at + i * 0.2, 0.18));
    played++;
    return true;
  }

  function setMuted(value) {
    muted = !!value;
    try {
      sessionStorage.setItem(KEY, muted ? '1' : '0');
    } catch (e) { /* kept in memory */ }
  }

  window.Chime = { play, setMuted, isMuted: () => muted, played: () => played };
})();
