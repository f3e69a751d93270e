#!/usr/bin/env node
// Static checks of the demo mini program, for when WeChat DevTools is not at hand (CI, review).
// No dependencies: `node check.js` from this folder or any other. Exits 1 on a problem.
//
// What it checks:
//   - every .json file parses; project.config.json names an existing miniprogramRoot and npm paths
//   - app.json: every page has its .js, .json, .wxml and .wxss; tabBar pages are pages; sitemap exists
//   - every .wxml is well formed (each tag closed, quotes and {{ }} balanced)
//   - every event handler bound in a page's .wxml (bindtap="x", catch:tap="x", …) is a function
//     of the object that page's .js passes to Page(); app.js calls App()
//   - every require() of a mini program file resolves (npm packages are stubbed: miniprogram_npm/
//     exists only after DevTools' "Build npm")
//   - every .js file is syntactically valid (`node --check`)
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');

const projectDir = __dirname;
const problems = [];
const notes = [];

function problem(file, message) {
  problems.push((file ? path.relative(projectDir, file) + ': ' : '') + message);
}

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const parsedJson = new Map();

function readJson(file) {
  if (!parsedJson.has(file)) {
    let value = null;
    try {
      value = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      problem(file, 'does not parse as JSON: ' + err.message);
    }
    parsedJson.set(file, value);
  }
  return parsedJson.get(file);
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

// ---- WXML ---------------------------------------------------------------------------------

const EVENT_ATTR = /^(?:bind|catch|capture-bind|capture-catch|mut-bind)(?::?)([A-Za-z][\w-]*)$/;

// A small scanner, strict where WXML is strict: every element is closed (<input/> included),
// attribute values are quoted. Returns the event bindings it saw.
function scanWxml(file) {
  const text = fs.readFileSync(file, 'utf8');
  const stack = [];
  const bindings = [];
  let i = 0;
  let nesting = true;                                    // false after the first misnested tag
  const fail = (at, message) => problem(file, 'line ' + lineOf(text, at) + ': ' + message);

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return fail(lt, 'unclosed comment'), bindings;
      i = end + 3;
      continue;
    }
    if (text[lt + 1] === '/') {
      const m = /^<\/([A-Za-z][\w-]*)\s*>/.exec(text.slice(lt));
      if (!m) return fail(lt, 'malformed closing tag'), bindings;
      const open = stack.pop();
      if (nesting && !open) fail(lt, '</' + m[1] + '> closes nothing');
      else if (nesting && open.name !== m[1]) fail(lt, '</' + m[1] + '> closes <' + open.name + '> of line ' + lineOf(text, open.at));
      if (!open || open.name !== m[1]) nesting = false;   // one report; the rest would only echo it
      i = lt + m[0].length;
      continue;
    }
    const nameMatch = /^<([A-Za-z][\w-]*)/.exec(text.slice(lt));
    if (!nameMatch) { i = lt + 1; continue; }          // a '<' in text, e.g. {{a < b}}
    const name = nameMatch[1];
    let j = lt + nameMatch[0].length;
    const seen = new Set();
    let closed = false;
    let selfClosing = false;
    while (j < text.length) {
      while (/\s/.test(text[j])) j++;
      if (text.startsWith('/>', j)) { selfClosing = true; closed = true; j += 2; break; }
      if (text[j] === '>') { closed = true; j += 1; break; }
      const attr = /^[^\s=/>"']+/.exec(text.slice(j));
      if (!attr) return fail(j, 'unexpected character in <' + name + '>'), bindings;
      const attrName = attr[0];
      const attrAt = j;
      j += attrName.length;
      while (/\s/.test(text[j])) j++;
      let value = null;
      if (text[j] === '=') {
        j++;
        while (/\s/.test(text[j])) j++;
        const quote = text[j];
        if (quote !== '"' && quote !== "'") return fail(j, 'unquoted value of ' + attrName), bindings;
        const end = text.indexOf(quote, j + 1);
        if (end < 0) return fail(j, 'unclosed quote in ' + attrName), bindings;
        value = text.slice(j + 1, end);
        j = end + 1;
      }
      if (seen.has(attrName)) fail(attrAt, 'attribute ' + attrName + ' given twice');
      seen.add(attrName);
      const event = EVENT_ATTR.exec(attrName);
      if (event) bindings.push({ attr: attrName, handler: value, line: lineOf(text, attrAt) });
    }
    if (!closed) return fail(lt, 'unclosed tag <' + name + '>'), bindings;
    if (name === 'wxs' && !selfClosing) {                 // inline script: skip its body
      const end = text.indexOf('</wxs>', j);
      if (end < 0) return fail(lt, 'unclosed <wxs>'), bindings;
      i = end + '</wxs>'.length;
      continue;
    }
    if (!selfClosing) stack.push({ name, at: lt });
    i = j;
  }
  if (nesting) for (const open of stack) fail(open.at, '<' + open.name + '> is never closed');

  const opens = (text.match(/\{\{/g) || []).length;
  const closes = (text.match(/\}\}/g) || []).length;
  if (opens !== closes) problem(file, opens + ' "{{" but ' + closes + ' "}}"');
  return bindings;
}

