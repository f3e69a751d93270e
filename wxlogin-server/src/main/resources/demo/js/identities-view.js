// The identities panel, drawn from `state`: the user's identities, each with its unlink button, the row
// to link another app, and the panel's own message.
import { $, state } from './state.js';
import { t, tm } from './strings.js';
import { el, localTime, shorten } from './formatting.js';
import { appLabel, isCurrentIdentity, linkableApps, platformName } from './apps.js';

/** The user's identities (platform, app, ids, times), each with its unlink button, and the link row. */
export function renderIdentities() {
  const { session, busy } = state;
  const list = Array.isArray(state.identities) ? state.identities : [];
  const unavailable = state.identities === 'unavailable';
  $('identities-empty').hidden = list.length > 0;
  $('identities-empty').textContent = t(unavailable ? 'ids.unavailable' : 'ids.empty');
  $('identities-table').hidden = list.length === 0;
  $('identities').replaceChildren(...list.map((identity) => {
    const current = isCurrentIdentity(identity);
    const unlink = el('button', {
      type: 'button', class: 'btn btn-small btn-danger-outline', 'data-identity-unlink': identity.id,
    }, t('ids.unlink'));
    unlink.disabled = busy;
    return el('tr', {
      class: current ? 'current' : '', 'data-identity': identity.id, 'data-platform': identity.platform,
      'data-app-id': identity.appId, 'data-current': String(current),
    },
    el('td', {}, el('span', { class: 'tag tag-platform', 'data-platform': identity.platform }, tm(platformName(identity.platform)))),
    el('td', {}, el('div', {}, tm(appLabel(identity.appId)),
      current ? el('span', { class: 'tag tag-current' }, t('ids.current')) : null),
    el('code', { class: 'sub-code' }, identity.appId)),
    el('td', {}, el('code', { title: identity.openid }, shorten(identity.openid ?? '', 10, 6))),
    el('td', {}, identity.unionid
      ? el('code', { title: identity.unionid }, shorten(identity.unionid, 10, 6))
      : el('span', { class: 'placeholder' }, t('profile.none'))),
    el('td', { class: 'time' }, identity.createdAt ? localTime(new Date(identity.createdAt)) : ''),
    el('td', { class: 'time' }, identity.lastLoginAt ? localTime(new Date(identity.lastLoginAt)) : '—'),
    el('td', { class: 'action' }, unlink));
  }));

  const linkable = linkableApps();
  $('link-row').hidden = !session || unavailable || state.identities === null;
  const select = $('link-app');
  if (!linkable.some((a) => a.appId === state.linkAppId)) {
    state.linkAppId = linkable[0]?.appId ?? null;
  }
  select.replaceChildren(...linkable.map((a) => el('option', { value: a.appId, selected: a.appId === state.linkAppId },
    `${tm(appLabel(a.appId))} · ${a.appId}`)));
  select.disabled = busy || linkable.length === 0;
  $('link').disabled = busy || linkable.length === 0;
  $('link-hint').textContent = session ? t(linkable.length ? 'ids.linkHint' : 'ids.allLinked', { user: session.userName }) : '';

  const message = $('identities-message');
  message.textContent = state.identitiesMessage ? tm(state.identitiesMessage) : '';
  message.className = `message ${state.identitiesMessage ? `message-${state.identitiesMessage.kind}` : ''}`;
}
