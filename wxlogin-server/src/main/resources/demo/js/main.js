// The wxlogin demo page: plays the phone against the platform simulator mounted at /wechat-sim (dev
// mode only) and calls the wxlogin API as a mini program would, on whichever platform and app the
// visitor picks from the apps the server lists. Plain DOM, no framework, no build.
// Everything the page shows comes from `state`; render() draws it, so a language switch redraws all.
// This entry module wires the page; state.js holds the state, rendering.js draws it, actions.js and
// identities.js do what the buttons ask through http.js.
import { $, safeStorage, state } from './state.js';
import {
  bindPhone, decryptOpenData, endSession, loadApps, login, logout, refreshTokens, replayCode, run, selectPlatform,
} from './actions.js';
import { loadSessions } from './account.js';
import { linkIdentity, unlinkIdentity } from './identities.js';
import { on, render, renderLog, tick } from './rendering.js';

// ---------------------------------------------------------------- wiring

function setLanguage(lang) {
  state.lang = lang;
  safeStorage('set', lang);
  render();
}

on.platform = (id) => {
  selectPlatform(id);
  render();
};
on.app = (appId) => {
  state.appId = appId;
};

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
$('phone-reuse').addEventListener('click', () => {
  $('phone-number').value = state.lastPhone ?? '';
  $('phone-number').focus();
});
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
$('link-app').addEventListener('change', (event) => {
  state.linkAppId = event.target.value;
});
$('link').addEventListener('click', () => run(linkIdentity, { panel: 'identities' }));
// the Unlink button of each identity (rendering.js draws them with data-identity-unlink)
$('identities').addEventListener('click', (event) => {
  const unlink = event.target.closest('[data-identity-unlink]');
  if (unlink) {
    run(() => unlinkIdentity(unlink.dataset.identityUnlink), { panel: 'identities' });
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
// the apps (and so the platforms) come from the server; the page is ready once it has them
run(loadApps).finally(() => {
  document.body.dataset.ready = 'true';
});
