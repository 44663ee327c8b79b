// Real-browser test of "Find my data" and of rights following verified control: headless Chromium on
// the demo pages served by the local run (BASE_URL), messages read from the local outbox
// (GET /_local/outbox, newest first), axe-core on every state a person meets. Run it through
// landing-kit/test/run.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
const TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 90_000;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const EMAIL_PURPOSE = 'Send you news and offers about this brand by email.';

let browser;

before(async () => {
  assert.ok(BASE_URL, 'BASE_URL must point at a running local run (use landing-kit/test/run)');
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000
  });
});

after(async () => { await browser?.close(); });

async function open(t) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 900, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) { problems.push('console error: ' + m.text()); }
  });
  t.after(async () => { await context.close(); });
  return { page, problems };
}

async function eventually(check, { timeout = TIMEOUT_MS, every = 250 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try { return await check(); } catch (error) {
      if (Date.now() > deadline) { throw error; }
      await new Promise((resolve) => setTimeout(resolve, every));
    }
  }
}

async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) { await page.evaluate(AXE_SOURCE); }
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, [], `axe-core found violations (${state})`);
  console.log(`axe-core 0 violations: ${state}`);
}

/** The newest message the local outbox shows for this address with a link like this (waits for the sender). */
async function newestMessageTo(address, { after = '', linking = '' } = {}) {
  return eventually(async () => {
    const messages = await (await fetch(BASE_URL + '/_local/outbox')).json();
    const mine = messages.filter((m) => m.to === address && m.sentAt > after
      && (m.links || []).some((l) => l.includes(linking)));
    assert.ok(mine.length > 0, 'no message to ' + address + ' yet');
    return mine[0];
  }, { timeout: 20_000, every: 500 });
}

/** Signs up on the demo page for email news; returns the receipt (with its token). */
async function signUp(page, email) {
  await page.goto(BASE_URL + '/');
  await page.getByRole('checkbox', { name: EMAIL_PURPOSE, exact: true }).check();
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('I am 16 or older', { exact: true }).check();
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/consents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  const response = await answer;
  assert.equal(response.status(), 201);
  return response.json();
}

/** Follows the confirmation link of the newest confirmation message and presses the button. */
async function confirm(page, email) {
  const message = await newestMessageTo(email, { linking: '/confirmations/' });
  const link = message.links.find((l) => l.includes('/confirmations/'));
  assert.ok(link, 'a confirmation link: ' + JSON.stringify(message.links));
  await page.goto(link);
  await page.getByRole('button', { name: 'Yes, confirm' }).click();
  await page.getByRole('heading', { name: 'Confirmed' }).waitFor();
}

