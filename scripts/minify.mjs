#!/usr/bin/env node
// Minifies the JavaScript of a built site in place: wasm-bindgen's glue and
// the analysis worker, which Trunk copies as they are. It then rewrites the
// subresource-integrity hash that index.html holds for each file it changed,
// so the browser still accepts them.
//
//   node scripts/minify.mjs dist
//
// Run after `trunk build --release` and before `csp.mjs` (make dist does).
// Precise mode's worker (precise/) is left as it is: it loads only on demand.
// Running it twice changes nothing the second time but a few bytes.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/minify.mjs DIST');
  process.exit(2);
}

const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const path = join(dir, name);
  const source = readFileSync(path, 'utf8');
  // The glue is an ES module; the worker is a classic script, whose top-level
  // names terser keeps as they are.
  const module = name !== 'worker.js';
  const out = await minify(source, { module, compress: true, mangle: true });
  if (typeof out.code !== 'string') throw new Error(`terser gave no code for ${name}`);
  writeFileSync(path, out.code);
  const sri = `sha384-${createHash('sha384').update(out.code, 'utf8').digest('base64')}`;
  // An integrity attribute follows or precedes the file's href in the same tag.
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    const href = tag.match(/\bhref=["']?\.?\/?([^"' >]+)/);
    if (!href || href[1] !== name) return tag;
    return tag.replace(/\bintegrity=(["']?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${sri}$1`);
  });
  console.log(`minify: ${name}: ${source.length} -> ${out.code.length} bytes`);
}
writeFileSync(htmlPath, html);
