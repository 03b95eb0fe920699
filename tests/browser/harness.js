// Shared set-up for the browser tests: a static server for dist/ on 127.0.0.1,
// headless Chromium through playwright-core, and guards that record console
// errors and any request that leaves 127.0.0.1.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
// NewsMTSC's train split sits beside the project (../shared), never in it.
const TRAIN = path.join(ROOT, '..', 'shared', 'eval', 'newsmtsc', 'train.jsonl');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on 127.0.0.1 under an optional sub-path prefix, at `port`, or
 * at an ephemeral port when `port` is 0 or already taken.
 */
function serve(dir = DIST, prefix = '/', port = 0) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run \`make dist\` first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    rel = rel.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = MIME[path.extname(file)] || 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    const listening = () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    };
    server.once('error', (err) => {
      if (err.code !== 'EADDRINUSE' || port === 0) return reject(err);
      server.listen(0, '127.0.0.1', listening);
    });
    server.listen(port, '127.0.0.1', listening);
  });
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a fresh context and page with guards: `errors` collects console errors
 * and page errors, `foreign` collects requests to anywhere but 127.0.0.1.
 */
async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  watch(page, errors);
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    const local = u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'file:' || u.hostname === '127.0.0.1';
    if (!local) {
      foreign.push(route.request().url());
      return route.abort();
    }
    return route.continue();
  });
  return { context, page, errors, foreign };
}

/**
 * Records `page`'s console errors, page errors and failed responses in
 * `errors`: for a second page opened in a context from `openPage`, whose
 * route guard already covers every page in it.
 */
function watch(page, errors) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  return page;
}

/** Clicks `selector` and returns the download it starts: its suggested name and its bytes. */
async function download(page, selector) {
  const started = page.waitForEvent('download');
  await page.click(selector);
  const d = await started;
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A screenshot of one element (a panel), for the docs. */
async function screenshotOf(locator, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  await locator.screenshot({ path: file });
  return file;
}

/** Pastes `text` into the article box as a user would: the value replaced, then an insertFromPaste input event. */
async function paste(page, text) {
  await page.locator('[data-testid="article-input"]').evaluate((el, t) => {
    el.focus();
    el.select();
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', data: null, bubbles: true }));
  }, text);
}

/**
 * About `bytes` of real news: NewsMTSC train sentences four to a paragraph,
 * from sentence `from` on; `fallback` text split into sentences where the
 * split is not beside the project.
 */
function realNews(bytes, from = 0, fallback = '') {
  const sentences = fs.existsSync(TRAIN)
    ? fs
        .readFileSync(TRAIN, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l).sentence_normalized)
    : fallback.split(/(?<=\.)\s+/);
  const paragraphs = [];
  let size = 0;
  for (let i = from; size < bytes && sentences.length; i += 4) {
    const p = [0, 1, 2, 3].map((k) => sentences[(i + k) % sentences.length]).join(' ');
    paragraphs.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  return paragraphs.join('\n\n');
}

/**
 * Serves `serve(...args)` and launches Chromium once for a test file: the
 * returned object's `server` and `browser` are set before its first test and
 * closed after its last.
 */
function useSite(...args) {
  const test = require('node:test');
  const site = { server: null, browser: null };
  test.before(async () => {
    site.server = await serve(...args);
    site.browser = await launch();
  });
  test.after(async () => {
    if (site.browser) await site.browser.close();
    if (site.server) await site.server.close();
  });
  return site;
}

module.exports = { ROOT, DIST, TRAIN, serve, launch, useSite, openPage, watch, download, screenshot, screenshotOf, realNews, paste };
