// Real-browser test of the landing-page kit: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) on the demo cherries campaign page, against a running local run (BASE_URL).
// Run it through landing-kit/test/run, which starts the local run and sets BASE_URL.
//
// Every test opens a fresh browser context (no shared cookies or localStorage) and signs up its own
// person with a unique email, so tests neither depend on nor disturb each other, and each asserts
// what a person sees on the page. Screenshots go to landing-kit/target/screenshots/.
//
// axe-core checks the page in every state a person meets (empty form, errors, receipt, GPC on, 320 px
// wide, after withdrawal, after deletion): any violation fails the test. It is evaluated through the
// DevTools protocol, which the page's Content-Security-Policy does not govern, so the CSP stays fully
// in force and a violation of it still fails the test.

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
const ACTION_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 60_000;
const STORAGE_KEY = 'consent-vault-receipt';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// What the catalogue says about each purpose, as the page must show it (labels are the descriptions).
const PURPOSE = {
  email: 'Send you news and offers about this brand by email.',
  sms: 'Send you news and offers about this brand by text message.',
  ads: 'Share your hashed email address with advertising platforms so they can show you ads for this brand.',
  contest: "Enter you in this campaign's prize draw and contact you if you win."
};
const GPC_REASON = /Global Privacy Control/;

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

after(async () => {
  await browser?.close();
});

/** A fresh context and page; page errors and console errors (CSP violations included) fail the test. */
async function open(t, { gpc = false, width = 900 } = {}) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  if (gpc) {
    // A GPC-enabled browser: the JS signal, and the Sec-GPC header (browsers add it themselves; JS cannot).
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    // Chromium drops Sec-* headers set through route.continue, so the request is sent from here with
    // the header added, and its answer handed back to the page.
    await context.route('**/v1/consents', async (route) => route.fulfill({
      response: await route.fetch({ headers: { ...route.request().headers(), 'sec-gpc': '1' } })
    }));
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('console', (message) => {
    // the browser logs every 4xx answer as "Failed to load resource"; tests expect some of those
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      problems.push('console error: ' + message.text());
    }
  });
  t.after(async () => {
    await context.close();
  });
  return { context, page, problems };
}

async function goHome(page) {
  await page.goto(BASE_URL + '/');
  // the form is built from GET /v1/purposes: wait until it is there
  await page.getByRole('checkbox', { name: PURPOSE.email, exact: true }).waitFor();
}

const box = (page, description) => page.getByRole('checkbox', { name: description, exact: true });
const emailField = (page) => page.getByLabel('Email address', { exact: true });
const phoneField = (page) => page.getByLabel(/^Mobile number/);
const nameField = (page) => page.getByLabel('Your name', { exact: true });
// the demo page is "EU": GDPR Art. 8's default age of digital consent, 16
const ageBox = (page) => page.getByLabel('I am 16 or older', { exact: true });
const receiptPanel = (page) => page.getByRole('region', { name: 'Your consent receipt' });
const receiptLine = (page, description) => receiptPanel(page).locator('li', { hasText: description });

function uniqueEmail(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Retries an assertion until it passes or the time is up (then throws its last failure). */
/** The newest message the local run sent to this address (GET /_local/outbox), once the sender sent it. */
async function sentTo(to) {
  let found;
  await eventually(async () => {
    const messages = await fetch(BASE_URL + '/_local/outbox').then((r) => r.json());
    found = messages.find((m) => m.to === to);
    assert.ok(found, 'nothing sent to ' + to + ' yet');
  }, { timeout: 15_000, every: 500 });
  return found;
}

async function eventually(check, { timeout = ACTION_TIMEOUT_MS, every = 200 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) { throw error; }
      await new Promise((resolve) => setTimeout(resolve, every));
    }
  }
}

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function screenshot(page, name) {
  await page.screenshot({ path: SHOTS + name, fullPage: true });
}

/** Ticks the purposes, fills the fields they enable, optionally "Remember my receipt", and signs up. */
async function signUp(page, { purposes, email, phone, name, remember = false }) {
  for (const description of purposes) { await box(page, description).check(); }
  if (email !== undefined) { await emailField(page).fill(email); }
  if (phone !== undefined) { await phoneField(page).fill(phone); }
  if (name !== undefined) { await nameField(page).fill(name); }
  if (remember) { await page.getByLabel(/^Remember my receipt/).check(); }
  await ageBox(page).check();
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/consents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  const response = await answer;
  return { response, receipt: await response.json() };
}

