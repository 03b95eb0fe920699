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
