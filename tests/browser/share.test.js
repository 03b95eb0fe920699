// Share, keep and export: links that reopen the same analysis in a fresh
// browser, drafts that survive a reload, hostile links, downloads, the
// single-file build, storage that fails, pasted markup and a 5 MB paste.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');
const { ROOT, DIST, openPage, watch, download, screenshotOf, paste, useSite } = require('./harness');

const SEED = fs.readFileSync(path.join(ROOT, 'seeds', 'macron-starmer-white-house.txt'), 'utf8');
const SHORT = 'Russia attacked Ukraine.\n\nBritain praised Ukraine.';
const DRAFT_KEY = 'slant.draft.v1';
const CSV_HEADER = 'paragraph,actor_id,actor,score,label,mentions,positive,negative,top_evidence,made_by';

// A fixed port when it is free, so that the link in the share screenshot is the same on every run.
const site = useSite(DIST, '/', 47615);

/** Opens `url` (the app by default) in a fresh context and waits for the chart. */
async function open(url = site.server.url, options = {}) {
  const opened = await openPage(site.browser, { viewport: { width: 1280, height: 900 }, ...options });
  await opened.page.goto(url);
  await opened.page.waitForSelector('[data-testid="heatmap-cell"]');
  return opened;
}

/** Opens `url` in another page of the same context (same storage), guarded like the first. */
async function openAlso(context, errors, url) {
  const page = watch(await context.newPage(), errors);
  await page.goto(url);
  await page.waitForSelector('[data-testid="heatmap-cell"]');
  return page;
}

/** Every heatmap cell's score, by "paragraph/actor". */
async function cellScores(page) {
  return page.$$eval('[data-testid="heatmap-cell"]', (cells) =>
    Object.fromEntries(cells.map((c) => [`${c.dataset.paragraph}/${c.dataset.actor}`, c.dataset.score])),
  );
}

async function paragraphs(page) {
  return page.locator('[data-testid="paragraph"]').count();
}

/** The stored draft, parsed, or null. */
async function storedDraft(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) || 'null'), DRAFT_KEY);
}

/** Waits until the stored draft's text is `text`. */
async function draftSaved(page, text) {
  await page.waitForFunction(
    ([key, t]) => {
      const d = JSON.parse(localStorage.getItem(key) || 'null');
      return d && d.text === t;
    },
    [DRAFT_KEY, text],
  );
}

/** Sets a lexicon override through the editor. */
async function setValence(page, term, valence) {
  const editor = page.locator('[data-testid="lexicon-editor"]');
  await editor.waitFor();
  await page.fill('#lexicon-term', term);
  await page.fill('#lexicon-valence', String(valence));
  await page.click('[data-testid="lexicon-set"]');
  await editor.locator(`[data-testid="lexicon-override"][data-term="${term}"]`).waitFor();
  // The override shows at once; the chart changes when the worker's report arrives.
  await page.waitForFunction(() => !document.querySelector('[data-testid="analysing"]'));
}

