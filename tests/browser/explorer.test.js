// The explorer: paste an article, read the chart, open the evidence, use the
// keyboard, the table view, files, the actors panel, and a phone-sized screen.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, openPage, screenshot, paste, useSite } = require('./harness');

const SHORT = 'Russia attacked Ukraine.\n\nBritain praised Ukraine.';

const site = useSite();

/** Opens the app at `width` x `height` and waits for the first chart. */
async function open(width = 1280, height = 900) {
  const opened = await openPage(site.browser, { viewport: { width, height } });
  await opened.page.goto(site.server.url);
  await opened.page.waitForSelector('[data-testid="heatmap-cell"]');
  return opened;
}

/** The set of `attr` values over the heatmap's cells. */
async function cellValues(page, attr) {
  return page.$$eval('[data-testid="heatmap-cell"]', (cells, a) => [...new Set(cells.map((c) => c.getAttribute(a)))], attr);
}

function measures(page) {
  return page.evaluate(() =>
    performance.getEntriesByType('measure').map((m) => ({ name: m.name, ms: Math.round(m.duration * 10) / 10 })),
  );
}

test('the seed opens with a chart of every paragraph and the top actors', async () => {
  const { context, page, errors, foreign } = await open();
  const paragraphs = await cellValues(page, 'data-paragraph');
  assert.equal(paragraphs.length, 18);
  const actors = await cellValues(page, 'data-actor');
  assert.ok(actors.length >= 2 && actors.length <= 12, `top actors shown: ${actors.length}`);
  // A cell for every (paragraph, visible actor) pair, mentioned or not.
  assert.equal(await page.locator('[data-testid="heatmap-cell"]').count(), 18 * actors.length);
  const scores = await page.$$eval('[data-testid="heatmap-cell"]', (cs) => cs.map((c) => c.getAttribute('data-score')));
  assert.ok(scores.some((s) => s === ''), 'some cells are not mentioned');
  assert.ok(scores.some((s) => s !== '' && Number.isFinite(Number(s))), 'some cells have scores');
  assert.ok(await page.locator('[data-testid="legend"]').isVisible());
  assert.match(await page.locator('[data-testid="counts"]').innerText(), /\d+ words · 18 paragraphs/);
  assert.match(await page.locator('header').innerText(), /nothing is uploaded/);
  await screenshot(page, 'explorer.png');

  const m = await measures(page);
  const names = m.map((x) => x.name);
  for (const n of ['slant:first-chart', 'slant:analyse', 'slant:update']) assert.ok(names.includes(n), `${n} in ${names}`);
  console.log('# timings at load', JSON.stringify(m));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('pasting a new article redraws the chart for its paragraphs and actors', async () => {
  const { context, page, errors, foreign } = await open();
  await paste(page, SHORT);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  assert.deepEqual((await cellValues(page, 'data-paragraph')).sort(), ['0', '1']);
  const actors = await cellValues(page, 'data-actor');
  for (const id of ['russia', 'ukraine', 'united-kingdom']) assert.ok(actors.includes(id), `${id} in ${actors}`);
  const russia = await page.getAttribute('[data-testid="heatmap-cell"][data-paragraph="0"][data-actor="russia"]', 'data-score');
  assert.ok(Number(russia) < 0, `Russia attacked: ${russia}`);
  const uk = await page.getAttribute('[data-testid="heatmap-cell"][data-paragraph="0"][data-actor="united-kingdom"]', 'data-score');
  assert.equal(uk, '', 'Britain is not mentioned in the first paragraph');
  assert.match(await page.locator('[data-testid="counts"]').innerText(), /6 words · 2 paragraphs/);

  // Typing re-analyses after a pause.
  const box = page.locator('[data-testid="article-input"]');
  await box.press('End');
  await page.keyboard.type('\n\nFrance condemned Russia.');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 3);
  assert.ok((await cellValues(page, 'data-actor')).includes('france'));
  // Re-analysis of the seed is quick: the last measure after loading it again.
  await page.click('[data-testid="load-example"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 18);
  assert.equal(await box.inputValue(), fs.readFileSync(path.join(ROOT, 'seeds', 'macron-starmer-white-house.txt'), 'utf8'));
  const m = (await measures(page)).filter((x) => x.name === 'slant:analyse');
  console.log('# seed re-analysis ms', m[m.length - 1].ms, '(all analyses:', m.map((x) => x.ms).join(', '), ')');
  assert.ok(m[m.length - 1].ms < 100, `re-analysis took ${m[m.length - 1].ms} ms`);

  await page.click('[data-testid="clear"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 0);
  assert.equal(await box.inputValue(), '');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('clicking a cell shows its evidence and marks the article', async () => {
  const { context, page, errors, foreign } = await open();
  // The most unfavourable cell: it has evidence to show.
  const [p, actor] = await page.$$eval('[data-testid="heatmap-cell"]:not([data-score=""])', (cells) => {
    const c = cells.reduce((a, b) => (Number(b.dataset.score) < Number(a.dataset.score) ? b : a));
    return [c.dataset.paragraph, c.dataset.actor];
  });
  const cell = page.locator(`[data-testid="heatmap-cell"][data-paragraph="${p}"][data-actor="${actor}"]`);
  await cell.click();
  const panel = page.locator('[data-testid="evidence-panel"]');
  await panel.locator('[data-testid="evidence-summary"]').waitFor();
  assert.match(await panel.innerText(), new RegExp(`in P${Number(p) + 1}`));
  assert.match(await panel.innerText(), /\(positive − negative\) ÷ \(positive \+ negative \+ 1\)/);
  const items = panel.locator('[data-testid="evidence-item"]');
  assert.ok((await items.count()) > 0, 'an unfavourable cell has evidence');
  assert.match(await items.first().innerText(), /“.+”/);
  assert.match(await panel.locator('[data-testid="evidence-list"]').innerText(), /−\d\.\d\d/, 'some evidence is unfavourable');
  // Evidence words are outlined in the paragraph, which is scrolled into view.
  assert.ok((await page.locator(`#para-${p} .evidence.ev-neg`).count()) > 0);
  assert.ok(await page.locator(`#para-${p}`).isVisible());
  // The actor's mentions in that paragraph are emphasised.
  assert.ok((await page.locator(`#para-${p} .mention-selected[data-actor="${actor}"]`).count()) > 0);
  assert.equal(await cell.getAttribute('aria-selected'), 'true');
  // Sentiment words carry their lexicon value.
  const title = await page.locator('.sentiment').first().getAttribute('title');
  assert.match(title, /after the rules/);
  await screenshot(page, 'evidence.png');
  // Close deselects the cell and brings back the hint.
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.getByText(/Select a square in the chart/).waitFor();
  assert.equal(await panel.locator('[data-testid="evidence-summary"]').count(), 0);
  assert.equal(await cell.getAttribute('aria-selected'), 'false');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('the arrow keys move between cells and Enter selects', async () => {
  const { context, page, errors } = await open();
  const tabbable = page.locator('[data-testid="heatmap-cell"][tabindex="0"]');
  assert.equal(await tabbable.count(), 1, 'one cell is tabbable');
  await tabbable.focus();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return [el.getAttribute('data-paragraph'), el.getAttribute('data-col')];
    });
  assert.deepEqual(await focused(), ['0', '0']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await focused(), ['0', '1']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await focused(), ['2', '1']);
  await page.keyboard.press('End');
  const cols = (await cellValues(page, 'data-col')).length;
  assert.deepEqual(await focused(), ['2', String(cols - 1)]);
  await page.keyboard.press('Home');
  assert.deepEqual(await focused(), ['2', '0']);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('[data-testid="heatmap-cell"][tabindex="0"]').count(), 1);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="evidence-panel"] h3').waitFor();
  assert.match(await page.locator('[data-testid="evidence-panel"] h3').innerText(), /in P2$/);
  assert.match(await page.locator('[data-testid="heatmap-caption"]').innerText(), /P2/);
  // Selecting another cell moves the selection and keeps the focus on the cell.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /in P3$/.test(document.querySelector('[data-testid="evidence-panel"] h3').innerText));
  assert.deepEqual(await focused(), ['2', '0']);
  const marked = (selector) => page.locator(`[data-testid="heatmap-cell"]${selector}`).count();
  assert.equal(await marked('[aria-selected="true"]'), 1);
  assert.equal(await marked('.selected'), 1);
  assert.equal(await marked('[tabindex="0"]'), 1);
  assert.equal(await page.getAttribute('[data-testid="heatmap-cell"].selected', 'data-paragraph'), '2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the table view shows the same numbers in a real table', async () => {
  const { context, page, errors } = await open();
  await page.click('[data-testid="toggle-table"]');
  const table = page.locator('[data-testid="table-view"]');
  await table.waitFor();
  assert.equal(await table.evaluate((t) => t.tagName), 'TABLE');
  const cols = (await cellValues(page, 'data-actor')).length;
  assert.equal(await table.locator('thead th[scope="col"]').count(), cols + 1);
  assert.equal(await table.locator('tbody th[scope="row"]').count(), 18);
  const first = await page.getAttribute('[data-testid="heatmap-cell"][data-paragraph="0"][data-col="0"]', 'data-score');
  const text = await table.locator('tbody tr').first().locator('td').first().innerText();
  if (first === '') assert.match(text, /not mentioned/);
  else assert.match(text, /(positive|negative|neutral|mixed)/);
  await page.click('[data-testid="toggle-table"]');
  assert.equal(await table.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the actors panel switches, adds and merges actors', async () => {
  const { context, page, errors } = await open();
  await paste(page, 'The Wagner group advanced on Bakhmut. Russia praised Wagner.\n\nUkraine condemned Russia.');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 2);
  const list = page.locator('[data-testid="actor-list"]');
  // Switch Russia off, then on again.
  await list.locator('li[data-actor="russia"] input[type="checkbox"]').uncheck();
  await page.waitForFunction(() => !document.querySelector('[data-testid="heatmap-cell"][data-actor="russia"]'));
  await list.locator('li[data-actor="russia"] input[type="checkbox"]').check();
  await page.waitForSelector('[data-testid="heatmap-cell"][data-actor="russia"]');
  // Add an actor with aliases.
  await page.fill('#add-name', 'Wagner Group');
  await page.selectOption('#add-kind', 'organisation');
  await page.fill('#add-aliases', 'Wagner, Wagner group');
  await page.click('[data-testid="add-actor"] button[type="submit"]');
  await page.waitForSelector('[data-testid="heatmap-cell"][data-actor="wagner-group"]');
  assert.match(await list.locator('li[data-actor="wagner-group"]').innerText(), /added by you/);
  // Merge it into Russia, then undo.
  await page.selectOption('#merge-from', 'wagner-group');
  await page.selectOption('#merge-into', 'russia');
  await page.click('form.merge button[type="submit"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="heatmap-cell"][data-actor="wagner-group"]'));
  await page.locator('[data-testid="edits"] li', { hasText: 'Merged' }).locator('button').click();
  await page.waitForSelector('[data-testid="heatmap-cell"][data-actor="wagner-group"]');
  // Rename Ukraine in place (Cancel first leaves it as it was), then undo the rename.
  const ukraine = list.locator('li[data-actor="ukraine"]');
  await ukraine.getByRole('button', { name: 'Rename Ukraine' }).click();
  await ukraine.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await ukraine.locator('#rename-input').count(), 0);
  await ukraine.getByRole('button', { name: 'Rename Ukraine' }).click();
  await ukraine.locator('#rename-input').fill('Kyiv government');
  await ukraine.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction(() => /Kyiv government/.test(document.querySelector('li[data-actor="ukraine"] label')?.innerText || ''));
  await page.locator('[data-testid="edits"] li', { hasText: 'Renamed' }).locator('button').click();
  await page.waitForFunction(() => /^Ukraine$/.test(document.querySelector('li[data-actor="ukraine"] label')?.innerText.trim() || ''));
  // Remove Russia, then restore it.
  await list.getByRole('button', { name: 'Remove Russia' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="heatmap-cell"][data-actor="russia"]'));
  await page.locator('[data-testid="edits"] li', { hasText: 'Removed Russia' }).getByRole('button', { name: 'Restore' }).click();
  await page.waitForSelector('[data-testid="heatmap-cell"][data-actor="russia"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('who says what about whom opens the quote', async () => {
  const { context, page, errors } = await open();
  const rel = page.locator('[data-testid="relation"]').first();
  await rel.locator('button').click();
  const quote = page.locator('[data-testid="relation-quote"]');
  await quote.waitFor();
  assert.ok((await quote.innerText()).length > 10);
  assert.equal(await rel.locator('button').getAttribute('aria-expanded'), 'true');
  await page.locator('[data-testid="evidence-panel"] [data-testid="evidence-summary"]').waitFor();
  // A second click closes it again.
  await rel.locator('button').click();
  await quote.waitFor({ state: 'detached' });
  assert.equal(await rel.locator('button').getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, []);
  await context.close();
});

test('files: HTML is reduced to text, scripts are not run, other files are refused', async () => {
  const { context, page, errors, foreign } = await open();
  const html = `<!doctype html><html><head><title>x</title><style>p{}</style></head><body>
    <h1>Russia attacked Ukraine</h1><p>Britain <em>praised</em> Ukraine.</p>
    <script>window.__ran = true; fetch('https://example.com/')</script><img src="https://example.com/x.png">
    <p>France &amp; Germany condemned Russia.</p></body></html>`;
  await page.setInputFiles('[data-testid="file-input"]', { name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="paragraph"]').length === 3);
  const text = await page.locator('[data-testid="article-input"]').inputValue();
  assert.equal(text, 'Russia attacked Ukraine\n\nBritain praised Ukraine.\n\nFrance & Germany condemned Russia.');
  assert.equal(await page.evaluate(() => window.__ran), undefined);

  await page.setInputFiles('[data-testid="file-input"]', { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /\.pdf/);
  assert.equal(await page.locator('[data-testid="article-input"]').inputValue(), text, 'the text is kept');
  await banner.locator('button').click();
  assert.equal(await banner.count(), 0);

  await page.setInputFiles('[data-testid="file-input"]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from([0, 1, 2, 0, 255, 254]) });
  await banner.waitFor();
  assert.match(await banner.innerText(), /does not look like a text file/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a phone-sized screen stacks the panels and never scrolls sideways', async () => {
  const { context, page, errors, foreign } = await open(375, 812);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const chart = page.locator('.chart-scroll');
  assert.equal(await chart.evaluate((el) => getComputedStyle(el).overflowX), 'auto');
  await page.click('[data-testid="toggle-table"]');
  await page.locator('[data-testid="table-view"]').waitFor();
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 0, `with the table, page is ${overflow2}px wider than the screen`);
  await page.click('[data-testid="toggle-table"]');
  await screenshot(page, 'mobile.png');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a 200 KB article is charted in pages and rendered without long freezes', async () => {
  const { context, page, errors } = await open();
  const seed = fs.readFileSync(path.join(ROOT, 'seeds', 'macron-starmer-white-house.txt'), 'utf8');
  let big = '';
  while (big.length < 200 * 1024) big += `${seed}\n`;
  const expected = big.split('\n').filter((l) => l.trim()).length;
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(Math.round(e.duration)))).observe({
      type: 'longtask',
    });
  });
  await paste(page, big);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="paragraph"]').length === n, expected, {
    timeout: 30000,
  });
  await page.waitForFunction(() => document.querySelector('.article').getAttribute('aria-busy') === 'false');
  const cells = await page.locator('[data-testid="heatmap-cell"]').count();
  assert.ok(cells <= 1200, `at most 1200 cells drawn: ${cells}`);
  assert.match(await page.locator('.chart-note').innerText(), new RegExp(`paragraphs 1–\\d+ of ${expected}`));
  const long = await page.evaluate(() => window.__long);
  const analyse = (await measures(page)).filter((x) => x.name === 'slant:analyse').pop();
  console.log(`# 200 KB: analysis ${analyse.ms} ms; long tasks (ms): ${JSON.stringify(long)}; cells drawn: ${cells}`);
  // Later pages of the chart.
  await page.click('text=Later paragraphs');
  await page.waitForSelector(`[data-testid="heatmap-cell"][data-paragraph="100"]`);
  assert.deepEqual(errors, []);
  await context.close();
});
