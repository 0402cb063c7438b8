'use strict';
// Shared by the visitor page and the counsellor console: a WebSocket that reconnects by itself with backoff
// (1 s, 2 s, 4 s ... at most 15 s, or the maxDelay given), pings every 20 s and notices a dead connection, plus a few
// DOM helpers.
// No storage and no third-party code here.
(function () {
  const PING_EVERY = 20000;
  const PONG_WITHIN = 10000;
  const CONNECT_WITHIN = 10000;
  const MAX_DELAY = 15000;

  function wsUrl(path) {
    return (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + path;
  }

  // handlers: open(), frame(object), close(code) ; reconnect(code) -> false to stop for good.
  // pingEvery: milliseconds between pings (default 20 s). beat() may be called from outside (e.g. from a worker's
  // ticks, which background tabs do not throttle) to keep the pings on time. maxDelay: the longest wait between two
  // tries (default 15 s).
  function ReconnectingSocket(path, handlers, pingEvery, maxDelay) {
    const every = pingEvery || PING_EVERY;
    const longest = maxDelay || MAX_DELAY;
    let ws = null;
    let attempts = 0;
    let retryTimer = 0;
    let pingTimer = 0;
    let deadTimer = 0;
    let lastPing = 0;
    let running = false;

    function clearTimers() {
      clearInterval(pingTimer);
      clearTimeout(deadTimer);
      pingTimer = deadTimer = 0;
    }

    function connect() {
      clearTimeout(retryTimer);
      retryTimer = 0;
      if (!running || ws) return;
      let socket;
      try {
        socket = new WebSocket(wsUrl(path));
      } catch (e) {
        scheduleRetry();
        return;
      }
      ws = socket;
      deadTimer = setTimeout(() => drop(socket), CONNECT_WITHIN);
      socket.onopen = () => {
        clearTimeout(deadTimer);
        lastPing = Date.now();
        pingTimer = setInterval(beat, every / 4);
        handlers.open();
      };
      socket.onmessage = (event) => {
        clearTimeout(deadTimer);
        if (typeof event.data !== 'string') return;
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (frame && typeof frame === 'object' && frame.type !== 'pong') handlers.frame(frame);
      };
      socket.onclose = (event) => closed(socket, event.code);
      socket.onerror = () => {};
    }

    function closed(socket, code) {
      if (socket !== ws) return;
      socket.onopen = socket.onmessage = socket.onclose = null;
      ws = null;
      clearTimers();
      if (!running) return;
      if (handlers.reconnect && handlers.reconnect(code) === false) {
        running = false;
      } else {
        scheduleRetry();
      }
      handlers.close(code);
    }

    function beat() {
      const socket = ws;
      if (!socket || Date.now() - lastPing < every - every / 8) return;
      if (send({ type: 'ping' })) {
        lastPing = Date.now();
        clearTimeout(deadTimer);
        deadTimer = setTimeout(() => drop(socket), PONG_WITHIN);
      }
    }

    // A connection that stopped answering: forget it now rather than wait for the browser to notice.
    function drop(socket) {
      if (socket !== ws) return;
      try {
        socket.close();
      } catch (e) { /* already closing */ }
      closed(socket, 0);
    }

    function scheduleRetry() {
      if (retryTimer || !running) return;
      const base = Math.min(longest, 1000 * Math.pow(2, attempts));
      attempts++;
      retryTimer = setTimeout(connect, base * (0.8 + 0.2 * Math.random()));
    }

    function send(frame) {
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    }

    function retryNow() {
      if (running && !ws) {
        attempts = 0;
        connect();
      }
    }

    // Back in view, or the network back (another Wi-Fi, mobile data): an open socket may be dead without the browser
    // knowing yet; a ping now finds out within PONG_WITHIN, not at the next beat up to 20 s later.
    function probe() {
      const socket = ws;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (send({ type: 'ping' })) {
        lastPing = Date.now();
        clearTimeout(deadTimer);
        deadTimer = setTimeout(() => drop(socket), PONG_WITHIN);
      }
    }

    function comeBack() {
      retryNow();
      probe();
    }
    window.addEventListener('online', comeBack);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) comeBack();
    });

    return {
      start() {
        running = true;
        attempts = 0;
        connect();
      },
      /** Closes the socket and does not reconnect. */
      stop() {
        running = false;
        clearTimeout(retryTimer);
        retryTimer = 0;
        clearTimers();
        if (ws) {
          const socket = ws;
          ws = null;
          socket.onopen = socket.onmessage = socket.onclose = null;
          try {
            socket.close(1000);
          } catch (e) { /* ignore */ }
        }
      },
      /** Closes this socket and opens a new one after the backoff (a frame the server could not handle). */
      restart() {
        if (ws) drop(ws);
      },
      /** The application is attached again: the next drop starts the backoff from 1 s. */
      connected() {
        attempts = 0;
      },
      send,
      beat,
      isOpen() {
        return !!ws && ws.readyState === WebSocket.OPEN;
      },
    };
  }

  // After a refusal that says "later" (rate_limited, unavailable, internal): runs action once, after a wait drawn
  // between half and all of 2 s, 4 s, 8 s ... at most 30 s, doubling with each refusal and back to 2 s once done()
  // says that nothing is left to send again (not merely that something went through: in a round that gets some
  // frames through and others refused, the answers of the two kinds can come in either order). Drawn, so that the
  // pages one outage refused together do not all come back in the same second; doubling, so that a server that is
  // still overloaded gets fewer frames, not more.
  const RETRY_FIRST = 2000;
  const RETRY_MAX = 30000;

  function Retry(action) {
    let timer = 0;
    let refusals = 0;
    return {
      soon() {
        if (timer) return;
        const delay = Math.min(RETRY_MAX, RETRY_FIRST * Math.pow(2, refusals));
        refusals++;
        timer = setTimeout(() => {
          timer = 0;
          action();
        }, delay / 2 + Math.random() * delay / 2);
      },
      done() {
        refusals = 0;
      },
    };
  }

  // One side's messages typed and not yet acknowledged, in the order typed, sent one at a time: the next only once
  // the one before is answered for good (stored, or refused with its ref). A frame over the server's rate is dropped
  // unread (rate_limited, no ref), so two sent together could be stored out of order: the first refused, the second let
  // through by a token that came meanwhile. transmit(clientId, text) sends one and says whether it could (not while
  // the socket is not attached: the oldest goes with the next resend()); drained(), if given, runs when the last one
  // is answered (what was asked after them, an end, may go now). One that gets no answer at all (dropped unanswered
  // while the socket's write queue was full) is sent again after a while, unless a refusal for now said to wait
  // (hold(): H.Retry sends it again).
  const UNANSWERED = 15000;

  function Outbox(transmit, drained) {
    const unsent = new Map();
    let inFlight = null;
    let timer = 0;
    function next() {
      if (inFlight !== null || !unsent.size) return;
      const [clientId, text] = unsent.entries().next().value;
      if (!transmit(clientId, text)) return;
      inFlight = clientId;
      timer = setTimeout(resend, UNANSWERED);
    }
    function resend() {
      clearTimeout(timer);
      inFlight = null;
      next();
    }
    return {
      /** A message to send: sent now unless one before it waits for its answer. */
      add(clientId, text) {
        unsent.set(clientId, text);
        next();
      },
      /** This message was answered for good (its ack, its echo, a refusal with its ref): the next one goes. */
      settle(clientId) {
        const was = unsent.delete(clientId);
        if (inFlight === clientId) resend();
        if (was && !unsent.size && drained) drained();
      },
      /** After a refusal for now, or on a new connection: the oldest is sent (again: the server stores each once). */
      resend,
      /** A refusal for now: the one in flight waits for resend() (H.Retry's wait), not for its own 15 s. */
      hold() {
        clearTimeout(timer);
      },
      /** Forgets them all (nothing is sent), and gives back their client ids in the order typed. */
      clear() {
        const ids = [...unsent.keys()];
        unsent.clear();
        clearTimeout(timer);
        inFlight = null;
        return ids;
      },
      has: (clientId) => unsent.has(clientId),
      /** The message sent and waiting for its answer, or null. */
      inFlight: () => inFlight,
      entries: () => [...unsent],
      get size() {
        return unsent.size;
      },
    };
  }

  // The largest frame a socket takes (protocol.md, maxFrameBytes), until the server says (the visitor's settings, the
  // console's welcome). A longer message is refused on the page, never sent: the server's too_large could not say
  // which frame it was about.
  const MAX_FRAME_BYTES = 16384;
  const encoder = new TextEncoder();

  function fits(frame, maxBytes) {
    return encoder.encode(JSON.stringify(frame)).length <= maxBytes;
  }

  let counter = 0;
  const prefix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');

  function newClientId(side) {
    counter++;
    return side + '-' + prefix + '-' + counter;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function timeOf(ms) {
    if (typeof ms !== 'number') return '';
    const d = new Date(ms);
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  function seqOf(li) {
    const s = li.getAttribute('data-seq');
    return s === null ? Infinity : Number(s);
  }

  // Puts a message item at its place: by seq, messages still pending (no seq yet) at the end. An item already at its
  // place is left where it is: the list is a live region, and an item taken out and put back is read out again.
  function place(list, li) {
    const seq = seqOf(li);
    let before = null;
    if (seq !== Infinity) {
      for (const other of list.children) {
        if (other !== li && seqOf(other) > seq) {
          before = other;
          break;
        }
      }
    }
    const there = li.parentNode === list && (before ? li.nextElementSibling === before
      : li === list.lastElementChild || seqOf(li.nextElementSibling) === Infinity && seq === Infinity);
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (!there) list.insertBefore(li, before);
    if (nearBottom || li.classList.contains('pending')) list.scrollTop = list.scrollHeight;
  }

  // A frame type the page does not know (from a newer server) is ignored.
  function unknownFrame() {}

  // The socket's frame handler from a table {type: handle(frame)}, like the server's dispatch map.
  function frameTable(handlers) {
    return (frame) => {
      const handle = Object.prototype.hasOwnProperty.call(handlers, frame.type) ? handlers[frame.type] : unknownFrame;
      handle(frame);
    };
  }

  window.Helpline = {
    wsUrl, ReconnectingSocket, Retry, Outbox, MAX_FRAME_BYTES, fits, frameTable, newClientId, el, timeOf, place,
  };
})();
