// One abusive anonymous client, for the abuse phase of bench/run.sh: it stays within its anonymous quota
// (it honours 429 and Retry-After, and stops sending as soon as RateLimit-Remaining says its window is
// spent) and otherwise does the worst the API allows it, all from one address (127.0.0.2 by default: Linux
// routes 127.0.0.0/8 to the loopback, so the API sees another client than wrk's 127.0.0.1).
//
//   node abuse.mjs --api URL --seconds S [--address 127.0.0.2] [--rate BYTES_PER_S] [--out FILE]
//
// Its lanes run at once for S seconds:
//   exports   2 CSV exports of every question (or of the most rows one export may hold for this client, once the API
//             refuses the whole dataset as dearer than its window), read at --rate (10 KB/s, like curl --limit-rate 10k),
//             restarted when they end
//   searches  4 workers: uncached broad full-text searches ranked by relevance with highlights, 200 rows (in date
//             order once the API refuses to rank that many matches as too costly), and statistics per ministry
//             from a varying date (computed from the questions, not read precomputed)
//   bomb      the costliest GraphQL query allowed (aliased relevance searches with totals and highlights, just
//             under the cost limit; in date order once one alias ranked is over it, without totals once one in date order is), which drains the rest of the
//             window's quota when it runs
//   rejects   an introspection bomb, a doubling fragment chain and an oversized document in turn (each refused, 1 permit)
// Then it prints a summary on stderr and, as one JSON line, on stdout (or into --out): requests by status,
// bytes read, permits used as reported by RateLimit-Remaining, and what went wrong (transport errors, 5xx,
// answers the harness did not expect), which bench/report.mjs checks in smoke runs.
// Node built-ins only.
import http from "node:http";
import https from "node:https";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";

const { values: args } = parseArgs({
  options: {
    api: { type: "string" },
    seconds: { type: "string" },
    address: { type: "string", default: "127.0.0.2" },
    rate: { type: "string", default: "10240" },
    out: { type: "string" },
  },
});
if (!args.api || !args.seconds) {
  console.error("usage: node abuse.mjs --api URL --seconds S [--address 127.0.0.2] [--rate BYTES_PER_S] [--out FILE]");
  process.exit(2);
}
const api = new URL(args.api);
const client = api.protocol === "https:" ? https : http;
const agent = new client.Agent({ keepAlive: true, localAddress: args.address });
const started = Date.now();
const deadline = started + Number(args.seconds) * 1000;
const rate = Number(args.rate);
const over = () => Date.now() >= deadline;

// ---- what it saw -------------------------------------------------------------------------------------
const summary = {
  address: args.address, seconds: Number(args.seconds),
  requests: 0, statuses: {}, bytes: 0,
  quota: { limit: null, windows: 0, permitsUsed: 0 },
  lanes: {}, // per lane: requests, statuses, bytes, slowest ms
  exports: { started: 0, completed: 0, bytes: 0 },
  bomb: { sent: 0, aliases: 0, ran: 0, refitted: 0, costs: [], slowestMs: 0 },
  refusals: {}, // error codes of the documents to refuse
  errors: [], // transport errors (not the ones the abuser causes by leaving at the end)
  serverErrors: [], // 5xx answers
  unexpected: [], // answers that say the harness, not the API, is wrong (a refused bomb, an accepted reject)
};
const windows = []; // quota windows seen: { end (ms, from RateLimit-Reset), lowest RateLimit-Remaining }
let blockedUntil = 0; // the window is spent: nothing is sent before this time

const note = (list, text) => { if (list.length < 20) list.push(text); };

// RateLimit-* headers: permits used per window (limit minus the lowest remaining seen in it), and the pause
// once nothing remains. Windows are told apart by their end (now + RateLimit-Reset, whole seconds).
function observeQuota(headers) {
  const limit = Number(headers["ratelimit-limit"]), remaining = Number(headers["ratelimit-remaining"]), reset = Number(headers["ratelimit-reset"]);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
  summary.quota.limit = limit;
  const end = Date.now() + reset * 1000;
  let window = windows.find((w) => Math.abs(w.end - end) < 2500);
  if (!window) windows.push((window = { end, lowest: limit }));
  window.lowest = Math.min(window.lowest, remaining);
  if (remaining <= 0) blockedUntil = Math.max(blockedUntil, end);
}

