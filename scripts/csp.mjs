#!/usr/bin/env node
// Adds a Content-Security-Policy to a built index.html: the page may run only
// its own scripts (and the loader Trunk inlines, allowed by its hash), compile
// its own WebAssembly, and connect nowhere but its own origin.
//
//   node scripts/csp.mjs dist/index.html
//
// Run after every `trunk build` (make dist does). Idempotent: an existing
// policy is replaced.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** The sha256 source expressions of every inline <script> in `html`. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/.test(m[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The policy for a page whose inline scripts hash to `hashes`. */
export function policy(hashes, { self = true } = {}) {
  const own = self ? "'self' " : '';
  return [
    "default-src 'none'",
    `script-src ${own}'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    // Components set colours and sizes in style attributes.
    `style-src ${own}'unsafe-inline'`,
    `img-src ${own}data: blob:`,
    `connect-src ${self ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** `html` with its policy meta tag set for its current inline scripts. */
export function withPolicy(html, options) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inlineScriptHashes(html), options)}" />`;
  const cleaned = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  return cleaned.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    ${meta}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/csp.mjs dist/index.html');
    process.exit(2);
  }
  const html = readFileSync(file, 'utf8');
  if (!/<meta charset=/i.test(html)) {
    console.error(`${file}: no <meta charset> to put the policy after`);
    process.exit(1);
  }
  writeFileSync(file, withPolicy(html));
  console.log(`csp: ${file}: ${inlineScriptHashes(html).length} inline script(s) allowed by hash`);
}