function assertNoProblems(problems) {
  assert.deepEqual(problems, [], 'the page logged errors');
}

/** Runs axe-core (WCAG 2 A/AA and best practices) on the page as it is now; any violation fails. */
async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, [], `axe-core found violations (${state})`);
  console.log(`axe-core 0 violations: ${state}`);
}

const focusedElement = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a.tagName, className: a.className, text: a.textContent.replace(/\s+/g, ' ').trim() };
});

test('sign up: the notice, fields enabled by purpose, the receipt, and "Welcome back" after a reload',
  { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { page, problems } = await open(t);
    await goHome(page);

    // an honest notice before asking: what, for how long, shared with whom; nothing ticked
    const notice = await textOf(page.locator('form'));
    for (const description of Object.values(PURPOSE)) { assert.ok(notice.includes(description), description); }
    assert.match(notice, /We keep: email\. For 24 months, then it is deleted automatically\. Not shared with anyone\./);
    assert.match(notice, /For 13 months, then it is deleted automatically\. Shared with: TikTok Ads, Meta Ads\./);
    assert.match(notice, /For 90 days/);
    for (const description of Object.values(PURPOSE)) { assert.equal(await box(page, description).isChecked(), false); }
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the page says it is in English, as shown');
    await assertAccessible(page, 'empty form');

    // fields are disabled until a ticked purpose needs them
    assert.equal(await emailField(page).isDisabled(), true, 'email starts disabled');
    assert.equal(await phoneField(page).isDisabled(), true, 'phone starts disabled');
    assert.equal(await nameField(page).isDisabled(), true, 'name starts disabled');
    await box(page, PURPOSE.email).check();
    assert.equal(await emailField(page).isEnabled(), true, 'email enabled by marketing-email');
    assert.equal(await phoneField(page).isDisabled(), true, 'marketing-email does not need the phone');
    assert.equal(await nameField(page).isDisabled(), true, 'marketing-email does not need the name');
    await box(page, PURPOSE.email).uncheck();
    assert.equal(await emailField(page).isDisabled(), true, 'email disabled again when unticked');

    const email = uniqueEmail('ana');
    const { response, receipt } = await signUp(page, {
      purposes: [PURPOSE.email, PURPOSE.contest], email, phone: '+34 611 222 333', name: 'Ana Kowalczyk', remember: true
    });
    assert.equal(response.status(), 201);
    assert.equal(response.request().postDataJSON().locale, 'en', 'the kit sends the language the form is shown in');
    assert.equal(receipt.language, 'en', 'the receipt records it');

    const panel = receiptPanel(page);
    await panel.waitFor();
    await page.getByRole('heading', { name: 'Your consent receipt' }).waitFor();
    const shown = await textOf(panel);
    assert.match(shown, /Check your inbox/);
    assert.ok(shown.includes('we sent a confirmation link to ' + email[0] + '**@example.com'), 'where the link went: ' + shown);
    assert.ok(shown.includes(receipt.receiptId), 'the receipt id is shown');
    assert.ok(shown.includes(email[0] + '**@example.com'), 'the masked email is shown: ' + shown);
    assert.ok(!shown.includes(email), 'the email is never shown in clear');
    assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Waiting for your confirmation: /,
      'double opt-in: email marketing waits for the link');
    assert.match(await textOf(receiptLine(page, PURPOSE.contest)), /^Agreed: /);
    assert.match(await textOf(receiptLine(page, PURPOSE.sms)), /^Not agreed: /);
    assert.match(await textOf(receiptLine(page, PURPOSE.ads)), /^Not agreed: /);
    assert.equal(await page.getByRole('button', { name: 'Sign up' }).isVisible(), false, 'the form gives way to the receipt');
    assert.equal(await textOf(page.getByRole('status').first()), '', 'no stale "Sending…" left on the page');
    // "Remember my receipt" keeps exactly the id and the token, and nothing personal
    const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY));
    assert.deepEqual(stored, { receiptId: receipt.receiptId, receiptToken: receipt.receiptToken });
    await screenshot(page, '1-signed-up.png');
    await assertAccessible(page, 'receipt');

    await page.reload();
    await receiptPanel(page).waitFor();
    const again = await textOf(receiptPanel(page));
    assert.match(again, /Welcome back/);
    assert.ok(again.includes(receipt.receiptId), 'the same receipt is shown again');
    assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Waiting for your confirmation: /);

    // the confirmation email, as the local outbox lists what the local run sent
    const message = await sentTo(email);
    assert.match(message.subject, /Please confirm your email for Example Brand Ltd/);
    const link = message.links.find((l) => l.includes('/confirmations/'));
    assert.ok(link, 'the email carries the confirmation link: ' + message.text);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor();
    await screenshot(page, '1-confirmation-page.png');
    // opening the link confirms nothing: only the button does
    const before = await fetch(`${BASE_URL}/v1/receipts/${receipt.receiptId}`,
      { headers: { authorization: 'Bearer ' + receipt.receiptToken } }).then((r) => r.json());
    assert.equal(before.purposes.find((p) => p.purposeId === 'marketing-email').status, 'PENDING_CONFIRMATION');
    await page.getByRole('button', { name: 'Yes, confirm' }).click();
    await page.getByRole('heading', { name: 'Confirmed' }).waitFor();
    await goHome(page);
    await receiptPanel(page).waitFor();
    assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Agreed: /, 'confirmed');
    assertNoProblems(problems);
  });