// ---- one request -------------------------------------------------------------------------------------
const open = new Set(); // requests in flight, destroyed at the deadline
let leaving = false;

/**
 * Sends one request from the abuser's address. Resolves { status, headers, body, ms } (body kept only when
 * asked: keep), or null when the abuser left (deadline) or the connection failed. readRate: bytes per second
 * the body is read at (a slow reader); the socket's buffers fill and the server waits, as with curl --limit-rate.
 */
function send(lane, method, path, { body, headers = {}, keep = false, readRate = 0 } = {}) {
  const stats = (summary.lanes[lane] ??= { requests: 0, statuses: {}, bytes: 0, slowestMs: 0 });
  const start = Date.now();
  return new Promise((resolve) => {
    const request = client.request(new URL(path, api), {
      method, agent, localAddress: args.address,
      headers: { ...headers, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) },
    });
    open.add(request);
    let response;
    const chunks = [];
    let done = false;
    const finish = (result) => { if (done) return; done = true; open.delete(request); resolve(result); };
    request.on("response", (res) => {
      response = res;
      summary.requests++; stats.requests++;
      summary.statuses[res.statusCode] = (summary.statuses[res.statusCode] ?? 0) + 1;
      stats.statuses[res.statusCode] = (stats.statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500) note(summary.serverErrors, `${lane}: ${res.statusCode} ${method} ${path.slice(0, 120)}`);
      observeQuota(res.headers);
      res.on("data", (chunk) => {
        summary.bytes += chunk.length; stats.bytes += chunk.length;
        if (lane === "exports") summary.exports.bytes += chunk.length;
        if (keep) chunks.push(chunk);
        if (readRate > 0) { // read no faster than readRate: pause for as long as this chunk is worth
          res.pause();
          setTimeout(() => res.resume(), (1000 * chunk.length) / readRate).unref();
        }
      });
      res.on("end", () => {
        const ms = Date.now() - start;
        stats.slowestMs = Math.max(stats.slowestMs, ms);
        finish({ status: res.statusCode, headers: res.headers, body: keep ? Buffer.concat(chunks).toString("utf8") : null, ms });
      });
      res.on("error", () => {}); // reported by the request's error or close
    });
    request.on("error", (error) => {
      if (!leaving && !done) note(summary.errors, `${lane}: ${error.code ?? error.message} ${method} ${path.slice(0, 120)}`);
      finish(null);
    });
    request.on("close", () => {
      if (response && !response.complete && !done) { // cut short: by the abuser leaving, or by the server
        if (!leaving) note(summary.errors, `${lane}: answer cut short (${response.statusCode}) ${method} ${path.slice(0, 120)}`);
        finish(null);
      }
    });
    request.end(body);
  });
}

/** Waits while the window is spent (never past the deadline). */
async function waitForQuota() {
  while (!over() && Date.now() < blockedUntil) await sleep(Math.min(blockedUntil, deadline) - Date.now());
}

/**
 * Runs step() in a loop until the deadline, within the quota: a 429 that is not the window running out (too
 * many at once, too many exports) is honoured by this lane alone, for its Retry-After.
 */
async function lane(step) {
  while (!over()) {
    await waitForQuota();
    if (over()) break;
    const answer = await step();
    if (!answer) { await sleep(100); continue; } // a failed connection: do not spin
    if (answer.status === 429) await sleep(Math.min(Number(answer.headers["retry-after"] ?? 1) * 1000, Math.max(0, deadline - Date.now())));
  }
}

// ---- what it sends -----------------------------------------------------------------------------------
// Broad words (each in a large share of the generated questions) and a random excluded word, so that every
// search is new to every cache and still matches as many questions as the word alone.
const words = ["ministre", "communes", "situation", "territoires", "élus", "attention"];
const nonce = () => Math.random().toString(36).slice(2, 10);
const broadQuery = (i) => `${words[i % words.length]} -${nonce()}`;

/** A GET of the search lane; a 400 means the harness's parameters no longer fit the API, but a price over the limit. */
async function get(path, overLimit = () => false) {
  const answer = await send("searches", "GET", path, { keep: true, headers: { accept: "application/json" } });
  if (answer?.status === 400 && /"Request too costly"/.test(answer.body ?? "")) overLimit();
  else if (answer?.status === 400) note(summary.unexpected, `${path.slice(0, 80)} refused (400): the harness's parameters are stale`);
  return answer;
}

