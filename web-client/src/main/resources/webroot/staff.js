'use strict';
// What the two staff pages (counsellor console, supervisor dashboard) share and the visitor page never loads: the login
// form and the logout request. Adds loginForm and logout to window.Helpline.
(function () {
  // Counsellor and supervisor login (POST /api/counsellor/login): the response, or null when the server is unreachable.
  // A 503 busy (the password checks are all taken, by a flood of guesses maybe) is tried again after its Retry-After, a
  // few times, before it is shown: onBusy says so meanwhile.
  const BUSY_RETRIES = 4;
  async function login(id, password, onBusy) {
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        response = await fetch('/api/counsellor/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ id, password }),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (err) {
        return null;
      }
      if (response.status !== 503 || attempt >= BUSY_RETRIES) return response;
      onBusy();
      const seconds = Math.min(5, Math.max(1, Number(response.headers.get('Retry-After')) || 1));
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }

  // The login form both staff pages share (#login-form, #counsellor-id, #password, #login, #login-message,
  // #login-error): on success calls loggedIn(body, id) with the server's answer, which carries the session token.
  function loginForm(loggedIn, beforeSubmit) {
    const $ = (id) => document.getElementById(id);
    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      if (beforeSubmit) beforeSubmit();
      const id = $('counsellor-id').value.trim();
      const password = $('password').value;
      const error = $('login-error');
      error.textContent = '';
      if (!id || !password) {
        error.textContent = 'Enter your id and password.';
        return;
      }
      $('login').disabled = true;
      $('login-message').textContent = 'Logging in…';
      const response = await login(id, password, () => {
        $('login-message').textContent = 'Many logins at once: trying again…';
      });
      $('login').disabled = false;
      $('login-message').textContent = '';
      if (!response) {
        error.textContent = 'Cannot reach the server. Check the connection and try again.';
        return;
      }
      if (response.status === 401) {
        error.textContent = 'Unknown account or wrong password';
        $('password').value = '';
        $('password').focus();
        return;
      }
      let body = null;
      try {
        body = response.ok ? await response.json() : null;
      } catch (err) { /* handled below */ }
      if (!body || typeof body.token !== 'string') {
        error.textContent = response.status === 400 ? 'Enter your id and password.'
          : 'The service is not available right now. Please try again.';
        return;
      }
      $('password').value = '';
      loggedIn(body, id);
    });
  }

  // Ends a staff session on the server; if it cannot be reached the session runs out by itself.
  function logout(token) {
    return fetch('/api/counsellor/logout', {
      method: 'POST', headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit',
    }).catch(() => { /* the session runs out by itself */ });
  }

  Object.assign(window.Helpline, { loginForm, logout });
})();