test('withdraw: the email purpose becomes "Withdrawn"', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  const { receipt } = await signUp(page, {
    purposes: [PURPOSE.email, PURPOSE.contest], email: uniqueEmail('wit'), phone: '+34 611 222 334', name: 'Wit Nowak'
  });
  await receiptPanel(page).waitFor();
  assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Waiting for your confirmation: /);

  // a purpose waiting for confirmation can be withdrawn (cancelled) too
  await page.getByRole('button', { name: 'Withdraw consent: ' + PURPOSE.email, exact: true }).click();
  await eventually(async () => assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Withdrawn: /));
  assert.match(await textOf(receiptPanel(page)), /your consent is withdrawn/);
  assert.match(await textOf(receiptLine(page, PURPOSE.contest)), /^Agreed: /, 'the other purpose is untouched');
  assert.equal(await page.getByRole('button', { name: 'Withdraw consent: ' + PURPOSE.email }).count(), 0,
    'nothing left to withdraw for that purpose');
  await screenshot(page, '2-withdrawn.png');
  await assertAccessible(page, 'after withdrawal');

  // the API agrees
  const now = await fetch(`${BASE_URL}/v1/receipts/${receipt.receiptId}`,
    { headers: { authorization: 'Bearer ' + receipt.receiptToken } }).then((r) => r.json());
  assert.equal(now.purposes.find((p) => p.purposeId === 'marketing-email').status, 'WITHDRAWN');
  assertNoProblems(problems);
});

test('delete my data: the reference and deadline are shown, and the data is erased within seconds',
  { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { page, problems } = await open(t);
    await goHome(page);
    await signUp(page, { purposes: [PURPOSE.email], email: uniqueEmail('del'), remember: true });
    await receiptPanel(page).waitFor();
    // the id and token the page keeps, as the person's browser holds them
    const { receiptId, receiptToken } = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY));
    const view = () => fetch(`${BASE_URL}/v1/receipts/${receiptId}`, { headers: { authorization: 'Bearer ' + receiptToken } });
    assert.equal((await view()).status, 200, 'the receipt exists before the deletion');

    const answer = page.waitForResponse((r) => r.url().endsWith('/v1/privacy-requests'));
    await page.getByRole('button', { name: 'Delete my data', exact: true }).click();
    const request = await (await answer).json();
    assert.equal(request.type, 'deletion');
    const outcome = receiptPanel(page).locator('.cv-outcome');
    await eventually(async () => assert.match(await textOf(outcome), /deletion request/));
    const dueDate = await page.evaluate((dueAt) => new Date(dueAt).toLocaleDateString(), request.dueAt);
    const text = await textOf(outcome);
    assert.ok(text.includes(`reference ${request.requestId}`), 'the reference id is shown: ' + text);
    assert.ok(text.includes(dueDate), `the deadline ${dueDate} is shown: ${text}`);
    assert.match(text, /\d{2}\/\d{2}\/\d{4}/, 'a date');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null,
      'the receipt is no longer kept on this device');
    assert.deepEqual(await focusedElement(page), { tag: 'P', className: 'cv-outcome', text },
      'focus moves to the answer, not to the page body');
    await screenshot(page, '3-deletion-requested.png');
    await assertAccessible(page, 'after deletion request');

    // the local SQS poller hands the request to the deletion processor: the receipt is gone
    await eventually(async () => assert.equal((await view()).status, 404, 'receipt still there'),
      { timeout: 15_000, every: 500 });
    // and a reload offers the form again, not a stale receipt
    await page.reload();
    await box(page, PURPOSE.email).waitFor();
    assert.equal(await receiptPanel(page).isVisible(), false);
    assertNoProblems(problems);
  });