/** A share fragment made the way another tool would: raw DEFLATE of the JSON, base64url. */
function fragmentOf(json) {
  return `#v1.${zlib.deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

/** Deterministic filler that compresses poorly: long links. */
function words(n, seed = 7) {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'pe', 'shu', 'dra', 'qui'];
  let x = seed;
  const out = [];
  for (let i = 0; i < n; i += 1) {
    let w = '';
    for (let k = 0; k < 2 + (i % 3); k += 1) {
      x = (x * 1103515245 + 12345) % 2147483648;
      w += syllables[x % syllables.length];
    }
    out.push(w);
  }
  return out.join(' ');
}

test('a shared link opens the same analysis in a fresh browser', async () => {
  const { context, page, errors, foreign } = await open();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.server.url).origin });
  const before = await cellScores(page);
  // Edit: add an actor, switch one off, and set a word's valence.
  await page.locator('[data-testid="actor-list"]').waitFor();
  await page.fill('#add-name', 'White House');
  await page.selectOption('#add-kind', 'organisation');
  await page.click('[data-testid="add-actor"] button[type="submit"]');
  await page.locator('[data-testid="actor-list"] li[data-actor="white-house"]').waitFor();
  await page.locator('[data-testid="actor-list"] li[data-actor="france"] input[type="checkbox"]').uncheck();
  await page.waitForFunction(() => !document.querySelector('[data-testid="heatmap-cell"][data-actor="france"]'));
  await setValence(page, 'reassurance', 4);
  await setValence(page, 'rallied', -2.5);
  const edited = await cellScores(page);
  assert.notDeepEqual(edited, before, 'the edits changed the chart');

  await page.click('[data-testid="share-button"]');
  const input = page.locator('[data-testid="share-link"]');
  await input.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]').innerText === 'Copied.');
  const link = await input.inputValue();
  assert.ok(link.startsWith(`${site.server.url}#v1.`), link.slice(0, 60));
  assert.ok(await input.evaluate((el) => el.readOnly), 'the link is read-only');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.equal(page.url(), link, 'the address bar holds the link too');
  assert.match(await page.locator('[data-testid="share-length"]').innerText(), new RegExp(`${link.length.toLocaleString('en')} characters`));
  assert.equal(await page.locator('[data-testid="share-warning"]').count(), 0, 'a short link has no warning');
  await screenshotOf(page.locator('[data-testid="share-panel"]'), 'share.png');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();

  // A fresh context: no draft, nothing shared but the link.
  const fresh = await open(link);
  const p = fresh.page;
  assert.equal(await storedDraft(p), null);
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 18);
  assert.deepEqual(await cellScores(p), edited);
  assert.equal(await p.locator('[data-testid="article-input"]').inputValue(), SEED);
  const overrides = p.locator('[data-testid="lexicon-editor"] [data-testid="lexicon-override"]');
  await overrides.first().waitFor();
  assert.equal(await overrides.count(), 2);
  // The text itself: panels out of view are not rendered (`content-visibility`), so they have no `innerText` yet.
  assert.match(await overrides.nth(0).textContent(), /“reassurance”: \+4\.00/);
  assert.match(await overrides.nth(1).textContent(), /“rallied”: −2\.50/);
  assert.match(await p.locator('[data-testid="actor-list"] li.off[data-actor="france"]').textContent(), /France/);
  assert.match(await p.locator('[data-testid="actor-list"] li[data-actor="white-house"]').textContent(), /added by you/);
  assert.equal(await p.locator('[data-testid="draft-notice"]').count(), 0, 'no draft to restore');
  assert.equal(await p.locator('[data-testid="error-banner"]').count(), 0);
  assert.deepEqual(fresh.errors, []);
  assert.deepEqual(fresh.foreign, []);
  await fresh.context.close();
});

test('without a clipboard the link is selected for copying by hand', async () => {
  const { context, page, errors } = await openPage(site.browser);
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
  });
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid="heatmap-cell"]');
  await page.click('[data-testid="share-button"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]').innerText !== 'Copying…');
  assert.equal(await page.locator('[data-testid="share-status"]').innerText(), 'Select the link and copy it.');
  const selected = await page.evaluate(() => {
    const el = document.activeElement;
    return el.dataset.testid === 'share-link' && el.selectionStart === 0 && el.selectionEnd === el.value.length;
  });
  assert.ok(selected, 'the link input is focused with its text selected');
  assert.deepEqual(errors, []);
  await context.close();
});

