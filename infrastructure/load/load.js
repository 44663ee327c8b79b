// Drives a local run (infrastructure/run-local) with realistic sign-ups at increasing rates, using
// autocannon (pinned in package.json). Prints per stage the achieved rate, latency percentiles and
// the answers by status (201 written, 202 held on the capture buffer, 429 throttled by the API,
// 503 unavailable), and writes every accepted sign-up (Idempotency-Key, receipt id, status) to
// --accepted, for the raw-scan check that each is stored exactly once.
//
//   node load.js --url http://127.0.0.1:3000 --rates 25,50,100,200 --seconds 10 --accepted FILE
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const url = args.url || 'http://127.0.0.1:3000';
const rates = (args.rates || '25,50,100,200').split(',').map(Number);
const seconds = Number(args.seconds || 10);
const acceptedFile = args.accepted || 'accepted.jsonl';
const DOUBLE_CLICKS = 0.05; // a page sending the same sign-up twice, as a double click does

// who signs up, and for what, as a campaign page's audience would
const JURISDICTIONS = ['EU', 'ES', 'FR', 'DE', 'IT', 'GB', 'US-CA', 'BR'];
const LOCALES = ['es-ES', 'fr-FR', 'de-DE', 'it-IT', 'en-GB', 'en-US', 'pt-BR'];
const NAMES = ['Ana', 'Léa', 'Jürgen', 'Giulia', 'Siobhan', 'Mateo', 'Zoë', 'Björn'];
function pick(list) { return list[Math.floor(Math.random() * list.length)]; }

function signUp() {
  const id = randomUUID().slice(0, 12);
  const email = `${pick(NAMES).toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}.${id}@example.com`;
  const phone = '+346' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const roll = Math.random();
  let subject, purposes;
  if (roll < 0.5) { // newsletter
    subject = { email };
    purposes = { 'marketing-email': true };
  } else if (roll < 0.8) { // everything, SMS and ads sometimes refused
    const sms = Math.random() < 0.6;
    // a page asks for the phone only with a purpose that needs it (anything more is refused)
    subject = sms ? { email, phone } : { email };
    purposes = { 'marketing-email': true, 'marketing-sms': sms,
      'personalised-ads': Math.random() < 0.5, analytics: true };
  } else { // a contest entry
    subject = { email, phone, name: `${pick(NAMES)} Example` };
    purposes = { 'contest-entry': true, 'marketing-email': Math.random() < 0.5 };
  }
  const body = {
    subject, purposes, noticeVersion: '2026-11-01',
    source: { page: 'cherries-tiktok', campaign: 'cny-2027' },
    jurisdiction: pick(JURISDICTIONS), locale: pick(LOCALES), ageConfirmed: true,
  };
  const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
  if (Math.random() < 0.1) headers['sec-gpc'] = '1';
  return { headers, body: JSON.stringify(body) };
}

const accepted = [];
const refusals = {};
let last = null;

function stage(rate) {
  return new Promise((resolve, reject) => {
    const statuses = {};
    autocannon({
      url,
      connections: Math.min(200, Math.max(10, rate)),
      overallRate: rate,
      duration: seconds,
      timeout: 15,
      requests: [{
        method: 'POST',
        path: '/v1/consents',
        setupRequest(request, context) {
          const next = last && Math.random() < DOUBLE_CLICKS ? last : signUp();
          last = next === last ? null : next;
          context.key = next.headers['idempotency-key'];
          return { ...request, headers: next.headers, body: next.body };
        },
        onResponse(status, body, context) {
          statuses[status] = (statuses[status] || 0) + 1;
          if (status !== 201 && status !== 202) {
            // a problem's title and detail hold no personal data
            let why = '';
            try {
              const p = JSON.parse(body);
              why = [p.detail || p.message || '', ...(p.errors || []).map((e) => `${e.field}: ${e.message}`)].join(' ');
            } catch (e) { why = 'not JSON'; }
            const k = `${status} ${why}`.slice(0, 160);
            refusals[k] = (refusals[k] || 0) + 1;
          }
          if (status === 201 || status === 202) {
            try {
              accepted.push({ key: context.key, receiptId: JSON.parse(body).receiptId, status });
            } catch (e) {
              statuses.unreadable = (statuses.unreadable || 0) + 1;
            }
          }
        },
      }],
    }, (err, result) => (err ? reject(err) : resolve({ rate, result, statuses })));
  });
}

const startedAt = new Date().toISOString();
const rows = [];
for (const rate of rates) {
  const { result, statuses } = await stage(rate);
  const answered = Object.entries(statuses).filter(([k]) => /^\d+$/.test(k)).reduce((n, [, c]) => n + c, 0);
  rows.push({
    target: rate,
    achieved: (answered / seconds).toFixed(1),
    p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
    s201: statuses[201] || 0, s202: statuses[202] || 0, s429: statuses[429] || 0, s503: statuses[503] || 0,
    other: answered - (statuses[201] || 0) - (statuses[202] || 0) - (statuses[429] || 0) - (statuses[503] || 0),
    errors: result.errors + result.timeouts,
    // sent but unanswered when the stage ended: the server may still record them
    inFlight: Math.max(0, result.requests.sent - answered),
  });
}
const inFlight = rows.reduce((n, r) => n + r.inFlight, 0);
writeFileSync(acceptedFile, [...accepted, { abandonedInFlight: inFlight, startedAt }].map((a) => JSON.stringify(a)).join('\n') + '\n');

const header = ['target/s', 'achieved/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', '201', '202', '429', '503', 'other', 'errors', 'in flight'];
console.log(`POST /v1/consents at ${url}, ${seconds} s per stage (autocannon, realistic sign-ups, ${DOUBLE_CLICKS * 100}% double clicks)`);
console.log(header.map((h) => h.padStart(11)).join(''));
for (const r of rows) {
  console.log([r.target, r.achieved, r.p50, r.p90, r.p99, r.max, r.s201, r.s202, r.s429, r.s503, r.other, r.errors, r.inFlight]
    .map((v) => String(v).padStart(11)).join(''));
}
for (const [why, count] of Object.entries(refusals)) console.log(`  ${count} x ${why}`);
console.log(`accepted sign-ups: ${accepted.length}; ${inFlight} requests still in flight when their stage ended (written to ${acceptedFile})`);