test('GPC on: personalised ads are switched off and the receipt says why', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t, { gpc: true });
  await goHome(page);
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
  await page.getByText('Your browser sends a Global Privacy Control signal').waitFor();
  assert.equal(await box(page, PURPOSE.ads).isDisabled(), true, 'personalised ads cannot be ticked');
  assert.equal(await box(page, PURPOSE.email).isEnabled(), true, 'other purposes can');
  assert.match(await textOf(page.locator('form')), /Switched off because of your Global Privacy Control setting/);
  await screenshot(page, '4-gpc-form.png');
  await assertAccessible(page, 'GPC on, form');

  const { response, receipt } = await signUp(page, { purposes: [PURPOSE.email], email: uniqueEmail('gpc') });
  assert.equal(response.status(), 201);
  assert.equal(response.request().postDataJSON().purposes['personalised-ads'], false, 'never asked to grant');
  assert.equal(receipt.globalPrivacyControl, true, 'the API received Sec-GPC: 1');

  await receiptPanel(page).waitFor();
  const ads = await textOf(receiptLine(page, PURPOSE.ads));
  assert.match(ads, /^Not agreed: /);
  assert.match(ads, GPC_REASON, 'the receipt says why: ' + ads);
  assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Waiting for your confirmation: /);
  await screenshot(page, '4-gpc.png');
  await assertAccessible(page, 'GPC on, receipt');
  assertNoProblems(problems);
});

test('GPC on: a grant of personalised ads forced through the API is REFUSED, reason gpc, and the page shows it',
  { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const forced = await fetch(BASE_URL + '/v1/consents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'sec-gpc': '1' },
      body: JSON.stringify({
        subject: { email: uniqueEmail('force') },
        purposes: { 'marketing-email': true, 'personalised-ads': true },
        noticeVersion: '2026-11-01', source: { page: 'cherries-tiktok' }, jurisdiction: 'EU', ageConfirmed: true
      })
    });
    assert.equal(forced.status, 201);
    const receipt = await forced.json();
    const ads = receipt.purposes.find((p) => p.purposeId === 'personalised-ads');
    assert.equal(ads.status, 'REFUSED');
    assert.equal(ads.reason, 'gpc');
    assert.match(ads.reasonText, GPC_REASON);

    // the person comes back with that receipt remembered on their device
    const { context, page, problems } = await open(t, { gpc: true });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value),
      [STORAGE_KEY, JSON.stringify({ receiptId: receipt.receiptId, receiptToken: receipt.receiptToken })]);
    await page.goto(BASE_URL + '/');
    await receiptPanel(page).waitFor();
    assert.match(await textOf(receiptPanel(page)), /Welcome back/);
    const line = await textOf(receiptLine(page, PURPOSE.ads));
    assert.match(line, /^Not agreed: /);
    assert.ok(line.includes(ads.reasonText), 'the server\'s reason is shown: ' + line);
    assertNoProblems(problems);
  });