async function askForLink(page, email) {
  await page.goto(BASE_URL + '/find-my-data.html');
  await page.getByRole('heading', { name: 'Find my data', exact: true }).waitFor();
  await assertAccessible(page, 'find my data: ask');
  const since = new Date().toISOString();
  await page.getByLabel('Email address or mobile number').fill(email);
  await page.getByRole('button', { name: 'Send me a link or code' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await assertAccessible(page, 'find my data: sent');
  return since;
}

test('sign up, confirm, Find my data: see, download and delete everything; the link works once',
  { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { page, problems } = await open(t);
    const email = `fmd-${randomUUID().slice(0, 8)}@example.com`;
    const receipt = await signUp(page, email);
    await confirm(page, email);

    const since = await askForLink(page, email);
    const message = await newestMessageTo(email, { after: since, linking: '#link=' });
    const link = message.links.find((l) => l.includes('/find-my-data.html#link='));
    assert.ok(link, 'the email links to Find my data: ' + JSON.stringify(message.links));

    await page.goto(link);
    await eventually(async () => assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar'));
    await assertAccessible(page, 'find my data: link opened');
    await page.getByRole('button', { name: 'Show my data' }).click();
    await page.getByRole('heading', { name: 'Your data', exact: true }).waitFor();
    const shown = await page.locator('main').innerText();
    assert.ok(shown.includes(receipt.receiptId), 'the receipt is listed');
    assert.ok(shown.includes(email[0] + '**@example.com'), 'masked: ' + shown);
    assert.ok(!shown.includes(email), 'never in clear on screen');
    await page.screenshot({ path: SHOTS + 'find-my-data-1-your-data.png', fullPage: true });
    await assertAccessible(page, 'find my data: your data');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download all my data (JSON)' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.schema, 'consent-vault.export/1');
    assert.ok(JSON.stringify(exported).includes(email), 'the export holds the data in clear');
    await page.getByText(/Your data is downloaded/).waitFor();

    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByRole('heading', { name: 'Deletion requested' }).waitFor();
    await assertAccessible(page, 'find my data: deletion requested');
    await page.screenshot({ path: SHOTS + 'find-my-data-2-deleted.png', fullPage: true });

    const view = () => fetch(`${BASE_URL}/v1/receipts/${receipt.receiptId}`, { headers: { authorization: 'Bearer ' + receipt.receiptToken } });
    await eventually(async () => assert.equal((await view()).status, 404, 'erased'), { timeout: 20_000, every: 500 });

    // the same link again: one answer for used, wrong and expired
    await page.goto(link);
    await page.getByRole('button', { name: 'Show my data' }).click();
    await page.getByText(/not valid any more/).waitFor();
    await assertAccessible(page, 'find my data: link used');
    assert.deepEqual(problems, []);
  });

test('a stranger who signs up with someone else\'s email and deletes "their" data erases only that receipt',
  { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const victim = await open(t);
    const email = `victim-${randomUUID().slice(0, 8)}@example.com`;
    const mine = await signUp(victim.page, email);
    await confirm(victim.page, email);

    // the attacker, in another browser, types the victim's address and asks to delete "my data"
    const attacker = await open(t);
    await attacker.page.goto(BASE_URL + '/');
    await attacker.page.getByRole('checkbox', { name: EMAIL_PURPOSE, exact: true }).check();
    await attacker.page.getByLabel('Email address', { exact: true }).fill(email);
    await attacker.page.getByLabel('I am 16 or older', { exact: true }).check();
    await attacker.page.getByLabel(/^Remember my receipt/).check();
    const answer = attacker.page.waitForResponse((r) => r.url().endsWith('/v1/consents'));
    await attacker.page.getByRole('button', { name: 'Sign up', exact: true }).click();
    const planted = await (await answer).json();
    const filed = attacker.page.waitForResponse((r) => r.url().endsWith('/v1/privacy-requests'));
    await attacker.page.getByRole('button', { name: 'Delete my data', exact: true }).click();
    assert.equal((await filed).status(), 202);

    const view = (r) => fetch(`${BASE_URL}/v1/receipts/${r.receiptId}`, { headers: { authorization: 'Bearer ' + r.receiptToken } });
    await eventually(async () => assert.equal((await view(planted)).status, 404, 'the planted receipt goes'),
      { timeout: 20_000, every: 500 });
    assert.equal((await view(mine)).status, 200, 'the victim\'s receipt stays');

    // and the victim still finds it through Find my data
    const since = await askForLink(victim.page, email);
    const message = await newestMessageTo(email, { after: since, linking: '#link=' });
    await victim.page.goto(message.links.find((l) => l.includes('#link=')));
    await victim.page.getByRole('button', { name: 'Show my data' }).click();
    await victim.page.getByRole('heading', { name: 'Your data', exact: true }).waitFor();
    const shown = await victim.page.locator('main').innerText();
    assert.ok(shown.includes(mine.receiptId), 'the victim\'s receipt is intact');
    assert.ok(!shown.includes(planted.receiptId), 'the planted one is gone');
    await assertAccessible(victim.page, 'find my data: after a stranger\'s deletion');
    assert.deepEqual(victim.problems, []);
    assert.deepEqual(attacker.problems, []);
  });
