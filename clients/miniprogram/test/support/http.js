'use strict';
// Plain HTTP for the tests (Node's http module): the SDK itself never uses it.
const http = require('node:http');

function httpJson(method, url, body, headers = {}) {
  return httpText(method, url, body, headers).then((res) => {
    let data = res.text;
    try { data = res.text ? JSON.parse(res.text) : ''; } catch { /* not JSON: keep the text, as wx.request does */ }
    return { statusCode: res.statusCode, data, header: res.header };
  });
}

/** The answer's body as text, unparsed: { statusCode, text, header }. */
function httpText(method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const h = { Accept: '*/*', ...headers };
    if (payload) {
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
      h['Content-Length'] = payload.length;
    }
    const req = http.request(url, { method, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        resolve({ statusCode: res.statusCode, text: Buffer.concat(chunks).toString('utf8'), header: res.headers });
      });
      res.on('error', reject);
    });
    req.setTimeout(30000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

module.exports = { httpJson, httpText };