test('long links are warned about, and too-long articles are offered as a file that opens again', async () => {
  const { context, page, errors, foreign } = await open();
  // Text that compresses poorly gives a link over 8,000 characters.
  await paste(page, `Russia attacked Ukraine.\n\n${words(6000)}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  await page.click('[data-testid="share-button"]');
  const warning = page.locator('[data-testid="share-warning"]');
  await warning.waitFor();
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.ok(link.length > 8000, `${link.length}`);
  assert.match(await warning.innerText(), /download it as a file/);

  // More than a link carries (1 MB): no link, a file instead.
  let big = '';
  while (big.length < 1.2 * 1024 * 1024) big += `${SEED}\n`;
  await paste(page, big);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length > 200, null, { timeout: 60000 });
  await page.click('[data-testid="share-button"]');
  const tooLong = page.locator('[data-testid="share-too-long"]');
  await tooLong.waitFor();
  assert.match(await tooLong.innerText(), /too long for a link/);
  assert.equal(await page.locator('[data-testid="share-link"]').count(), 0);
  const file = await download(page, '[data-testid="download-state"]');
  assert.equal(file.name, 'slant-analysis.json');
  const saved = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(saved.slant, 'share-state');
  assert.equal(saved.text, big);
  assert.deepEqual(errors, []);
  await context.close();

  // The file opens again in a fresh browser, through the file picker.
  const fresh = await open();
  await fresh.page.setInputFiles('[data-testid="file-input"]', {
    name: 'slant-analysis.json',
    mimeType: 'application/json',
    buffer: file.bytes,
  });
  await fresh.page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length > 200, null, {
    timeout: 60000,
  });
  assert.equal((await fresh.page.locator('[data-testid="article-input"]').inputValue()).length, big.length);
  assert.equal(await fresh.page.locator('[data-testid="error-banner"]').count(), 0);
  // A report export is not a saved analysis: a clear message, the text kept.
  await fresh.page.setInputFiles('[data-testid="file-input"]', {
    name: 'slant-report.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"slant":"report","v":1,"report":{}}'),
  });
  await fresh.page.locator('[data-testid="error-banner"]').waitFor();
  assert.match(await fresh.page.locator('[data-testid="error-banner"]').innerText(), /report export, not a saved analysis/);
  assert.deepEqual(fresh.errors, []);
  assert.deepEqual([...foreign, ...fresh.foreign], []);
  await fresh.context.close();
});

test('the draft comes back on reload; New starts afresh and can be undone', async () => {
  const { context, page, errors, foreign } = await open();
  await paste(page, SHORT);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  await setValence(page, 'praised', -3);
  await page.locator('[data-testid="actor-list"] li[data-actor="russia"] input[type="checkbox"]').uncheck();
  await page.waitForFunction(() => !document.querySelector('[data-testid="heatmap-cell"][data-actor="russia"]'));
  await page.waitForFunction((key) => {
    const d = JSON.parse(localStorage.getItem(key) || 'null');
    return d && d.switched_off && d.switched_off.includes('russia');
  }, DRAFT_KEY);
  const scores = await cellScores(page);

  await page.reload();
  await page.waitForSelector('[data-testid="heatmap-cell"]');
  assert.equal(await page.locator('[data-testid="article-input"]').inputValue(), SHORT);
  assert.deepEqual(await cellScores(page), scores);
  await page.locator('[data-testid="lexicon-override"][data-term="praised"]').waitFor();
  assert.equal(await page.locator('[data-testid="actor-list"] li.off[data-actor="russia"]').count(), 1);

  // New: an empty article with no edits, and an undo.
  await page.click('[data-testid="new"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 0);
  assert.equal(await page.locator('[data-testid="article-input"]').inputValue(), '');
  assert.equal(await page.locator('[data-testid="lexicon-override"]').count(), 0);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  assert.equal(await page.locator('[data-testid="article-input"]').inputValue(), SHORT);
  assert.equal(await page.locator('[data-testid="lexicon-override"]').count(), 1);
  // Load example keeps the edits and can be undone too.
  await page.click('[data-testid="load-example"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 18);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a link over a different draft offers the draft back and leaves it stored until an edit', async () => {
  const { context, page, errors, foreign } = await open();
  await paste(page, SHORT);
  await draftSaved(page, SHORT);
  const link = `${site.server.url}${fragmentOf(JSON.stringify({ v: 1, text: 'France condemned Russia.' }))}`;
  const other = await openAlso(context, errors, link);
  assert.equal(await other.locator('[data-testid="article-input"]').inputValue(), 'France condemned Russia.');
  const notice = other.locator('[data-testid="draft-notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /You have a saved draft from before this link\. Restore it\?/);
  await other.waitForTimeout(800);
  assert.equal((await storedDraft(other)).text, SHORT, 'opening the link did not overwrite the draft');
  await other.click('[data-testid="restore-draft"]');
  await other.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  assert.equal(await other.locator('[data-testid="article-input"]').inputValue(), SHORT);
  assert.equal(await notice.count(), 0);
  await other.close();

  // Editing the shared article makes it the draft, and the link leaves the address bar.
  const third = await openAlso(context, errors, link);
  await third.locator('[data-testid="draft-notice"]').waitFor();
  await paste(third, 'France condemned Russia. Germany agreed.');
  await draftSaved(third, 'France condemned Russia. Germany agreed.');
  await third.waitForFunction(() => location.hash === '');
  // The old draft can still be restored from this page.
  await third.click('[data-testid="restore-draft"]');
  await third.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  await draftSaved(third, SHORT);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('hostile and broken links show a clear message and the draft is kept', async () => {
  const { context, page, errors, foreign } = await open();
  await paste(page, SHORT);
  await setValence(page, 'praised', 2);
  await draftSaved(page, SHORT);
  const draft = await storedDraft(page);
  const real = fragmentOf(JSON.stringify({ v: 1, text: SEED }));
  const bomb = `#v1.${zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 }).toString('base64url')}`;
  const cases = [
    ['#v1.@@@', /damaged or incomplete/],
    [real.slice(0, Math.floor(real.length / 2) + 1), /damaged/],
    ['#v2.abc', /made by a newer version of Slant \(format v2\)/],
    [`#v1.${Buffer.from([0xff, 0xfe, 0x13, 0x37, 0x00, 0x42, 0x99]).toString('base64url')}`, /could not be unpacked/],
    [bomb, /unpacks to more than 2\.0 MB/],
    [fragmentOf('{"v":1,"text":7}'), /not a Slant analysis that this version can read/],
  ];
  for (const [fragment, message] of cases) {
    const other = await openAlso(context, errors, `${site.server.url}${fragment}`);
    const banner = other.locator('[data-testid="error-banner"]');
    await banner.waitFor();
    assert.match(await banner.innerText(), message, fragment.slice(0, 20));
    // The app works on the saved draft.
    assert.equal(await other.locator('[data-testid="article-input"]').inputValue(), SHORT);
    assert.ok((await other.locator('[data-testid="heatmap-cell"]').count()) > 0);
    // The lexicon editor is among the panels mounted a few tasks after the chart.
    await other.locator('[data-testid="lexicon-override"][data-term="praised"]').waitFor();
    assert.equal(await other.locator('[data-testid="lexicon-override"][data-term="praised"]').count(), 1);
    await other.waitForTimeout(700);
    assert.deepEqual(await storedDraft(other), draft, `${fragment.slice(0, 20)}: the draft is intact`);
    await other.close();
  }
  // A bad link pasted into the address bar of the open page.
  await page.evaluate(() => {
    location.hash = '#v1.@@@';
  });
  await page.locator('[data-testid="error-banner"]').waitFor();
  assert.equal(await page.locator('[data-testid="article-input"]').inputValue(), SHORT);
  // A good one opens at once, with the draft offered back.
  await page.evaluate((h) => {
    location.hash = h;
  }, fragmentOf(JSON.stringify({ v: 1, text: 'France condemned Russia.' })));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 1);
  await page.locator('[data-testid="draft-notice"]').waitFor();
  assert.equal(await page.locator('[data-testid="error-banner"]').count(), 0);
  // Without a draft, a bad link opens the seed.
  const fresh = await open(`${site.server.url}#v2.abc`);
  await fresh.page.locator('[data-testid="error-banner"]').waitFor();
  assert.equal(await fresh.page.locator('[data-testid="article-input"]').inputValue(), SEED);
  assert.deepEqual(errors, []);
  assert.deepEqual([...foreign, ...fresh.foreign], []);
  await context.close();
  await fresh.context.close();
});

