// SPDX-License-Identifier: GPL-2.0-or-later
// Uses sift-serve's search page the way a person would, in Debian's
// headless Chromium driven by playwright-core: types a query, reads the
// highlighted results, sees a half-typed word match the words it starts,
// picks several facet values, pages, sorts, moves through the results
// with the arrow keys, opens the explanation and articles (matched words
// highlighted), checks that an article containing <script> shows it as
// text, and looks at the page in dark mode and at phone width.  Screenshots go to ARTIFACTS for people to look
// at.  Fails on any page error, console error (a CSP violation is one) or
// dialog.
//
//   node browser_test.mjs URL ARTIFACTS NODE_DIR
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [url, artifacts, nodeDir] = process.argv.slice(2);
if (!url || !artifacts || !nodeDir) {
  console.error('usage: node browser_test.mjs URL ARTIFACTS NODE_DIR');
  process.exit(2);
}
const { chromium } = createRequire(path.join(nodeDir, 'package.json'))('playwright-core');
mkdirSync(artifacts, { recursive: true });

const TIMEOUT_MS = 10_000;
const problems = [];
let passed = 0;
let failed = 0;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-dev-shm-usage'],
});

async function step(name, fn) {
  try {
    await fn();
    assert.deepEqual(problems, [], 'the page reported problems');
    console.log(`ok - ${name}`);
    passed++;
  } catch (e) {
    console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
    problems.length = 0;
    failed++;
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // API errors (4xx) are shown on purpose in some steps; Chromium logs each
  // as "Failed to load resource".  Any other console error, or a failed
  // load of anything but the API, is a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) {
      problems.push(`${r.status()} for ${r.url()}`);
    }
  });
  page.on('dialog', async (d) => { problems.push(`dialog opened: ${d.message()}`); await d.dismiss(); });

  const status = page.locator('#status');
  const results = page.locator('#results > li');
  const waitForStatus = (pattern) =>
    page.waitForFunction((p) => new RegExp(p).test(document.getElementById('status').textContent),
                         pattern.source);
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

  await step('the page opens with an empty box and the document count', async () => {
    const res = await page.goto(url);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-security-policy'], /script-src 'self'/);
    await waitForStatus(/Type to search 19 articles/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'the box has focus');
  });

  await step('typing a query searches as you type and highlights matches', async () => {
    await page.locator('#q').pressSequentially('ukraine', { delay: 40 });
    await waitForStatus(/1–10 of 14 results for “ukraine”/);
    assert.equal(await results.count(), 10);
    const marks = await page.locator('#results .snippet mark').allTextContents();
    assert.ok(marks.length >= 10, `expected highlights, got ${marks.length}`);
    for (const m of marks) assert.match(m, /ukrain/i);
    // Titles are highlighted the same way (hit.title_highlighted).
    const titleMarks = await page.locator('#results h3 a mark').allTextContents();
    assert.ok(titleMarks.length >= 1, 'expected highlighted titles');
    for (const m of titleMarks) assert.match(m, /ukrain/i);
    assert.match(page.url(), /\?q=ukraine$/);
    await shot('1-results');
  });

  await step('a half-typed word finds every word it starts (instant search)', async () => {
    await page.locator('#q').fill('ukr');
    await waitForStatus(/1–10 of 14 results for “ukr”/);
    const note = page.locator('#prefix-note');
    await note.waitFor({ state: 'visible' });
    assert.match(await note.textContent(), /“ukr” also finds ukraine, ukraine's, ukrainian, ukrainians/);
    const marks = await page.locator('#results .snippet mark').allTextContents();
    assert.ok(marks.some((m) => /^ukrainians?$/i.test(m)), `marks: ${marks.join(',')}`);
    await shot('1b-prefix');
    await page.locator('#prefix-note button', { hasText: /^ukraine$/ }).click();
    await waitForStatus(/1–10 of 14 results for “ukraine”/);
    assert.equal(await page.locator('#q').inputValue(), 'ukraine ', 'ready for the next word');
  });

  await step('facets are multi-select: two sources give the hits of either', async () => {
    const facet = (f) => page.locator(`#facets button[data-filter="${f}"]`);
    await facet('source:Reuters').click();
    await waitForStatus(/^2 results for “ukraine”/);
    for (const m of await page.locator('#results .meta').allTextContents()) assert.match(m, /Reuters/);
    // The other sources stay on offer, with the hits each would add.
    assert.match(await facet('source:Kyiv Independent').textContent(), /Kyiv Independent\s*3/);
    await facet('source:BBC').click();
    await waitForStatus(/^4 results for “ukraine”/);
    const metas = await page.locator('#results .meta').allTextContents();
    assert.equal(metas.length, 4);
    for (const m of metas) assert.match(m, /Reuters|BBC/);
    assert.equal(await facet('source:Reuters').getAttribute('aria-pressed'), 'true');
    assert.equal(await facet('source:BBC').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#active-filters .chip').count(), 2);
    assert.match(page.url(), /filter=source%3AReuters&filter=source%3ABBC/);
    await shot('2-facets-multi');
    await page.locator('#active-filters .chip').first().click();
    await waitForStatus(/^2 results for “ukraine”/);
    await page.locator('#active-filters .chip').first().click();
    await waitForStatus(/1–10 of 14 results/);
  });

  await step('clicking a month facet filters by that month', async () => {
    await page.locator('#facets button[data-filter="date:2024-05"]').click();
    await waitForStatus(/^3 results/);
    for (const m of await page.locator('#results .meta').allTextContents()) assert.match(m, /2024-05-/);
    await page.locator('#active-filters .chip').click();
    await waitForStatus(/1–10 of 14 results/);
  });

  await step('the pager moves to page 2 and back', async () => {
    await page.locator('#pager button', { hasText: 'Next' }).click();
    await waitForStatus(/11–14 of 14 results/);
    assert.equal(await results.count(), 4);
    assert.equal(await page.locator('#pager button[aria-current="page"]').textContent(), '2');
    await shot('3-page-2');
    await page.goBack();
    await waitForStatus(/1–10 of 14 results/);
  });

  await step('sorting by date puts the newest first', async () => {
    const firstByRelevance = await page.locator('#results > li h3').first().textContent();
    await page.locator('#sort').selectOption('date');
    await waitForStatus(/1–10 of 14 results/);
    await page.waitForFunction(() => /2024-08-04/.test(document.querySelector('#results .meta')?.textContent));
    const dates = (await page.locator('#results .meta').allTextContents())
      .map((m) => (m.match(/\d{4}-\d{2}-\d{2}/) || [''])[0]).filter(Boolean);
    assert.deepEqual(dates, [...dates].sort().reverse());
    await page.locator('#sort').selectOption('relevance');
    await page.waitForFunction(() => !/sort=date/.test(location.search));
    // The address changes before the results come back: wait for the
    // relevance order itself, or the next step's focus lands on a list
    // that is about to be replaced.
    await page.waitForFunction(
      (t) => document.querySelector('#results > li h3')?.textContent === t, firstByRelevance);
  });

  await step('the arrow keys move from the box through the results and back', async () => {
    await page.locator('#q').focus();
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      const li = a.closest('#results > li');
      return li ? `result ${[...li.parentNode.children].indexOf(li) + 1}` : a.id;
    });
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'result 1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'result 3');
    await shot('3b-arrow-keys');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'result 2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'q');
  });

  await step('a skip link and one <h1> are there for keyboards and screen readers', async () => {
    assert.equal(await page.locator('h1').count(), 1);
    assert.match(await page.locator('h1').textContent(), /Sift\s+search/);
    // The skip link is the first thing Tab reaches, and shows when focused.
    assert.equal(await page.evaluate(() =>
      document.querySelector('a[href], button, input, select').className), 'skip-link');
    assert.ok(await page.locator('.skip-link').evaluate((a) => a.getBoundingClientRect().bottom <= 0),
                 'hidden above the page until focused');
    await page.locator('.skip-link').focus();
    assert.ok(await page.locator('.skip-link').isVisible(), 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#results') !== null), true);
  });

  await step('an article opened from results has the matched words highlighted', async () => {
    await page.locator('#results h3 a').first().click();
    await page.locator('#article-view').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('#article-body mark').length > 0);
    const marks = await page.locator('#article-body mark').allTextContents();
    for (const m of marks) assert.match(m, /^ukrain/i);
    await shot('5b-article-highlight');
    await page.goBack();
    await waitForStatus(/1–10 of 14 results for “ukraine”/);
  });

  await step('the explanation opens on demand', async () => {
    assert.equal(await page.locator('#explain-body').isVisible(), false);
    await page.locator('#explain summary').click();
    await page.locator('#explain-body').waitFor({ state: 'visible' });
    assert.match(await page.locator('#explain-body').textContent(), /stem:ukrain/);
  });

  await step('a misspelling shows the correction\'s results; "search instead" keeps it; "did you mean" searches', async () => {
    await page.locator('#q').fill('ukrane');
    await page.locator('#corrected').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#corrected-to').textContent(), 'ukraine');
    await waitForStatus(/results? for “ukrane”/);
    assert.ok(await page.locator('#results > li').count() > 0);
    await page.locator('#as-typed').click();
    await page.locator('#did-you-mean').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#corrected').isVisible(), false);
    assert.equal(await page.locator('#suggestion').textContent(), 'ukraine');
    await shot('4-did-you-mean');
    await page.locator('#suggestion').click();
    await waitForStatus(/of 14 results for “ukraine”/);
  });

  await step('an article with <script> shows it as text, in results and article view', async () => {
    await page.locator('#q').fill('careless page');
    await waitForStatus(/results? for “careless page”/);
    const first = page.locator('#results > li').first();
    assert.match(await first.locator('h3').textContent(), /warn about <script> tags/);
    assert.match(await first.locator('.snippet').textContent(), /<script>document\.body\.innerHTML='PWNED'<\/script>/);
    assert.equal(await page.locator('#results script, #results img').count(), 0);
    await first.locator('h3 a').click();
    await page.locator('#article-view').waitFor({ state: 'visible' });
    await page.waitForFunction(() => /<script> tags/.test(document.getElementById('article-title').textContent));
    const body = await page.locator('#article-body').textContent();
    assert.match(body, /<script>document\.body\.innerHTML='PWNED'<\/script>/);
    assert.match(body, /<img src=x onerror="alert\('xss'\)">/);
    assert.equal(await page.locator('#article-view script, #article-view img').count(), 0);
    assert.equal(await page.locator('#article-body p').count(), 3, 'one paragraph per line');
    assert.match(await page.locator('#article-meta').textContent(), /2024-03-22 · BBC/);
    assert.notEqual(await page.evaluate(() => document.body.textContent.trim()), 'PWNED');
    await shot('5-article-script');
  });

  await step('Escape goes back to the results; the keyboard opens an article', async () => {
    await page.keyboard.press('Escape');
    await page.locator('#search-view').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#article-view').isVisible(), false);
    await page.locator('#q').fill('');
    await page.keyboard.press('Tab');  // away from the box, then '/' comes back to it
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    await page.keyboard.type('zelensky');
    await waitForStatus(/results? for “zelensky”/);
    // Tab past the sort menu and the facets to the first result's title.
    const inResults = () => page.evaluate(() => document.activeElement.closest('#results') !== null);
    for (let i = 0; i < 30 && !(await inResults()); i++) await page.keyboard.press('Tab');
    assert.ok(await inResults(), 'Tab never reached the results');
    await page.keyboard.press('Enter');
    await page.locator('#article-view').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.activeElement.id === 'article-title');
    await page.goBack();
    await page.locator('#search-view').waitFor({ state: 'visible' });
  });

  await step('an unknown article shows a readable error', async () => {
    await page.goto(`${url}?doc=no-such-article`);
    await page.waitForFunction(() => /not available/.test(document.getElementById('article-title').textContent));
    assert.match(await page.locator('#article-body').textContent(), /no document with id 'no-such-article'/);
  });

  await step('a query error shows the server message', async () => {
    await page.goto(url);
    await page.locator('#q').fill('"');
    await waitForStatus(/no searchable words/);
    assert.equal(await status.getAttribute('class'), 'error');
  });

  await step('dark mode follows the system setting', async () => {
    const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    const p = await dark.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(`${url}?q=ukraine&filter=source%3ABBC`);
    await p.waitForFunction(() => /results? for/.test(document.getElementById('status').textContent));
    const [bg, ink] = await p.evaluate(() => {
      const lum = (c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
      return [lum(getComputedStyle(document.body).backgroundColor),
              lum(getComputedStyle(document.querySelector('.result h3 a')).color)];
    });
    assert.ok(bg < 0.15, `dark background expected, luminance ${bg}`);
    assert.ok(ink > 0.5, `light links expected, luminance ${ink}`);
    await p.screenshot({ path: path.join(artifacts, '8-dark.png'), fullPage: true });
    await dark.close();
  });

  await step('on a phone-width window nothing scrolls sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
                                             hasTouch: true, deviceScaleFactor: 2 });
    const p = await phone.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(`${url}?q=nato%20weapons`);
    await p.waitForFunction(() => /results? for/.test(document.getElementById('status').textContent));
    const [scroll, width] = await p.evaluate(() => [document.documentElement.scrollWidth,
                                                    document.documentElement.clientWidth]);
    assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`);
    // The filters are folded, so the first result is above the fold.
    assert.equal(await p.locator('#facets-box').evaluate((d) => d.open), false);
    const top = await p.locator('#results > li').first().evaluate((li) => li.getBoundingClientRect().top);
    assert.ok(top < 844 / 2, `the first result starts at ${top}px`);
    await p.screenshot({ path: path.join(artifacts, '6-phone.png'), fullPage: false });
    await p.locator('#facets-box summary').click();
    await p.locator('#facets button').first().waitFor({ state: 'visible' });
    await p.screenshot({ path: path.join(artifacts, '6b-phone-filters.png'), fullPage: false });
    await p.locator('#facets-box summary').click();
    await p.locator('#results h3 a').first().click();
    await p.locator('#article-view').waitFor({ state: 'visible' });
    await p.waitForFunction(() => !/Loading/.test(document.getElementById('article-title').textContent));
    await p.screenshot({ path: path.join(artifacts, '7-phone-article.png'), fullPage: false });
    await phone.close();
  });
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
console.log(`screenshots: ${artifacts}`);
process.exit(failed === 0 ? 0 : 1);
