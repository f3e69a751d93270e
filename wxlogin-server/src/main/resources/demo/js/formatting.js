// Formatting: short codes, durations, times, decoded JWTs, and DOM nodes built without innerHTML.
import { state } from './state.js';

export function shorten(text, head, tail) {
  return text.length <= head + tail + 1 ? text : `${text.slice(0, head)}…${text.slice(-tail)}`;
}

export function duration(seconds) {
  if (seconds % 86400 === 0) {
    return state.lang === 'zh' ? `${seconds / 86400} 天` : `${seconds / 86400} days`;
  }
  if (seconds % 60 === 0) {
    return state.lang === 'zh' ? `${seconds / 60} 分钟` : `${seconds / 60} min`;
  }
  return `${seconds} s`;
}

export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

export function localTime(date) {
  return date.toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}

function base64UrlJson(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function decodeJwt(token) {
  const [header, payload, signature] = token.split('.');
  return { parts: [header, payload, signature], header: base64UrlJson(header), claims: base64UrlJson(payload) };
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('data-') || name === 'type' || name === 'title') {
      node.setAttribute(name, value);
    } else {
      node[name] = value;
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Pretty JSON as DOM nodes (never innerHTML: values come from the network and a free-text user name). */
function jsonNodes(value, indent = '') {
  const out = [];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return ['[]'];
    }
    out.push('[\n');
    value.forEach((item, i) => {
      out.push(inner, ...jsonNodes(item, inner), i < value.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}]`);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      return ['{}'];
    }
    out.push('{\n');
    entries.forEach(([key, item], i) => {
      out.push(inner, el('span', { class: 'j-key' }, JSON.stringify(key)), ': ',
        ...jsonNodes(item, inner), i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}}`);
  } else if (typeof value === 'string') {
    out.push(el('span', { class: 'j-str' }, JSON.stringify(value)));
  } else if (typeof value === 'number') {
    out.push(el('span', { class: 'j-num' }, String(value)));
  } else {
    out.push(el('span', { class: 'j-lit' }, String(value)));
  }
  return out;
}

export function showJson(node, value) {
  node.replaceChildren(...jsonNodes(value));
}