test('downloads: cells as CSV, the report as JSON, the chart as SVG and PNG', async () => {
  const { context, page, errors, foreign } = await open();
  const csv = await download(page, '[data-testid="export-csv"]');
  assert.equal(csv.name, 'slant-cells.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark for Excel');
  const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], CSV_HEADER);
  assert.equal(lines.pop(), '', 'the CSV ends with CRLF');
  assert.match(lines[1], /,slant \d+\.\d+\.\d+\+data\.[0-9a-f]{12}$/, 'every row names the engine');

  const json = await download(page, '[data-testid="export-json"]');
  assert.equal(json.name, 'slant-report.json');
  const report = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(report.slant, 'report');
  assert.equal(report.v, 1);
  assert.match(report.made_by, /^slant \d+\.\d+\.\d+\+data\.[0-9a-f]{12}$/);
  assert.equal(report.report.paragraphs.length, 18);
  assert.equal(lines.length - 1, report.report.cells.length, 'one CSV row per cell');
  const scored = await page.locator('[data-testid="heatmap-cell"]:not([data-score=""])').count();
  assert.ok(report.report.cells.length >= scored && scored > 0);

  const svg = await download(page, '[data-testid="export-svg"]');
  assert.equal(svg.name, 'slant-chart.svg');
  const text = svg.bytes.toString('utf8');
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    const fills = [...doc.querySelectorAll('rect')].map((r) => r.getAttribute('style') || r.getAttribute('fill') || '');
    return {
      error: doc.querySelector('parsererror') !== null,
      width: Number(doc.documentElement.getAttribute('width')),
      height: Number(doc.documentElement.getAttribute('height')),
      rects: fills.length,
      filled: fills.filter((f) => /fill:rgb|^#|^rgb|url\(/.test(f)).length,
      stylesheetFree: !/var\(--/.test(s),
      legend: doc.querySelector('linearGradient') !== null,
    };
  }, text);
  assert.equal(parsed.error, false);
  assert.ok(parsed.rects > 18 && parsed.filled > 18, JSON.stringify(parsed));
  assert.ok(parsed.stylesheetFree && parsed.legend, JSON.stringify(parsed));

  const png = await download(page, '[data-testid="export-png"]');
  assert.equal(png.name, 'slant-chart.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.bytes.length > 20000, `PNG of ${png.bytes.length} bytes`);
  assert.equal(png.bytes.readUInt32BE(16), 2 * parsed.width, 'drawn at twice the size');
  assert.equal(png.bytes.readUInt32BE(20), 2 * parsed.height);

  const state = await download(page, '[data-testid="download-state"]');
  assert.equal(JSON.parse(state.bytes.toString('utf8')).slant, 'share-state');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('the single-file build opens from file:// with the seed and the chart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slant-single-'));
  const out = path.join(dir, 'slant.html');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'single-file.mjs'), DIST, out], { stdio: 'pipe' });
  const { context, page, errors, foreign } = await openPage(site.browser);
  await page.goto(`file://${out}`);
  await page.waitForSelector('[data-testid="heatmap-cell"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 18);
  assert.ok((await page.locator('[data-testid="heatmap-cell"]').count()) > 18);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('storage that is full or switched off shows a message and the app keeps working', async () => {
  const full = await openPage(site.browser);
  await full.context.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await full.page.goto(site.server.url);
  await full.page.waitForSelector('[data-testid="heatmap-cell"]');
  await paste(full.page, SHORT);
  await full.page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  const message = full.page.locator('[data-testid="storage-message"]');
  await message.waitFor();
  assert.match(await message.innerText(), /too large for this browser’s storage/);
  await paste(full.page, `${SHORT}\n\nFrance condemned Russia.`);
  await full.page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 3);
  assert.deepEqual(full.errors, []);
  await full.context.close();

  const off = await openPage(site.browser);
  await off.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await off.page.goto(site.server.url);
  await off.page.waitForSelector('[data-testid="heatmap-cell"]');
  await off.page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 18);
  assert.match(await off.page.locator('[data-testid="storage-message"]').innerText(), /site storage is switched off/);
  await paste(off.page, SHORT);
  await off.page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  await off.page.waitForTimeout(700);
  assert.deepEqual(off.errors, []);
  assert.deepEqual([...full.foreign, ...off.foreign], []);
  await off.context.close();
});