// Ranked by relevance until the API says ranking a broad word's matches costs more than a request may (large datasets).
let rank = true;
const search = (i) => get(`/v1/questions?q=${encodeURIComponent(broadQuery(i))}${rank ? "&sort=relevance" : ""}&highlight=true&limit=200`,
  () => { rank = false; summary.searchesUnranked = true; });

// Statistics per ministry from a varying date in the first half of the data's years: each a live aggregate
// over most of the questions, never the same twice.
let years = [2000, 2025];
function stats() {
  const span = Math.max(1, Math.floor((years[1] - years[0]) / 2));
  const day = new Date(Date.UTC(years[0] + Math.floor(Math.random() * span), 0, 1 + Math.floor(Math.random() * 365)));
  return get(`/v1/stats/ministries?from=${day.toISOString().slice(0, 10)}`);
}

// The costliest query allowed: N aliased relevance searches, each with its total and 20 highlighted nodes.
// Per alias, by the prices (src/OpenData.Api/Protection/Prices.cs): 1 + first 20 + search 100 + rank 1,000 +
// search total 1,000 + 20 × (highlight 2 + answer 1) = 2,181 at the time this was written. The most a query of an
// anonymous client may cost is its window (6,000, under GraphQL:MaxCost's 10,000): the limit the API reports
// (extensions.cost.limit) and the cost it reports refit N after each answer (a refusal for its cost included), so
// the bomb stays just under the limit if the prices change.
let aliases = 4;
let bombOrder = "orderBy: RELEVANCE, "; // dropped (date order) when a single ranked alias is over the limit
let bombTotal = "totalCount "; // dropped when a single alias in date order is still over it (a broad word's count)
function bombDocument() {
  const fields = Array.from({ length: aliases }, (_, i) =>
    `s${i}: questions(first: 20, ${bombOrder}filter: { q: ${JSON.stringify(broadQuery(i))} }) { ${bombTotal}nodes { id highlight answer { delayDays } } }`);
  return `{ ${fields.join(" ")} }`;
}
async function bomb() {
  const sent = aliases;
  summary.bomb.sent++;
  summary.bomb.aliases = sent;
  const answer = await send("bomb", "POST", "/graphql", {
    body: JSON.stringify({ query: bombDocument() }), keep: true,
    headers: { accept: "application/graphql-response+json" },
  });
  if (!answer || answer.status === 429) return answer;
  let result = {};
  try { result = JSON.parse(answer.body); } catch { /* not JSON: a problem page */ }
  const cost = result.extensions?.cost;
  if (cost?.requested > 0 && cost?.limit > 0) aliases = Math.max(1, Math.min(100, Math.floor(cost.limit / (cost.requested / sent))));
  const code = result.errors?.[0]?.extensions?.code;
  if (answer.status === 200 && result.data) {
    summary.bomb.ran++;
    if (summary.bomb.costs.length < 20) summary.bomb.costs.push(cost?.requested ?? null);
    summary.bomb.slowestMs = Math.max(summary.bomb.slowestMs, answer.ms);
  } else if (code === "MAX_COST_EXCEEDED" && aliases < sent) {
    summary.bomb.refitted++; // the prices changed: the next one fits
  } else if (code === "MAX_COST_EXCEEDED" && sent === 1 && bombOrder) {
    bombOrder = ""; aliases = 4; summary.bomb.refitted++; summary.bomb.unranked = true; // one ranking is over the limit: in date order
  } else if (code === "MAX_COST_EXCEEDED" && sent === 1 && bombTotal) {
    bombTotal = ""; aliases = 4; summary.bomb.refitted++; summary.bomb.uncounted = true; // one count is over it: pages alone
  } else if (answer.status < 500) {
    note(summary.unexpected, `bomb refused (${answer.status}): ${JSON.stringify(code ?? answer.body?.slice(0, 200))}, cost ${cost?.requested}`);
  }
  return answer;
}

// Documents the API must refuse before running them, for 1 permit each.
const introspectionBomb = `{ ${Array.from({ length: 10 }, (_, i) =>
  `i${i}: __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } }`).join(" ")} }`;
