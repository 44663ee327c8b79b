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
    const link = message.links.find((l) => l.includes('/find-my-data.html?lang=en#link='));
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

/** A fresh page whose browser prefers this language (Find my data follows it). */
async function openIn(t, lang) {
  const context = await browser.newContext({ locale: lang, viewport: { width: 900, height: 900 } });
  context.setDefaultTimeout(TIMEOUT_MS);
  t.after(async () => { await context.close(); });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) { problems.push('console error: ' + m.text()); }
  });
  return { page, problems };
}

const sectionText = async (page) => (await page.locator('[data-find-my-data]').innerText()).replace(/\s+/g, ' ').trim();

/** What a screen reader is told the page's language is, and the page's own words around the section. */
async function pageFrame(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    header: document.querySelector('header').innerText.trim(),
    footer: document.querySelector('footer').innerText.replace(/\s+/g, ' ').trim()
  }));
}

test('Find my data opens in the language its link names, else the browser\'s, with <html lang> to match', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  // a zh-CN email's link on an English browser: Chinese, page and all
  const english = await open(t);
  await english.page.goto(BASE_URL + '/find-my-data.html?lang=zh-CN');
  await english.page.getByRole('heading', { name: '查找我的数据', exact: true }).waitFor();
  assert.deepEqual(await pageFrame(english.page), {
    lang: 'zh-CN', title: '查找我的数据 | Example Brand', header: '您在Example Brand的数据',
    footer: 'Example Brand Ltd · 隐私声明 · Consent Vault 活动落地页工具包演示'
  });
  await english.page.getByRole('region', { name: '查找我的数据', exact: true }).waitFor();
  await english.page.getByRole('button', { name: '向我发送链接或验证码', exact: true }).waitFor();
  await assertAccessible(english.page, 'find my data: ?lang=zh-CN on an English browser');

  // no language in the address: the browser's first one we speak (pt-BR), not the page's static en
  const brazilian = await openIn(t, 'pt-BR');
  await brazilian.page.goto(BASE_URL + '/find-my-data.html');
  await brazilian.page.getByRole('heading', { name: 'Encontrar meus dados', exact: true }).waitFor();
  assert.deepEqual(await pageFrame(brazilian.page), {
    lang: 'pt-BR', title: 'Encontrar meus dados | Example Brand', header: 'Seus dados em Example Brand',
    footer: 'Example Brand Ltd · Aviso de privacidade · Demonstração do kit de páginas de campanha do Consent Vault'
  });
  await brazilian.page.getByRole('button', { name: 'Enviar um link ou código', exact: true }).waitFor();
  await assertAccessible(brazilian.page, 'find my data: pt-BR browser');

  // a language we do not speak in the address falls through to the browser's
  await brazilian.page.goto(BASE_URL + '/find-my-data.html?lang=fr');
  await brazilian.page.getByRole('heading', { name: 'Encontrar meus dados', exact: true }).waitFor();
  assert.equal((await pageFrame(brazilian.page)).lang, 'pt-BR');
  assert.deepEqual(english.problems, []);
  assert.deepEqual(brazilian.problems, []);
});

test('zh-CN: Find my data asks, answers and refuses in Chinese', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { page, problems } = await openIn(t, 'zh-CN');
  await page.goto(BASE_URL + '/find-my-data.html');
  await page.getByRole('heading', { name: '查找我的数据', exact: true }).waitFor();
  assert.match(await sectionText(page), /请输入您注册时使用的电子邮箱或手机号码。.*仅可使用一次，15 分钟内有效。/);
  await assertAccessible(page, 'zh-CN find my data: ask');
  await page.screenshot({ path: SHOTS + 'find-my-data-zh-CN-ask.png', fullPage: true });

  const identifier = page.getByLabel('电子邮箱或手机号码', { exact: true });
  const send = page.getByRole('button', { name: '向我发送链接或验证码', exact: true });
  await send.click();
  await page.getByRole('status').filter({ hasText: '请先输入您的电子邮箱或手机号码。' }).waitFor();
  assert.equal(await identifier.getAttribute('aria-invalid'), 'true');
  await identifier.fill('12345');
  await send.click();
  await page.getByRole('status').filter({ hasText: '这似乎不是国际格式的手机号码（+86 139 1234 5678）。' }).waitFor();

  // a number nobody signed up with: the same answer as for one that did (no oracle), in Chinese
  const asked = page.waitForRequest((r) => r.url().endsWith('/v1/access-links'));
  await identifier.fill('+86 139 ' + String(Date.now()).slice(-8));
  await send.click();
  assert.equal((await asked).postDataJSON().locale, 'zh-CN', 'the message is asked for in the page\'s language');
  await page.getByRole('heading', { name: '请输入短信验证码', exact: true }).waitFor();
  assert.match(await sectionText(page), /一条含 6 位验证码的短信正在发送中。/);
  await page.getByLabel('6 位验证码', { exact: true }).fill('000000');
  await page.getByRole('button', { name: '查看我的数据', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '此链接或验证码已失效：可能输入有误、已被使用或已过期。请在下方重新获取。' }).waitFor();
  await page.getByRole('heading', { name: '查找我的数据', exact: true }).waitFor();
  const shown = await page.locator('main').innerText();
  assert.ok(!/Find my data|Send me|Type |code|link/.test(shown.replace('Your data at Example Brand', '')),
    'nothing of the script left in English: ' + shown);
  await assertAccessible(page, 'zh-CN find my data: code refused');

  // codes locked for this number: the page says how long to wait (the API's Retry-After), in Chinese
  await page.route('**/v1/access-sessions', (route) => route.fulfill({
    status: 429, contentType: 'application/problem+json', headers: { 'retry-after': '600' },
    body: JSON.stringify({ status: 429, detail: 'Too many codes were tried for this phone number.' })
  }));
  await identifier.fill('+86 139 ' + String(Date.now() + 1).slice(-8));
  await send.click();
  await page.getByLabel('6 位验证码', { exact: true }).fill('123456');
  await page.getByRole('button', { name: '查看我的数据', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '此号码的验证码尝试次数过多。请在 10 分钟后重新获取验证码。' }).waitFor();
  assert.deepEqual(problems, []);
});

