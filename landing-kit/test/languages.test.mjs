// Real-browser test of the kit in other languages: the cherries campaign's demo pages in Chilean
// Spanish (/es-CL, Ley 21.719) and in Chinese (/zh-CN, PIPL with its separate consent), against a
// running local run (BASE_URL; use landing-kit/test/run). Each test opens a fresh context, signs up
// its own person, asserts what the person sees, runs axe-core on every state and takes the
// screenshots the README shows (landing-kit/target/screenshots/).

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
const TIMEOUT_MS = 60_000;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ES = {
  email: 'Enviarle novedades y ofertas de esta marca por correo electrónico.',
  ads: 'Compartir su dirección de correo electrónico, cifrada con hash, con plataformas de publicidad para que le muestren anuncios de esta marca.'
};
const ZH = {
  email: '通过电子邮件向您发送本品牌的新闻和优惠信息。',
  ads: '将您经过哈希处理的电子邮件地址提供给广告平台，以便它们向您展示本品牌的广告。'
};

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

/** A fresh page whose browser prefers `locale`; page and console errors fail the test. */
async function open(t, locale, path) {
  const context = await browser.newContext({ locale, viewport: { width: 900, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      problems.push('console error: ' + message.text());
    }
  });
  t.after(async () => { await context.close(); });
  await page.goto(BASE_URL + path);
  return { page, problems };
}

async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, [], `axe-core found violations (${state})`);
  console.log(`axe-core 0 violations: ${state}`);
}

const textOf = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const box = (page, label) => page.getByRole('checkbox', { name: label, exact: true });
const email = (prefix) => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

async function submit(page, label) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/consents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: label, exact: true }).click();
  const response = await answer;
  return { response, sent: response.request().postDataJSON(), receipt: await response.json() };
}

test('es-CL: the cherries campaign in Chilean Spanish, its receipt in Spanish', { timeout: TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t, 'es-CL', '/es-CL');
  await box(page, ES.email).waitFor();
  const form = await textOf(page.locator('form'));
  assert.match(form, /Marque aquello con lo que está de acuerdo/);
  assert.match(form, /Guardamos: correo electrónico\. Durante 24 meses; después se borra automáticamente\. No se comparte con nadie\./);
  assert.match(form, /Aviso de privacidad \(versión 2026-11-01\):/);
  assert.match(form, /Example Brand usa los datos/);
  assert.ok(!/We keep|Sign up/.test(form), 'nothing left in English: ' + form);
  await assertAccessible(page, 'es-CL form');
  await page.screenshot({ path: SHOTS + 'demo-es-CL-form.png', fullPage: true });

  await box(page, ES.email).check();
  await page.getByLabel('Correo electrónico', { exact: true }).fill(email('catalina'));
  // Ley 21.719 (in force 2026-12-01) sets 14 as the age of consent
  const age = page.getByLabel('Tengo 14 años o más', { exact: true });
  if (await age.count()) { await age.check(); }
  const { response, sent, receipt } = await submit(page, 'Registrarme');
  assert.equal(response.status(), 201);
  assert.equal(sent.locale, 'es', 'the kit sends the language the texts were shown in');
  assert.equal(receipt.language, 'es');
  const panel = page.getByRole('region', { name: 'Su recibo de consentimiento' });
  await panel.waitFor();
  const shown = await textOf(panel);
  assert.match(shown, /Gracias\. Revise su correo: parte de lo que aceptó empieza solo cuando lo confirme\./);
  assert.ok(shown.includes('Pendiente de su confirmación: ' + ES.email), shown);
  // the double opt-in notice comes from the API in the receipt's language, not in English
  const pending = await textOf(panel.locator('.cv-pending[data-channel="email"]'));
  assert.equal(pending, 'Revise su correo: le enviamos un enlace de confirmación a c**@example.com. '
    + 'No se le enviará nada para estos fines hasta que lo abra y confirme.');
  assert.ok(!/Check your|we sent|Thank you/.test(shown), 'nothing left in English: ' + shown);
  assert.match(shown, /Retirar todo/);
  await assertAccessible(page, 'es-CL receipt');
  await page.screenshot({ path: SHOTS + 'demo-es-CL-receipt.png', fullPage: true });
  assert.deepEqual(problems, []);
});

