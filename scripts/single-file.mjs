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

// The glue is an ES module; inline it as one and start it with the bytes. It
// may be minified (make dist runs terser): then its exports are one
// `export{local as name,...}` list, and the init function is the local name
// exported as `default`.
let init = '__wbg_init';
glue = glue.replace(/export\s*\{([^}]*)\};?/, (_, list) => {
  for (const item of list.split(',')) {
    const [local, name = local] = item.trim().split(/\s+as\s+/);
    if (name === 'default') init = local;
  }
  return '';
});
glue = glue.replace(/(^|[;}\s])export (function|class|const|let|async function) /g, '$1$2 ');
if (/(^|[;}\s])export\b/.test(glue)) throw new Error('unexpected export left in the wasm-bindgen glue');
if (!new RegExp(`function ${init.replace(/\$/g, '\\$')}\\b`).test(glue)) throw new Error(`no init function ${init} in the glue`);
const boot = `${glue}
const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
await ${init}({ module_or_path: bytes });
`;

const template = readFileSync(join(dist, 'index.html'), 'utf8');
// The head's <meta> tags (but the policy, which is written anew) and title.
// A minified page may leave out the <head> tag itself and put every tag on one line.
const head = template.match(/(?:<head>|<html[^>]*>)([\s\S]*?)<\/head>/i)[1];
const keep = [...head.matchAll(/<meta\b[^>]*>|<title>[\s\S]*?<\/title>/gi)]
  .map((m) => m[0])
  .filter((tag) => !/Content-Security-Policy/i.test(tag))
  .map((tag) => `    ${tag}`)
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