test('pt-BR: the emailed link opens Find my data in Portuguese: the data, its statuses and the actions', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const english = await open(t);
  const email = `fmd-pt-${randomUUID().slice(0, 8)}@example.com`;
  const receipt = await signUp(english.page, email);
  await confirm(english.page, email);

  const { page: asker, problems } = await openIn(t, 'pt-BR');
  await asker.goto(BASE_URL + '/find-my-data.html');
  await asker.getByRole('heading', { name: 'Encontrar meus dados', exact: true }).waitFor();
  const since = new Date().toISOString();
  await asker.getByLabel('E-mail ou número de celular', { exact: true }).fill(email);
  await asker.getByRole('button', { name: 'Enviar um link ou código', exact: true }).click();
  await asker.getByRole('heading', { name: 'Confira seu e-mail', exact: true }).waitFor();
  assert.match(await sectionText(asker), /Se tivermos dados vinculados a este endereço, um e-mail com um link está a caminho\./);
  await assertAccessible(asker, 'pt-BR find my data: sent');

  const message = await newestMessageTo(email, { after: since, linking: '#link=' });
  // the page asked for the link in its language, so the email is in Portuguese too
  assert.match(message.subject, /^Seu link para os dados que .+ tem sobre você$/);
  const link = message.links.find((l) => l.includes('#link='));
  assert.ok(link.includes('/find-my-data.html?lang=pt-BR#link='), 'the link names its email\'s language: ' + link);
  // opened on a browser set to English (another device, say), the page still speaks Portuguese
  const page = english.page;
  await page.goto(link);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt-BR');
  assert.match(await sectionText(page), /Você abriu seu link de uso único\./);
  await page.getByRole('button', { name: 'Ver meus dados', exact: true }).click();
  await page.getByRole('heading', { name: 'Seus dados', exact: true }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Você entrou por 30 minutos.' }).waitFor();
  const mine = page.getByRole('region', { name: 'Recibo de cny-2027', exact: true });
  const shown = (await mine.innerText()).replace(/\s+/g, ' ');
  assert.match(shown, /Cadastro em cny-2027, \d{1,2} de [a-zç]+ de \d{4}/, shown);
  assert.ok(shown.includes('Recibo ' + receipt.receiptId + ' · contém '), shown);
  assert.ok(shown.includes('Send you news and offers about this brand by email: aceito'), shown);
  for (const name of ['Baixar todos os meus dados (JSON)', 'Retirar todo o meu consentimento', 'Apagar tudo', 'Sair']) {
    await page.getByRole('button', { name, exact: true }).waitFor();
  }
  await assertAccessible(page, 'pt-BR find my data: your data');
  await page.screenshot({ path: SHOTS + 'find-my-data-pt-BR-your-data.png', fullPage: true });

  await page.getByRole('button', { name: 'Retirar todo o meu consentimento', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Todo o seu consentimento foi retirado.' }).waitFor();
  // withdrawn everywhere, the receipt no longer carries the address, so nothing is listed under it
  await page.getByText('Não temos registros de consentimento vinculados a este endereço ou número.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sair', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Você saiu.' }).waitFor();
  await assertAccessible(page, 'pt-BR find my data: signed out');
  assert.deepEqual(problems, []);
  assert.deepEqual(english.problems, []);
});