test('errors are shown next to the right field and announced', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  const { response } = await signUp(page, { purposes: [PURPOSE.email], email: 'not-an-email' });
  assert.equal(response.status(), 400);

  const email = emailField(page);
  await eventually(async () => assert.equal(await email.getAttribute('aria-invalid'), 'true'));
  // the message is one of the elements that describe the field, and sits in the field's own block
  const describedBy = (await email.getAttribute('aria-describedby')).split(/\s+/);
  assert.match(await page.locator(`[id="${describedBy[0]}"]`).innerText(), /valid email/i,
    'the error is read first, before the hint');
  const messages = [];
  for (const id of describedBy) {
    const node = page.locator(`[id="${id}"]`);
    if (await node.isVisible() && /valid email/i.test(await node.innerText())) { messages.push(node); }
  }
  assert.equal(messages.length, 1, 'exactly one visible error describes the email field');
  const sameBlock = await messages[0].evaluate((node, inputId) => node.parentElement.contains(document.getElementById(inputId)),
    await email.getAttribute('id'));
  assert.ok(sameBlock, 'the error sits next to the email field');
  assert.equal(await page.locator('.cv-error:visible').count(), 1, 'no error next to any other field');
  assert.equal(await textOf(page.getByRole('status').first()), '1 thing to fix before we can sign you up.',
    'the status region announces it');
  assert.equal(await email.evaluate((node) => node === document.activeElement), true, 'focus moves to the field');
  assert.ok(!(await textOf(page.locator('body'))).includes('not-an-email'), 'the page does not repeat what was typed outside the field');
  await screenshot(page, '5-error.png');
  await assertAccessible(page, 'errors');

  // fixed, it goes through (the key of the refused request wrote nothing, so reusing it is fine)
  await email.fill(uniqueEmail('fixed'));
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/consents'));
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  assert.equal((await answer).status(), 201);
  await receiptPanel(page).waitFor();
  assertNoProblems(problems);
});

test('a lost answer is retried without signing up twice; an edited form is a new request', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  // the first answer is lost on the way back: the API did sign the person up, the page does not know
  const created = [];
  await page.route('**/v1/consents', async (route) => {
    if (created.length === 0) {
      const answer = await route.fetch();
      created.push({ status: answer.status(), receipt: await answer.json() });
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await box(page, PURPOSE.email).check();
  await ageBox(page).check();
  await emailField(page).fill(uniqueEmail('lost'));
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'could not reach the sign-up service' }).waitFor();
  assert.equal(created[0].status, 201);

  // trying again as it is: the same Idempotency-Key replays the same receipt
  const again = page.waitForResponse((r) => r.url().endsWith('/v1/consents'));
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  const replay = await again;
  assert.equal(replay.status(), 201);
  assert.equal(replay.headers()['idempotent-replayed'], 'true');
  await receiptPanel(page).waitFor();
  assert.ok((await textOf(receiptPanel(page))).includes(created[0].receipt.receiptId), 'the receipt of the first attempt');

  // another visitor loses the answer too, then corrects the email: that is a new request, not a 409
  const { page: other, problems: otherProblems } = await open(t);
  await goHome(other);
  let lost = false;
  await other.route('**/v1/consents', async (route) => {
    if (!lost) {
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await box(other, PURPOSE.email).check();
  await ageBox(other).check();
  await emailField(other).fill(uniqueEmail('typo'));
  await other.getByRole('button', { name: 'Sign up', exact: true }).click();
  await other.getByRole('alert').filter({ hasText: 'could not reach the sign-up service' }).waitFor();
  await emailField(other).fill(uniqueEmail('corrected'));
  const second = other.waitForResponse((r) => r.url().endsWith('/v1/consents'));
  await other.getByRole('button', { name: 'Sign up', exact: true }).click();
  assert.equal((await second).status(), 201, 'the corrected form is accepted, not refused as a reused key');
  await receiptPanel(other).waitFor();
  assertNoProblems(problems);
  assertNoProblems(otherProblems);
});

test('a remembered receipt that cannot be loaded leaves the form usable', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { context, page, problems } = await open(t);
  await context.addInitScript(([key]) => localStorage.setItem(key, JSON.stringify({ receiptId: 'r1', receiptToken: 't1' })),
    [STORAGE_KEY]);
  await page.route('**/v1/receipts/**', (route) => route.fulfill({
    status: 503, contentType: 'application/problem+json', headers: { 'retry-after': '1' },
    body: JSON.stringify({ type: 'urn:consent-vault:problem:service-unavailable', title: 'Service Unavailable', status: 503,
      detail: 'The service is briefly unavailable. Please try again.' })
  }));
  await goHome(page);
  await eventually(async () => assert.match(await textOf(page.getByRole('status').first()), /receipt could not be loaded/));
  assert.equal(await page.getByRole('button', { name: 'Sign up', exact: true }).isVisible(), true, 'the form is still there');
  assert.notEqual(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null,
    'a passing failure does not forget the receipt');
  assertNoProblems(problems);
});

test('withdrawal and deletion say so when the service cannot be reached', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  await signUp(page, { purposes: [PURPOSE.email], email: uniqueEmail('net') });
  await receiptPanel(page).waitFor();
  await page.route('**/v1/receipts/*/withdrawals', (route) => route.abort('internetdisconnected'));
  await page.route('**/v1/privacy-requests', (route) => route.abort('internetdisconnected'));
  const outcome = receiptPanel(page).locator('.cv-outcome');
  await page.getByRole('button', { name: 'Withdraw consent: ' + PURPOSE.email, exact: true }).click();
  await eventually(async () => assert.match(await textOf(outcome), /could not reach the service, so nothing was withdrawn/));
  assert.match(await textOf(receiptLine(page, PURPOSE.email)), /^Waiting for your confirmation: /);
  await page.getByRole('button', { name: 'Delete my data', exact: true }).click();
  await eventually(async () => assert.match(await textOf(outcome), /could not reach the service, so the request was not sent/));
  assertNoProblems(problems);
});

test('keyboard: Tab reaches the first purpose, Space ticks it, and Tab reaches "Sign up"', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, type: a.type || '', value: a.value || '', text: a.textContent.trim(), label: a.labels?.[0]?.textContent || '' };
  });
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), { tag: 'INPUT', type: 'checkbox', value: 'marketing-email', text: '', label: PURPOSE.email },
    'the first Tab lands on the first purpose');
  await page.keyboard.press('Space');
  assert.equal(await box(page, PURPOSE.email).isChecked(), true, 'Space ticks it');
  assert.equal(await emailField(page).isEnabled(), true);

  const visited = [];
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused();
    visited.push(now.label || now.text || now.tag);
    if (now.tag === 'BUTTON' && now.text === 'Sign up') { break; }
  }
  assert.equal(visited.at(-1), 'Sign up', 'Tab reaches the submit button; visited: ' + visited.join(' | '));
  assert.ok(visited.includes('Email address'), 'the enabled email field is on the way');
  assert.ok(!visited.some((v) => /^Mobile number|^Your name$/.test(v)), 'disabled fields are skipped');
  assertNoProblems(problems);
});