test('zh-CN: PIPL asks a separate consent for the ad platforms abroad; without it the purpose is refused',
  { timeout: TIMEOUT_MS }, async (t) => {
    const { page, problems } = await open(t, 'zh-CN', '/zh-CN');
    await box(page, ZH.email).waitFor();
    const separate = page.getByRole('checkbox', { name: /^我另行单独同意/ });
    assert.equal(await separate.isDisabled(), true, 'a separate consent only beside its purpose\'s tick');
    const form = await textOf(page.locator('form'));
    assert.match(form, /TikTok Ads（SG，联系方式：https:\/\/www\.tiktok\.com\/legal\/privacy-policy）/);
    assert.match(form, /这会将您的个人信息提供到中国境外/);
    assert.match(form, /我已年满 14 周岁/);
    await assertAccessible(page, 'zh-CN form');
    await page.screenshot({ path: SHOTS + 'demo-zh-CN-form.png', fullPage: true });

    await box(page, ZH.email).check();
    await box(page, ZH.ads).check();
    assert.equal(await separate.isEnabled(), true);
    await page.getByLabel('电子邮箱', { exact: true }).fill(email('li'));
    await page.getByLabel('我已年满 14 周岁', { exact: true }).check();
    const { response, sent, receipt } = await submit(page, '注册');
    assert.equal(response.status(), 201);
    assert.deepEqual(sent.separateConsents, { 'personalised-ads': false }, 'the unticked box is a "no"');
    assert.equal(receipt.language, 'zh-CN');
    const panel = page.getByRole('region', { name: '您的同意回执' });
    await panel.waitFor();
    const ads = await textOf(panel.locator('li', { hasText: ZH.ads }));
    assert.match(ads, /^未同意: /);
    assert.match(ads, /须取得您的单独同意/);
    // the newsletter waits for its double opt-in, and the receipt says so in Chinese
    assert.ok((await textOf(panel.locator('li', { hasText: ZH.email }))).startsWith('等待您的确认: '));
    assert.match(await textOf(panel.locator('.cv-pending[data-channel="email"]')),
      /^请查收您的邮件：我们已向 l\*\*@example\.com 发送了确认链接。在您打开链接并确认之前，我们不会为这些用途向您发送任何内容。$/);
    await assertAccessible(page, 'zh-CN receipt');
    await page.screenshot({ path: SHOTS + 'demo-zh-CN-receipt.png', fullPage: true });
    assert.deepEqual(problems, []);
  });

test('zh-CN: the SMS code box and its messages are in Chinese', { timeout: TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t, 'zh-CN', '/zh-CN');
  const sms = '通过短信向您发送本品牌的新闻和优惠信息。';
  await box(page, sms).waitFor();
  await box(page, sms).check();
  await page.getByLabel('手机号码（国际格式，例如 +86 139 1234 5678）', { exact: true }).fill('+86 139 1234 5678');
  await page.getByLabel('我已年满 14 周岁', { exact: true }).check();
  const { response, receipt } = await submit(page, '注册');
  assert.equal(response.status(), 201);
  assert.equal(receipt.pendingConfirmations[0].channel, 'sms');
  const panel = page.getByRole('region', { name: '您的同意回执' });
  await panel.waitFor();
  const pending = panel.locator('.cv-pending[data-channel="sms"]');
  assert.match(await textOf(pending), /^请查看您的手机：我们已向 \+86\S* 发送了 6 位验证码。/);
  const code = page.getByLabel('短信中的 6 位验证码', { exact: true });
  await code.fill('12');
  await page.getByRole('button', { name: '确认', exact: true }).click();
  assert.equal(await textOf(panel.locator('.cv-outcome')), '请输入我们通过短信发送给您的 6 位验证码。');
  await code.fill('000000');
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await panel.locator('.cv-outcome', { hasText: '验证码不正确或已过期' }).waitFor();
  assert.ok(!/Confirm|Type the|code|Check your/.test(await textOf(panel)), 'nothing left in English');
  await assertAccessible(page, 'zh-CN SMS code');
  assert.deepEqual(problems, []);
});

test('zh-CN: with the separate consent ticked the ads purpose is granted and the receipt says so', { timeout: TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t, 'zh-CN', '/zh-CN');
  await box(page, ZH.ads).waitFor();
  await box(page, ZH.ads).check();
  await page.getByRole('checkbox', { name: /^我另行单独同意/ }).check();
  await page.getByLabel('电子邮箱', { exact: true }).fill(email('wang'));
  await page.getByLabel('我已年满 14 周岁', { exact: true }).check();
  const { response, sent, receipt } = await submit(page, '注册');
  assert.equal(response.status(), 201);
  assert.deepEqual(sent.separateConsents, { 'personalised-ads': true });
  const ads = receipt.purposes.find((p) => p.purposeId === 'personalised-ads');
  assert.equal(ads.status, 'GRANTED');
  assert.equal(ads.separateConsent, true);
  assert.deepEqual(problems, []);
});

