#!/usr/bin/env node
// Writes the release build as one HTML file that opens from file:// and works
// offline: the stylesheet, the favicon, the JavaScript glue and the
// WebAssembly (as base64) inlined, with a Content-Security-Policy that allows
// only that inline script.
//
//   node scripts/single-file.mjs dist single/slant.html
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withPolicy } from './csp.mjs';

const [dist = 'dist', out = 'single/slant.html'] = process.argv.slice(2);
const files = readdirSync(dist);
const find = (re) => {
  const name = files.find((f) => re.test(f));
  if (!name) throw new Error(`${dist}: no file matching ${re}; run make dist first`);
  return join(dist, name);
};

const css = readFileSync(find(/\.css$/), 'utf8');
const icon = readFileSync(find(/\.svg$/)).toString('base64');
const wasm = readFileSync(find(/_bg\.wasm$/)).toString('base64');
let glue = readFileSync(find(/^slant-web-[0-9a-f]+\.js$/), 'utf8');

// The glue is an ES module; inline it as one and start it with the bytes.
glue = glue
  .replace(/^export\s*\{[^}]*\};?\s*$/m, '')
  .replace(/^export (function|class|const|let|async function) /gm, '$1 ');
if (/^\s*export\b/m.test(glue)) throw new Error('unexpected export left in the wasm-bindgen glue');
if (!/function __wbg_init\b|async function __wbg_init\b/.test(glue)) throw new Error('no __wbg_init in the glue');
const boot = `${glue}
const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
`;

const template = readFileSync(join(dist, 'index.html'), 'utf8');
const head = template.match(/<head>([\s\S]*?)<\/head>/i)[1];
const keep = head
  .split('\n')
  .filter((l) => /<meta |<title>/i.test(l) && !/Content-Security-Policy/i.test(l))
  .join('\n');
const body = template.match(/<body>([\s\S]*?)<\/body>/i)[1];
const html = `<!doctype html>
<html lang="en">
  <head>
${keep}
    <link rel="icon" href="data:image/svg+xml;base64,${icon}" />
    <style>
${css}
    </style>
    <script type="module">${boot}</script>
  </head>
  <body>${body}</body>
</html>
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, withPolicy(html, { self: false }));
console.log(`single-file: ${out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)`);
