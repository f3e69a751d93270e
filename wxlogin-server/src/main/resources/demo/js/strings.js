// Strings: a key of i18n.js in the current language, with its {name} parameters filled in.
import { STRINGS } from './i18n.js';
import { state } from './state.js';
import { duration } from './formatting.js';

export function t(key, params = {}) {
  const text = STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
}

/** A message kept in state: {key, params}; a parameter may be a message itself or {seconds}, drawn in the current language. */
export function tm(message) {
  if (!message) {
    return '';
  }
  const params = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    if (value && typeof value === 'object' && 'seconds' in value) {
      params[name] = duration(value.seconds);
    } else if (value && typeof value === 'object' && value.key) {
      params[name] = tm(value);
    } else {
      params[name] = value;
    }
  }
  return t(message.key, params);
}