test('a material notice change: a remembered receipt says so and the form asks again', { timeout: TIMEOUT_MS }, async (t) => {
  const { page, problems } = await open(t, 'es-CL', '/es-CL');
  // a purpose granted at once (the email newsletter waits for its double opt-in, and only a granted
  // purpose is asked again)
  await box(page, ES.ads).waitFor();
  await box(page, ES.ads).check();
  await page.getByLabel('Correo electrónico', { exact: true }).fill(email('reconsent'));
  await page.getByLabel(/^Recordar mi recibo/).check();
  const age = page.getByLabel('Tengo 14 años o más', { exact: true });
  if (await age.count()) { await age.check(); }
  const { response } = await submit(page, 'Registrarme');
  assert.equal(response.status(), 201);
  // the stack's notice registry changes materially: the receipt view says reconsentRequired
  await page.route('**/v1/receipts/*', async (route) => {
    const answer = await route.fetch();
    const receipt = await answer.json();
    receipt.reconsentRequired = true;
    receipt.purposes.forEach((p) => { if (p.status === 'GRANTED') { p.reconsentRequired = true; } });
    await route.fulfill({ response: answer, json: receipt });
  });
  await page.reload();
  const panel = page.getByRole('region', { name: 'Su recibo de consentimiento' });
  await panel.waitFor();
  assert.match(await textOf(panel),
    /Nuestro aviso de privacidad ha cambiado en algo importante para: Compartir su dirección de correo electrónico, cifrada con hash, con plataformas de publicidad para que le muestren anuncios de esta marca\. Léalo/);
  assert.equal(await box(page, ES.ads).isVisible(), true, 'the form asks again');
  assert.equal(await box(page, ES.ads).isChecked(), false, 'nothing is ticked for the person');
  await assertAccessible(page, 'es-CL re-consent');
  await page.screenshot({ path: SHOTS + 'demo-es-CL-reconsent.png', fullPage: true });
  assert.deepEqual(problems, []);
});

for (const script of ['consent.js', 'find-my-data.js']) {
  test(`every language has every string of ${script}`, () => {
    assertEveryStringInEveryLanguage(readFileSync(fileURLToPath(new URL('../' + script, import.meta.url)), 'utf8'));
  });
}

/** The script's STRINGS table: the same keys and placeholders in each language, and no English outside it. */
function assertEveryStringInEveryLanguage(source) {
  const literal = source.slice(source.indexOf('var STRINGS = ') + 'var STRINGS = '.length, source.indexOf('var LANGUAGES'));
  const strings = new Function('return ' + literal.trim().replace(/;$/, ''))();
  assert.deepEqual(Object.keys(strings), ['en', 'es', 'zh-CN', 'pt-BR']);
  const keys = Object.keys(strings.en).sort();
  for (const language of Object.keys(strings)) {
    assert.deepEqual(Object.keys(strings[language]).sort(), keys, language);
    for (const key of keys) {
      // the same placeholders in every language
      const placeholders = (text) => [...new Set(text.match(/\{\w+\}/g) || [])].sort();
      assert.deepEqual(placeholders(strings[language][key]), placeholders(strings.en[key]), `${language}.${key}`);
    }
  }
  // every key the code asks for is in the table, and no visible text is written outside it
  const code = source.slice(source.indexOf('var LANGUAGES'));
  for (const [, key] of code.matchAll(/\.t\('(\w+)'/g)) {
    assert.ok(key in strings.en, `t('${key}') has no string`);
  }
  const literals = [...code.matchAll(/(?:text: |textContent = |'aria-label', |\|\| |\.json, )'([^']*[A-Z][a-z][^']*)'/g)]
    .map((m) => m[1]);
  assert.deepEqual(literals, [], 'English written outside STRINGS');
}

test('pt-BR: a page in Brazilian Portuguese gets the whole form in Portuguese', { timeout: TIMEOUT_MS }, async (t) => {
  const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 900, height: 900 } });
  t.after(async () => { await context.close(); });
  const page = await context.newPage();
  const html = await (await fetch(BASE_URL + '/')).text();
  await page.route(BASE_URL + '/', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8', body: html.replace('<html lang="en">', '<html lang="pt-BR">')
  }));
  await page.goto(BASE_URL + '/');
  await box(page, 'Enviar a você novidades e ofertas desta marca por e-mail.').waitFor();
  const form = await textOf(page.locator('form'));
  assert.match(form, /Marque aquilo com que você concorda/);
  assert.match(form, /Tenho 16 anos ou mais/);
  assert.match(form, /Por 24 meses; depois é apagado automaticamente\./);
  assert.ok(!/We keep|Sign up|Your details/.test(form), 'nothing left in English: ' + form);
  await assertAccessible(page, 'pt-BR form');
});

test('zh-CN: a refused field is explained in Chinese beside it, whatever the browser prefers', { timeout: TIMEOUT_MS }, async (t) => {
  // the browser prefers English; the page is Chinese, so the kit asks the API for Chinese
  const { page, problems } = await open(t, 'en-US', '/zh-CN');
  await box(page, ZH.email).waitFor();
  await box(page, ZH.email).check();
  await page.getByLabel('电子邮箱', { exact: true }).fill('not-an-email');
  await page.getByLabel('我已年满 14 周岁', { exact: true }).check();
  const { response } = await submit(page, '注册');
  assert.equal(response.status(), 400);
  assert.equal(response.request().headers()['accept-language'], 'zh-CN');
  assert.equal(response.headers()['content-language'], 'zh-CN');
  const field = page.getByLabel('电子邮箱', { exact: true });
  await field.waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const shown = await textOf(page.locator('.cv-error:visible'));
  assert.equal(shown, '不是有效的电子邮箱地址。');
  assert.ok(!(await textOf(page.locator('body'))).includes('not-an-email'), 'what was typed is not repeated');
  await assertAccessible(page, 'zh-CN field error');
  assert.deepEqual(problems, []);
});
