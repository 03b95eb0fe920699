// What a first-time user sees when they open Slant.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { serve, openPage, screenshot, useSite } = require('./harness');

const site = useSite();

test('the page opens on the seed article with its 18 paragraphs', async () => {
  const { context, page, errors, foreign } = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid="paragraph"]');
  const paragraphs = page.locator('[data-testid="paragraph"]');
  assert.equal(await paragraphs.count(), 18);
  assert.match(await paragraphs.first().innerText(), /^Emmanuel Macron and Keir Starmer/);
  assert.match(await page.locator('h1').innerText(), /Slant/);
  assert.match(await page.title(), /Slant/);
  await screenshot(page, 'seed.png');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('the favicon is served', async () => {
  const { context, page } = await openPage(site.browser);
  await page.goto(site.server.url);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  assert.ok(href, 'a favicon link is present');
  assert.ok(!href.startsWith('/'), `favicon URL is relative: ${href}`);
  const res = await page.request.get(new URL(href, site.server.url).href);
  assert.equal(res.status(), 200);
  await context.close();
});

test('the build works from a sub-path of a static host', async () => {
  const { DIST } = require('./harness');
  const sub = await serve(DIST, '/newsroom/tools/slant/');
  const { context, page, errors, foreign } = await openPage(site.browser);
  await page.goto(sub.url);
  await page.waitForSelector('[data-testid="paragraph"]');
  assert.equal(await page.locator('[data-testid="paragraph"]').count(), 18);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
  await sub.close();
});

test('the actor summary sorts by name, score and mentions when a header is clicked', async () => {
  const { context, page, errors } = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(site.server.url);
  const table = page.locator('[data-testid="actor-summary"]');
  await table.waitFor();
  const rows = () => table.locator('tbody th[scope="row"]').allInnerTexts();
  const sortOf = (key) => table.locator(`th:has(button[data-sort="${key}"])`).getAttribute('aria-sort');
  assert.equal(await sortOf('mentions'), 'descending', 'most mentioned first');
  const before = await rows();
  assert.ok(before.length >= 3, JSON.stringify(before));

  await table.locator('button[data-sort="name"]').click();
  await page.waitForFunction(() => document.querySelector('th:has(button[data-sort="name"])')?.getAttribute('aria-sort') !== 'none');
  const first = await sortOf('name');
  assert.ok(['ascending', 'descending'].includes(first), first);
  assert.equal(await sortOf('mentions'), 'none');
  const names = (await rows()).map((n) => n.trim().toLowerCase());
  const ascending = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(names, first === 'ascending' ? ascending : [...ascending].reverse());
  assert.deepEqual([...names].sort(), before.map((n) => n.trim().toLowerCase()).sort(), 'the same actors');

  // The same header again turns the order round.
  await table.locator('button[data-sort="name"]').click();
  await page.waitForFunction((was) => document.querySelector('th:has(button[data-sort="name"])')?.getAttribute('aria-sort') !== was, first);
  assert.deepEqual((await rows()).map((n) => n.trim().toLowerCase()), [...names].reverse());

  await table.locator('button[data-sort="score"]').click();
  await page.waitForFunction(() => document.querySelector('th:has(button[data-sort="score"])')?.getAttribute('aria-sort') !== 'none');
  const scores = await table.locator('tbody .score').allInnerTexts();
  const values = scores.map((s) => Number(s.replace('−', '-')));
  const order = (await sortOf('score')) === 'ascending' ? 1 : -1;
  for (let i = 1; i < values.length; i++) assert.ok(order * (values[i] - values[i - 1]) >= 0, JSON.stringify(values));
  assert.deepEqual(errors, []);
  await context.close();
});
