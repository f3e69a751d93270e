// The wxlogin demo page: plays the phone against the WeChat simulator mounted at /wechat-sim (dev
// mode only) and calls the wxlogin API as a mini program would. Plain DOM, no framework, no build.
// Everything the page shows comes from `state`; render() draws it, so a language switch redraws all.
// This entry module wires the page; state.js holds the state, rendering.js draws it, actions.js
// does what the buttons ask through http.js.
import { $, safeStorage, state } from './state.js';
import {
  bindPhone, decryptOpenData, endSession, loadSessions, login, logout, refreshTokens, replayCode, run,
} from './actions.js';
import { render, renderLog, tick } from './rendering.js';

// ---------------------------------------------------------------- wiring

function setLanguage(lang) {
  state.lang = lang;
  safeStorage('set', lang);
  render();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run(login);
});
for (const chip of document.querySelectorAll('#user-chips .chip')) {
  chip.addEventListener('click', () => {
    $('user').value = chip.dataset.user;
    $('user').focus();
  });
}
$('bind-phone').addEventListener('click', () => run(bindPhone));
$('decrypt').addEventListener('click', () => run(decryptOpenData));
$('refresh').addEventListener('click', () => run(refreshTokens));
$('logout').addEventListener('click', () => run(logout));
$('replay').addEventListener('click', () => run(replayCode));
$('sessions-reload').addEventListener('click', () => run(loadSessions));
// the End button of each session in the list (rendering.js draws them with data-session-end)
$('sessions').addEventListener('click', (event) => {
  const end = event.target.closest('[data-session-end]');
  if (end) {
    run(() => endSession(end.dataset.sessionEnd));
  }
});
$('log-clear').addEventListener('click', () => {
  state.log = [];
  renderLog();
});
$('lang-zh').addEventListener('click', () => setLanguage('zh'));
$('lang-en').addEventListener('click', () => setLanguage('en'));
setInterval(tick, 1000);

render();
document.body.dataset.ready = 'true';