// ---- loading the mini program's JS in a sandbox ---------------------------------------------

function makeLoader(rootDir, npmDeps) {
  const cache = new Map();
  // Any wx.* or SDK call at load time returns a harmless stub.
  const stub = () => new Proxy(function () {}, {
    get: (target, key) => (key === 'then' ? undefined : stub()),
    apply: () => stub(),
    construct: () => stub(),
  });
  const captured = { app: null, pages: new Map() };
  let currentFile = null;
  const sandbox = {
    console, setTimeout, clearTimeout, setInterval, clearInterval, Promise,
    wx: stub(),
    getApp: () => captured.app || {},
    getCurrentPages: () => [],
    App: (options) => { captured.app = options; },
    Page: (options) => { captured.pages.set(currentFile, options); },
    Component: () => {},
    Behavior: (options) => options,
  };
  const context = vm.createContext(sandbox);

  function resolve(request, fromFile) {
    const base = request.startsWith('/') ? path.join(rootDir, request) : path.resolve(path.dirname(fromFile), request);
    for (const candidate of [base, base + '.js', path.join(base, 'index.js')]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    return null;
  }

  function load(file) {
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    const code = fs.readFileSync(file, 'utf8');
    let wrapper;
    try {
      wrapper = vm.runInContext('(function (module, exports, require) {' + code + '\n})', context, { filename: file });
    } catch (err) {
      return module.exports;             // a syntax error: node --check below reports it
    }
    const localRequire = (request) => {
      if (!request.startsWith('.') && !request.startsWith('/')) {
        if (npmDeps.has(request)) {
          // The SDK itself is not loaded: only the names taken from it must exist.
          class WxLoginError extends Error {}
          return new Proxy({ WxLoginError }, { get: (t, key) => (key in t ? t[key] : stub()) });
        }
        problem(file, "require('" + request + "'): not a dependency in package.json (mini programs load packages only from miniprogram_npm)");
        return stub();
      }
      const target = resolve(request, file);
      if (!target) {
        problem(file, "require('" + request + "') finds no file");
        return stub();
      }
      if (!target.startsWith(rootDir + path.sep)) problem(file, "require('" + request + "') leaves the mini program root");
      return load(target);
    };
    const previous = currentFile;
    currentFile = file;
    try {
      wrapper.call(module.exports, module, module.exports, localRequire);
    } catch (err) {
      problem(file, 'throws when loaded: ' + err.message);
    } finally {
      currentFile = previous;
    }
    return module.exports;
  }

  return { load, captured };
}

// ---- the checks ---------------------------------------------------------------------------

function main() {
  const files = walk(projectDir, []);

  for (const file of files.filter((f) => f.endsWith('.json'))) readJson(file);

  const project = readJson(path.join(projectDir, 'project.config.json')) || {};
  if (!/^wx[0-9a-f]{16}$/.test(project.appid || '')) problem(null, 'project.config.json: appid is not an appid');
  const rootDir = path.resolve(projectDir, project.miniprogramRoot || '.');
  if (!fs.existsSync(rootDir)) {
    problem(null, 'project.config.json: miniprogramRoot ' + project.miniprogramRoot + ' does not exist');
    return finish();
  }
  const setting = project.setting || {};
  for (const rel of setting.packNpmRelationList || []) {
    if (!fs.existsSync(path.resolve(projectDir, rel.packageJsonPath))) problem(null, 'project.config.json: no ' + rel.packageJsonPath);
    const dist = path.resolve(projectDir, rel.miniprogramNpmDistDir);
    if (!fs.existsSync(dist)) problem(null, 'project.config.json: no ' + rel.miniprogramNpmDistDir);
    else if (dist !== rootDir) notes.push('miniprogram_npm/ is built into ' + rel.miniprogramNpmDistDir + ', not the mini program root');
  }

  const pkg = readJson(path.join(projectDir, 'package.json')) || {};
  const npmDeps = new Set(Object.keys(pkg.dependencies || {}));

  const appJsonFile = path.join(rootDir, 'app.json');
  const appJson = fs.existsSync(appJsonFile) ? readJson(appJsonFile) : (problem(null, 'no app.json in ' + rootDir), null);
  if (!appJson) return finish();
  if (!fs.existsSync(path.join(rootDir, 'app.js'))) problem(null, 'no app.js');
  const pages = Array.isArray(appJson.pages) ? appJson.pages : [];
  if (!pages.length) problem(appJsonFile, 'no pages');
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml', '.wxss']) {
      if (!fs.existsSync(path.join(rootDir, page + ext))) problem(appJsonFile, 'page ' + page + ' has no ' + page + ext);
    }
  }
  for (const tab of (appJson.tabBar && appJson.tabBar.list) || []) {
    if (!pages.includes(tab.pagePath)) problem(appJsonFile, 'tabBar page ' + tab.pagePath + ' is not in pages');
  }
  if (appJson.sitemapLocation && !fs.existsSync(path.join(rootDir, appJson.sitemapLocation))) {
    problem(appJsonFile, 'sitemapLocation ' + appJson.sitemapLocation + ' does not exist');
  }
  // Custom components named in any page's or the app's usingComponents must exist (or be npm ones).
  for (const jsonFile of [appJsonFile].concat(pages.map((p) => path.join(rootDir, p + '.json')))) {
    if (!fs.existsSync(jsonFile)) continue;
    const json = readJson(jsonFile) || {};
    for (const [tag, target] of Object.entries(json.usingComponents || {})) {
      if (!target.startsWith('.') && !target.startsWith('/')) continue;
      const base = target.startsWith('/') ? path.join(rootDir, target) : path.resolve(path.dirname(jsonFile), target);
      if (!fs.existsSync(base + '.js')) problem(jsonFile, 'component <' + tag + '> has no ' + target + '.js');
    }
  }

  // Load app.js first (as the mini program does), then every page.
  const loader = makeLoader(rootDir, npmDeps);
  if (fs.existsSync(path.join(rootDir, 'app.js'))) {
    loader.load(path.join(rootDir, 'app.js'));
    if (!loader.captured.app) problem(null, 'app.js does not call App()');
  }
  let handlersChecked = 0;
  for (const page of pages) {
    const jsFile = path.join(rootDir, page + '.js');
    const wxmlFile = path.join(rootDir, page + '.wxml');
    if (!fs.existsSync(jsFile) || !fs.existsSync(wxmlFile)) continue;
    loader.load(jsFile);
    const options = loader.captured.pages.get(jsFile);
    if (!options) {
      problem(jsFile, 'does not call Page()');
      continue;
    }
    for (const b of scanWxml(wxmlFile)) {
      if (!b.handler || /\{\{/.test(b.handler)) {
        notes.push(path.relative(projectDir, wxmlFile) + ' line ' + b.line + ': ' + b.attr + ' names its handler dynamically; not checked');
        continue;
      }
      handlersChecked++;
      if (typeof options[b.handler] !== 'function') {
        problem(wxmlFile, 'line ' + b.line + ': ' + b.attr + '="' + b.handler + '" but ' + page + '.js has no such method');
      }
    }
  }
  // Any other WXML (templates, components) is at least checked for form.
  for (const file of files.filter((f) => f.endsWith('.wxml'))) {
    if (!pages.some((p) => path.join(rootDir, p + '.wxml') === file)) scanWxml(file);
  }

  const jsFiles = files.filter((f) => f.endsWith('.js'));
  for (const file of jsFiles) {
    try {
      execFileSync(process.execPath, ['--check', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      problem(file, 'node --check: ' + String(err.stderr || err.message).trim().split('\n').slice(0, 5).join(' | '));
    }
  }

  notes.push(pages.length + ' pages, ' + handlersChecked + ' event handlers, ' + jsFiles.length + ' JS files checked');
  return finish();
}

function finish() {
  for (const note of notes) console.log('note: ' + note);
  for (const p of problems) console.error('PROBLEM: ' + p);
  if (problems.length) {
    console.error(problems.length + ' problem(s)');
    process.exit(1);
  }
  console.log('ok');
}

main();