test('pasted HTML and script are shown as text and never run', async () => {
  const { context, page, errors, foreign } = await open();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await paste(page, `Russia attacked Ukraine. ${markup}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 1);
  await page.waitForTimeout(300);
  assert.ok((await page.locator('[data-testid="paragraph"]').innerText()).includes(markup));
  assert.equal(await page.locator('.article img, .article script').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(requests.filter((u) => /\/x$/.test(u)), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a 5 MB paste is analysed up to 2 MB, says so, and the page stays responsive', async () => {
  const { context, page, errors, foreign } = await open();
  let big = '';
  while (big.length < 5 * 1024 * 1024) big += `${SEED}\n`;
  await paste(page, big);
  const notice = page.locator('[data-testid="truncation-notice"]');
  await notice.waitFor({ timeout: 60000 });
  assert.match(await notice.innerText(), /^This text is 5\.\d MB; Slant analysed the first 2\.0 MB \(up to paragraph [\d,]+\)\.$/);
  // The article shows one page of the analysed paragraphs.
  await page.locator('[data-testid="article-pager"]').waitFor();
  assert.match(await page.locator('[data-testid="article-pager"]').innerText(), /Paragraphs 1–1000 of [\d,]+/);
  await page.waitForFunction(() => document.querySelector('.article').getAttribute('aria-busy') === 'false', null, {
    timeout: 30000,
  });
  assert.equal(await paragraphs(page), 1000);
  for (let i = 0; i < 3; i += 1) {
    const start = Date.now();
    await page.evaluate(() => document.querySelectorAll('[data-testid="heatmap-cell"]').length);
    assert.ok(Date.now() - start < 3000, `a round trip took ${Date.now() - start} ms`);
  }
  assert.equal((await page.locator('[data-testid="article-input"]').inputValue()).length, big.length);
  const analyse = await page.evaluate(() => performance.getEntriesByName('slant:analyse').pop().duration);
  console.log(`# 5 MB paste: the first 2 MB analysed in ${Math.round(analyse)} ms`);
  // The next page of the article.
  await page.locator('[data-testid="article-pager"] button', { hasText: 'Later' }).click();
  await page.waitForSelector('#para-1000');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