test('nothing ticked: nothing is sent, and the page says so instead of "signed up"', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  const sent = [];
  page.on('request', (request) => { if (request.url().endsWith('/v1/consents')) { sent.push(request.postData()); } });
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();

  const alert = page.getByRole('alert');
  await eventually(async () => assert.match(await textOf(alert), /You have not ticked anything, so there is nothing to sign up for and nothing was sent/));
  assert.equal(await textOf(page.getByRole('status').first()), 'Nothing sent.');
  assert.deepEqual(sent, [], 'no request');
  assert.equal(await receiptPanel(page).isVisible(), false, 'no receipt');
  assert.ok(!(await textOf(page.locator('main'))).includes('Thank you'), 'no thanks for a sign-up that did not happen');
  assert.deepEqual(await focusedElement(page), { tag: 'INPUT', className: '', text: '' });
  assert.equal(await page.evaluate(() => document.activeElement.value), 'marketing-email', 'focus on the first choice');
  await assertAccessible(page, 'nothing ticked');

  // choosing then works as usual
  const { response } = await signUp(page, { purposes: [PURPOSE.email], email: uniqueEmail('late') });
  assert.equal(response.status(), 201);
  await receiptPanel(page).waitFor();
  assertNoProblems(problems);
});

test('320 px wide: words wrap whole, only ids break, targets are 24 px, nothing scrolls sideways', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t, { width: 320 });
  await goHome(page);
  const remember = page.getByLabel(/^Remember my receipt/);
  const boxRect = await remember.boundingBox();
  assert.ok(boxRect.width >= 24 && boxRect.height >= 24, `"Remember my receipt" box is ${boxRect.width}x${boxRect.height}`);
  const labelRect = await page.locator('label', { hasText: 'Remember my receipt' }).boundingBox();
  assert.ok(labelRect.x - (boxRect.x + boxRect.width) >= 8, 'the box does not touch its label');
  for (const description of Object.values(PURPOSE)) {
    const r = await box(page, description).boundingBox();
    assert.ok(r.width >= 24 && r.height >= 24, `${description} box is ${r.width}x${r.height}`);
  }
  const footer = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('footer'));
    const r = range.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });
  assert.ok(footer.left >= 12 && footer.right <= 308, `the footer text keeps off the edges: ${JSON.stringify(footer)}`);
  await screenshot(page, '6-320px-form.png');
  await assertAccessible(page, '320 px, form');

  await signUp(page, { purposes: [PURPOSE.email, PURPOSE.contest], email: uniqueEmail('narrow'), phone: '+34 611 222 335',
    name: 'Ana Kowalczyk' });
  await receiptPanel(page).waitFor();
  // every word of the receipt sits on one line: only the ids may break
  const broken = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('.cv-receipt'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.cv-id')) { continue; }
      // words of the language ("Ltd", "Withdraw"); e-mail addresses may break when a line cannot hold them
      const re = /\S+/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        if (!/^\(?[\p{L}'’-]+[.,:;!?)]*$/u.test(m[0])) { continue; }
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        if (lines.size > 1) { out.push(m[0]); }
      }
    }
    return out;
  });
  assert.deepEqual(broken, [], 'words broken across lines');
  assert.match(await textOf(receiptPanel(page)), /Example Brand Ltd/);
  // an element whose content is wider than its box (text running out of it), or a page wider than the screen
  const wider = () => page.evaluate(() => [document.documentElement, ...document.querySelectorAll('body *')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0)
    .map((e) => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`));
  assert.deepEqual(await wider(), [], 'nothing reaches past the right edge (no sideways scrolling)');
  await screenshot(page, '6-320px-receipt.png');
  await assertAccessible(page, '320 px, receipt');

  await page.getByRole('button', { name: 'Delete my data', exact: true }).click();
  await eventually(async () => assert.match(await textOf(receiptPanel(page).locator('.cv-outcome')), /deletion request/));
  assert.deepEqual(await wider(), [], 'nothing reaches past the right edge after deletion');
  await screenshot(page, '6-320px-deleted.png');
  await assertAccessible(page, '320 px, after deletion request');
  assertNoProblems(problems);
});

test('age: "I am 16 or older" unticked sends nothing and says a parent or guardian is needed', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  const sent = [];
  page.on('request', (request) => { if (request.url().endsWith('/v1/consents')) { sent.push(request.postData()); } });
  await box(page, PURPOSE.email).check();
  await emailField(page).fill(uniqueEmail('young'));
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await eventually(async () => assert.match(
    await textOf(page.locator('.cv-age .cv-error')), /only sign you up if you are 16 or older.*parent or guardian: nothing was sent/));
  assert.deepEqual(sent, [], 'nothing about a child is sent');
  assert.equal(await ageBox(page).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.labels?.[0]?.textContent), 'I am 16 or older');
  await screenshot(page, '8-age.png');
  await assertAccessible(page, 'age not confirmed');

  await ageBox(page).check();
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/consents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  const response = await answer;
  assert.equal(response.status(), 201);
  assert.equal(JSON.parse(response.request().postData()).ageConfirmed, true, 'the attestation, never a birth date');
  assertNoProblems(problems);
});

test('a sign-up held while the service is very busy (202) is shown as signed up and being recorded', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t);
  await goHome(page);
  // the answer a held sign-up gets: the same receipt and token, status 202, "held": true
  await page.route('**/v1/consents', async (route) => {
    const answer = await route.fetch();
    const receipt = await answer.json();
    await route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ ...receipt, held: true }) });
  });
  const { response, receipt } = await signUp(page, { purposes: [PURPOSE.email], email: uniqueEmail('busy') });
  assert.equal(response.status(), 202);
  await receiptPanel(page).waitFor();
  const shown = await textOf(receiptPanel(page));
  assert.match(shown, /Thank you, you are signed up/);
  assert.match(shown, /being recorded now/);
  assert.ok(shown.includes(receipt.receiptId), 'the receipt id is shown');
  assertNoProblems(problems);
});