const fragmentChain = "query { ...F0 } " + Array.from({ length: 22 }, (_, i) =>
  i < 21 ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }` : `fragment F${i} on Query { __typename }`).join(" ");
const oversized = `{ ${"__typename ".repeat(1800)} }`; // about 20 KB, over the 16 KB a document may have
const rejects = [["introspection bomb", introspectionBomb], ["fragment chain", fragmentChain], ["oversized document", oversized]];
let nextReject = 0;
async function reject() {
  const [name, query] = rejects[nextReject++ % rejects.length];
  const answer = await send("rejects", "POST", "/graphql", {
    body: JSON.stringify({ query }), keep: true, headers: { accept: "application/graphql-response+json" },
  });
  if (answer && answer.status !== 429) {
    let code = null;
    try { code = JSON.parse(answer.body).errors?.[0]?.extensions?.code ?? null; } catch { /* a problem page */ }
    summary.refusals[code ?? answer.status] = (summary.refusals[code ?? answer.status] ?? 0) + 1;
    if (answer.status === 200) note(summary.unexpected, `${name} was not refused (200)`);
    else if (/SYNTAX|PARSE/i.test(code ?? "")) note(summary.unexpected, `${name} refused as ${code}: the harness's document is broken`);
  }
  await sleep(250); // a few a second: refusals are cheap, and each takes a permit the other lanes could use
  return answer;
}

// Every question, or as many as the API lets one export of this client hold once it refuses the whole dataset as
// dearer than the client's window (its problem names the most rows: "At most N rows").
let exportLimit = null;
async function exportAll() {
  summary.exports.started++;
  const answer = await send("exports", "GET", `/v1/questions?format=csv${exportLimit ? `&limit=${exportLimit}` : ""}`,
    { readRate: rate, keep: true });
  if (answer?.status === 200) summary.exports.completed++;
  const most = answer?.status === 400 && /At most (\d+) rows/.exec(answer.body ?? "");
  if (most) exportLimit = summary.exports.limit = Number(most[1]);
  else if (answer?.status === 400) note(summary.unexpected, `an export refused (400): ${(answer.body ?? "").slice(0, 120)}`);
  return answer;
}

// ---- run ---------------------------------------------------------------------------------------------
// The data's years, for the statistics' dates (one permit).
const timeline = await send("setup", "GET", "/v1/stats/timeline?interval=year", { keep: true, headers: { accept: "application/json" } });
try {
  const periods = JSON.parse(timeline.body).data.map((p) => Number(p.period));
  if (periods.length) years = [Math.min(...periods), Math.max(...periods)];
} catch { note(summary.unexpected, `GET /v1/stats/timeline answered ${timeline?.status ?? "nothing"}: cannot pick statistics dates`); }

const leave = setTimeout(() => { leaving = true; for (const request of open) request.destroy(); }, Math.max(0, deadline - Date.now()));
// Each search worker alternates a search and a statistics request, half of them starting with each.
const searchWorker = (worker) => { let turn = worker; return () => (turn++ % 2 === 0 ? search(turn) : stats()); };
await Promise.all([
  lane(exportAll), lane(exportAll),
  ...[0, 1, 2, 3].map((worker) => lane(searchWorker(worker))),
  lane(bomb),
  lane(reject),
]);
clearTimeout(leave);
leaving = true;
for (const request of open) request.destroy();
agent.destroy();

summary.quota.windows = windows.length;
summary.quota.permitsUsed = windows.reduce((sum, w) => sum + (summary.quota.limit - w.lowest), 0);
summary.seconds = (Date.now() - started) / 1000;

const line = JSON.stringify(summary);
if (args.out) writeFileSync(args.out, line + "\n");
else console.log(line);
const statusText = Object.entries(summary.statuses).map(([s, n]) => `${s}: ${n}`).join(", ") || "none";
console.error(`abuser ${summary.address}: ${summary.requests} answers (${statusText}), ${(summary.bytes / 1048576).toFixed(1)} MB read, ` +
  `${summary.quota.permitsUsed} of ${summary.quota.limit ?? "–"} permits used in ${summary.quota.windows} window(s); ` +
  `bomb sent ${summary.bomb.sent}×, ran ${summary.bomb.ran}× (${summary.bomb.aliases} aliases, cost ${summary.bomb.costs[0] ?? "–"}, slowest ${summary.bomb.slowestMs} ms); ` +
  `exports ${summary.exports.started} started, ${summary.exports.completed} completed` +
  [["transport errors", summary.errors], ["5xx", summary.serverErrors], ["unexpected", summary.unexpected]]
    .filter(([, list]) => list.length).map(([name, list]) => `\n  ${name}: ${list.join("\n    ")}`).join(""));
