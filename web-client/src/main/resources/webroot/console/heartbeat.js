'use strict';
// Ticks for the console's pings. Timers in a worker keep time when the console's tab is in the background, where the
// browser may delay the page's own timers past the server's heartbeat limit.
setInterval(() => postMessage(0), 5000);
