'use strict';
// Derives esm/index.mjs from src/index.js, the one source: the same code, with the CommonJS export
// line at its end turned into ESM named exports. No build tool; `npm run build` (and `prepack`)
// runs it, and test/package.test.js fails when the committed file is out of date.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const SOURCE = path.join(root, 'src', 'index.js');
const TARGET = path.join(root, 'esm', 'index.mjs');
const EXPORTS = /^module\.exports = \{ (.+) \};\n$/m;

function esmFrom(source) {
  const m = EXPORTS.exec(source);
  if (!m) throw new Error('src/index.js: the closing `module.exports = { … };` line is missing');
  const names = m[1].split(',').map((pair) => {
    const [key, value] = pair.split(':').map((s) => s.trim());
    if (key !== value) throw new Error(`export ${key} must name a binding of the same name`);
    return key;
  });
  const body = source
    .replace(/^'use strict';\n/, '')
    .replace(EXPORTS, `export { ${names.join(', ')} };\n`);
  return '// Generated from src/index.js by scripts/build-esm.js: edit the source, then `npm run build`.\n' + body;
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, esmFrom(fs.readFileSync(SOURCE, 'utf8')));
  console.log('wrote', path.relative(root, TARGET));
}

module.exports = { esmFrom, SOURCE, TARGET };
