// Calibration of the prices (src/OpenData.Api/Protection/Prices.cs) against measured PostgreSQL time: for each of
// about forty representative REST and GraphQL requests, the permits it pays and the PostgreSQL CPU time it costs.
// The project's rule: a permit is about 0.1 ms of PostgreSQL time, and every price should be within 0.5–2× of the
// time measured at that rate.
//
//   node bench/calibrate.mjs [--url http://127.0.0.1:5090 | --start-api] [--pgdata .local/postgres/data] [options]
//
// It must run on the database's machine (it reads /proc). Node 20, built-ins only.
//
// The API under test
//   --start-api            start a fresh API instance for the run (the default when --url is not given): the Release
//                          build (--dll, default src/OpenData.Api/bin/Release/net10.0/OpenData.Api.dll) on --port
//                          (5091), OutputCache__Enabled=false, against --connection (default: run.sh's local cluster,
//                          read-only role); stopped at the end. A fresh instance has never seen this run's filters.
//   --url URL              an instance already running instead. It must have its output cache off
//                          (OutputCache__Enabled=false: an answer with an Age header aborts the run) and, for the
//                          prices of counted totals to be first-time prices, should not have run this script before
//                          (see "Caches" below; the script warns when a price looks remembered).
//   --api-pid PID          the process of --url's instance (found from its listening port when it runs here).
//
// Prices
//   GraphQL: extensions.cost.requested of the answer (the request's permit included). REST: the drop in
//   RateLimit-Remaining of one request sent from a fresh client address (Linux routes 127.0.0.0/8 to the loopback and
//   the API counts anonymous callers per address; http.request's localAddress picks it): RateLimit-Limit minus
//   RateLimit-Remaining, i.e. 1 + the price of its work. Each run takes its addresses from a random 127.x.y.0/24 block
//   onwards; an address is used until its window (6,000 permits a minute by default) cannot pay the next request.
//   The price is read on the first variant of each request (see "Caches"), before its warm-up and its measurement.
//
// PostgreSQL time
//   CPU time (utime + stime of /proc/<pid>/stat, in clock ticks: getconf CLK_TCK) of the cluster's processes (the
//   postmaster, the first line of <pgdata>/postmaster.pid, and its children), read before and after the request is
//   sent N times in a row, divided by N. N grows until the measured API's backends have spent --target-ms (300) of
//   CPU in the window, with at least --min-reps (5), at most --max-reps (1,000) or the request's number of distinct
//   variants, and at most --max-seconds (30) of wall time.
//   Column "PG ms/request": the measured API's backends (told apart by the client port in their process title,
//   matched against the API's sockets in /proc/<api>/fd and /proc/<api>/net/tcp; a backend opened during the window
//   counts whole), the processes that are no client's backend (background processes, parallel workers) and the
//   postmaster itself; with parallel query on (max_parallel_workers_per_gather read from <pgdata>'s configuration),
//   also the children reaped during the window (cutime + cstime of the postmaster: parallel workers end with their
//   query). Less the cluster's idle rate without other clients (measured over 10 s before the run: the API's dataset
//   poll, background processes) in proportion to the window's wall time. Another API or psql on the same database,
//   whose backends come and go, is so left out. Column "cluster ms": every process of the cluster, reaped ones
//   included, other clients too.
//
// Caches, and how the repetitions defeat them
//   - The output cache: off in the instance (checked: no Age header).
//   - Totals of filtered lists, remembered per dataset by the API (TotalsCache: a count is priced and run only the
//     first time its exact filter is seen): every request with a counted total sends a distinct variant each time,
//     its price read on variant 0, its warm-up on variants 1–3, its measurement on variants 4 and up:
//       date window    the date filter slides by one day per variant (from = start + i, to = from + L + k days, L and
//                      the start drawn per run, k the request's number: no two requests share a filter, and the
//                      window's size, hence the rows, stays about the same);
//       nonce          a full-text query "word -nonce": an excluded made-up word, new to every cache (and to every
//                      other request of the run), so that it matches exactly the questions the word alone matches
//                      (as bench/abuse.mjs does);
//       rotation       another senator, ministry or name fragment each time (a finite pool: N is bounded by it).
//   - Requests without a counted total (pages, details, precomputed statistics, introspection) have nothing for the
//     API to remember: they are sent as they are ("same"), or rotate over ids where that is more realistic.
//   - PostgreSQL's own caches (shared buffers, the OS page cache, prepared statements) are meant to be warm: 3 warm-up
//     requests come before each measurement; the figures are those of a warm server.
//
// Output: a Markdown table on stdout and in bench/calibration/<date>-<questions>.md (--out-dir), with the dataset's
// size, the machine's cores and its load average before and after (other work on the machine inflates wall time,
// far less CPU time: the figures are CPU time).
//   --only REGEX           only the requests whose name matches
//   --target-ms 300 --min-reps 5 --max-reps 1000 --max-seconds 30 --warmup 3
import http from "node:http";
import { readFileSync, readdirSync, readlinkSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { execFileSync, spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import os from "node:os";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    "start-api": { type: "boolean", default: false },
    dll: { type: "string", default: join(root, "src/OpenData.Api/bin/Release/net10.0/OpenData.Api.dll") },
    port: { type: "string", default: "5091" },
    connection: { type: "string", default: "Host=127.0.0.1;Port=55432;Username=opendata_reader;Password=opendata_reader;Database=opendata" },
    "api-pid": { type: "string" },
    pgdata: { type: "string", default: join(root, ".local/postgres/data") },
    "out-dir": { type: "string", default: join(root, "bench/calibration") },
    only: { type: "string" },
    "target-ms": { type: "string", default: "300" },
    "min-reps": { type: "string", default: "5" },
    "max-reps": { type: "string", default: "1000" },
    "max-seconds": { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  const text = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
  console.log(text.slice(0, text.findIndex((l) => !l.startsWith("//"))).map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
  process.exit(0);
}
const targetMs = Number(args["target-ms"]), minReps = Number(args["min-reps"]), maxReps = Number(args["max-reps"]);
const maxSeconds = Number(args["max-seconds"]), warmups = Number(args.warmup);
const log = (...a) => console.error(...a);

// ---- /proc -------------------------------------------------------------------------------------------------
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
const tickMs = 1000 / clockTicks;

/** utime, stime, cutime, cstime (ticks) and starttime of a process, or null when it is gone. */
function stat(pid) {
  let text;
  try { text = readFileSync(`/proc/${pid}/stat`, "latin1"); } catch { return null; }
  const f = text.slice(text.lastIndexOf(")") + 2).split(" "); // f[0] is field 3 (state)
  return { utime: +f[11], stime: +f[12], cutime: +f[13], cstime: +f[14], start: f[19] };
}

const postmaster = () => Number(readFileSync(join(args.pgdata, "postmaster.pid"), "utf8").split("\n")[0]);

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    const found = [];
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const s = readFileSync(`/proc/${name}/stat`, "latin1");
        if (Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(name));
      } catch { /* gone */ }
    }
    return found;
  }
}

/** The client port of a backend, from its process title ("postgres: user db 127.0.0.1(48024) idle"), or null. */
function clientPort(pid) {
  try {
    const m = /\((\d+)\)/.exec(readFileSync(`/proc/${pid}/cmdline`, "latin1"));
    return m ? Number(m[1]) : null;
  } catch { return null; }
}

/**
 * The cluster's CPU ticks: the postmaster's own (self), its reaped children's (reaped: backends and workers that ended),
 * every live child's by pid and start (with the client port of a backend), and the total of all.
 */
function clusterTicks(pm, detailed) {
  const s = stat(pm);
  const self = s.utime + s.stime, reaped = s.cutime + s.cstime;
  let total = self + reaped;
  const processes = detailed ? new Map() : null;
  for (const child of childrenOf(pm)) {
    const c = stat(child);
    if (!c) continue;
    total += c.utime + c.stime;
    if (detailed) processes.set(`${child}/${c.start}`, { pid: child, ticks: c.utime + c.stime, port: clientPort(child) });
  }
  return { total, self, reaped, processes };
}

/** max_parallel_workers_per_gather from the cluster's configuration files (the last setting wins), 2 by default. */
function parallelWorkers() {
  let value = 2;
  for (const file of ["postgresql.conf", "postgresql.auto.conf"]) {
    try {
      for (const line of readFileSync(join(args.pgdata, file), "utf8").split("\n")) {
        const m = /^\s*max_parallel_workers_per_gather\s*=?\s*'?(\d+)/.exec(line);
        if (m) value = Number(m[1]);
      }
    } catch { /* absent */ }
  }
  return value;
}

/** Local ports of the sockets process `pid` holds to port `remotePort` (its connections to PostgreSQL). */
function socketsTo(pid, remotePort) {
  const inodes = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch { /* closed meanwhile */ }
  }
  const ports = new Set();
  for (const file of ["tcp", "tcp6"]) {
    let lines;
    try { lines = readFileSync(`/proc/${pid}/net/${file}`, "utf8").trim().split("\n").slice(1); } catch { continue; }
    for (const line of lines) {
      const c = line.trim().split(/\s+/);
      if (parseInt(c[2].split(":")[1], 16) === remotePort && inodes.has(c[9])) ports.add(parseInt(c[1].split(":")[1], 16));
    }
  }
  return ports;
}

/** The process listening on a local TCP port, or null. */
function listenerOf(port) {
  const inodes = new Set();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const line of readFileSync(file, "utf8").trim().split("\n").slice(1)) {
        const c = line.trim().split(/\s+/);
        if (c[3] === "0A" && parseInt(c[1].split(":")[1], 16) === port) inodes.add(c[9]);
      }
    } catch { /* no IPv6 */ }
  }
  if (inodes.size === 0) return null;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let fds;
    try { fds = readdirSync(`/proc/${name}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${name}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(name);
      } catch { /* closed */ }
    }
  }
  return null;
}

/** Ticks the cluster used between two detailed readings: all of it, and without the other clients' backends. */
// Own: the postmaster itself, the measured API's backends and the processes that are no client's backend (background
// processes, parallel workers), live at the end of the window; with parallel query on, also the children reaped during
// the window (parallel workers end with their query). Other clients' backends are left out, and so are backends that
// ended during the window when parallel query is off (connections closed: another client's, or a pooled one pruned).
function windowTicks(before, after, mine) {
  const cluster = after.total - before.total;
  if (!apiPid) return { cluster, own: cluster };
  let own = after.self - before.self + (parallel > 0 ? after.reaped - before.reaped : 0);
  for (const [key, p] of after.processes) {
    if (p.port !== null && !mine.has(p.port)) continue;
    own += p.ticks - (before.processes.get(key)?.ticks ?? 0);
  }
  return { cluster, own };
}

/** The ticks of the given backends (the measured API's, for the stopping rule). */
const ticksOf = (pids) => pids.reduce((sum, pid) => { const c = stat(pid); return sum + (c ? c.utime + c.stime : 0); }, 0);

const cpuOf = (pid) => { const s = pid && stat(pid); return s ? s.utime + s.stime : 0; };
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

// ---- the API ----------------------------------------------------------------------------------------------
let apiProcess = null;
let baseUrl = args.url;
let apiPid = args["api-pid"] ? Number(args["api-pid"]) : null;
if (!baseUrl || args["start-api"]) {
  if (!existsSync(args.dll)) throw new Error(`${args.dll} is missing: dotnet build -c Release src/OpenData.Api`);
  baseUrl = `http://127.0.0.1:${args.port}`;
  apiProcess = spawn("dotnet", [args.dll, "--urls", baseUrl], {
    cwd: join(root, "src/OpenData.Api"),
    // The prices, not the bills: a request is not settled for its time here (RateLimiting:BillBeyondMilliseconds).
    env: { ...process.env, ConnectionStrings__OpenData: args.connection, OutputCache__Enabled: "false", Logging__LogLevel__Default: "Warning",
      RateLimiting__BillBeyondMilliseconds: "600000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  apiPid = apiProcess.pid;
  const stop = () => { try { apiProcess.kill("SIGTERM"); } catch { /* gone */ } };
  process.on("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { stop(); process.exit(130); });
  log(`started the API (pid ${apiPid}) on ${baseUrl}, output cache off`);
}
const api = new URL(baseUrl);
if (!apiPid && ["127.0.0.1", "localhost"].includes(api.hostname)) apiPid = listenerOf(Number(api.port || 80));
const pgPort = Number(/Port=(\d+)/i.exec(args.connection)?.[1] ?? 5432);

// ---- HTTP from chosen client addresses --------------------------------------------------------------------
const runId = Math.random().toString(36).slice(2, 7);
let addressIndex = 0;
const addressBase = [10 + Math.floor(Math.random() * 200), Math.floor(Math.random() * 200)];
const nextAddress = () => {
  const i = addressIndex++;
  return `127.${addressBase[0]}.${(addressBase[1] + Math.floor(i / 254)) % 256}.${1 + (i % 254)}`;
};
const agents = new Map();
let sawAge = false;

function send(address, { method = "GET", path, body }) {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: address })));
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolvePromise, reject) => {
    const request = http.request({
      host: api.hostname, port: api.port || 80, path, method, agent,
      headers: {
        accept: "application/json",
        ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
      },
    }, (response) => {
      const chunks = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => {
        if (response.headers.age !== undefined) sawAge = true;
        resolvePromise({ status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(payload);
  });
}

const dropAgent = (address) => { agents.get(address)?.destroy(); agents.delete(address); };

/** Sends a request definition's HTTP form and checks the answer; returns { response, json }. */
async function call(address, httpRequest, what) {
  const response = await send(address, httpRequest);
  const isJson = /json/.test(response.headers["content-type"] ?? "");
  const json = isJson ? JSON.parse(response.text) : null;
  if (response.status !== 200) throw new Error(`${what}: HTTP ${response.status} ${response.text.slice(0, 400)}`);
  if (json?.errors) throw new Error(`${what}: GraphQL errors ${JSON.stringify(json.errors).slice(0, 400)}`);
  return { response, json };
}

// A sender that keeps one address while its window can pay, then moves to the next.
class Sender {
  constructor(price) { this.price = price; this.address = null; this.remaining = 0; this.prices = new Map(); this.paid = []; }
  async send(httpRequest, what) {
    if (!this.address || this.remaining < this.price + 2) {
      if (this.address) dropAgent(this.address);
      this.address = nextAddress();
      this.remaining = Infinity;
    }
    let answer;
    try {
      answer = await call(this.address, httpRequest, what);
    } catch (error) {
      if (!/HTTP 429/.test(error.message)) throw error;
      log(`  note: ${what}: 429 on ${this.address} (last RateLimit-Remaining ${this.remaining}, price ${this.price}); retried from a fresh address`);
      dropAgent(this.address);
      this.address = nextAddress();
      this.remaining = Infinity;
      answer = await call(this.address, httpRequest, what);
    }
    const { response, json } = answer;
    const remaining = Number(response.headers["ratelimit-remaining"]);
    if (Number.isFinite(remaining)) {
      // What this variant paid (the drop since the previous answer on this address, or from the limit on a new one).
      const previous = Number.isFinite(this.remaining) ? this.remaining : Number(response.headers["ratelimit-limit"]);
      const paid = previous - remaining;
      if (remaining > 0 && paid > 0) {
        this.prices.set(paid, (this.prices.get(paid) ?? 0) + 1);
        this.paid.push(paid);
      }
      this.remaining = remaining;
    }
    return { response, json };
  }
  close() { if (this.address) dropAgent(this.address); }
}

// ---- variants ---------------------------------------------------------------------------------------------
const day = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const windowStart = Date.UTC(2023, 9, 1) + Math.floor(Math.random() * 30) * day; // drawn per run
const windowDays = 540 + Math.floor(Math.random() * 100);
const WINDOWS = 320; // sliding windows stay within the generated data (2023-08 … 2026-10)
const nonce = (i) => `zq${runId}${i.toString(36)}`;
// Each request has its own variants, so that no request meets the totals another counted (REST and GraphQL share the
// API's remembered totals, and a search's total is the same whatever its order or highlights): its own nonces, and a
// date window one day longer than the previous request's.
const variantsOf = (k) => ({
  nonce: (i) => nonce(k * 100_000 + i),
  window: (i) => ({ from: iso(windowStart + i * day), to: iso(windowStart + (i + windowDays + k) * day) }),
});
const graphql = (query, variables) => ({ method: "POST", path: "/graphql", body: variables ? { query, variables } : { query } });
const rest = (path, params = {}) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)).toString();
  return { path: query ? `${path}?${query}` : path };
};

function introspectionQuery() {
  try {
    const require = createRequire(join(root, "tools/package.json"));
    return { text: require("graphql").getIntrospectionQuery(), source: "graphql-js getIntrospectionQuery() from tools/node_modules" };
  } catch {
    // A copy of graphql-js 16's getIntrospectionQuery() with its default options.
    const typeRef = "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
    return {
      text: `query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
${typeRef}`,
      source: "a copy of graphql-js 16's getIntrospectionQuery()",
    };
  }
}

// ---- the requests -----------------------------------------------------------------------------------------
async function requests(setup) {
  const get = async (path) => (await call(setup, { path }, path)).json;
  const answered = (await get("/v1/questions?status=answered&limit=200")).data.map((q) => q.id);
  const senators = (await get("/v1/senators?limit=200")).data;
  const withQuestions = senators.filter((s) => s.questionCount > 0).sort((a, b) => a.id.localeCompare(b.id));
  const prolific = senators.reduce((a, b) => (b.questionCount > a.questionCount ? b : a));
  const ministries = (await get("/v1/ministries?limit=200")).data.filter((m) => m.questionCount > 0).sort((a, b) => a.id - b.id);
  const themes = (await get("/v1/themes")).data ?? [];
  const theme = themes.reduce((a, b) => ((b.questionCount ?? 0) > (a.questionCount ?? 0) ? b : a), themes[0]);
  // Name fragments for senators?q=: three letters of a last name, each seen once (a senator's name matches several).
  const fragments = [...new Set(senators.flatMap((s) => {
    const last = (s.lastName ?? s.name.split(" ").slice(-1)[0]).toLowerCase().replace(/[^a-zà-ÿ]/g, "");
    return [...Array(Math.max(0, last.length - 2)).keys()].map((k) => last.slice(k, k + 3));
  }))].sort();

  const intro = introspectionQuery();
  const questionPage = "id title publishedAt author { id name } ministry { id name } answer { publishedAt delayDays ministry { name } }";
  const statsFields = "ministryId ministryName questions answered answeredWithinDeadline awaiting overdue medianDelayDays p90DelayDays";
  const aliases = Array.from({ length: 50 }, (_, k) => `t${k}: text`).join(" ");
  const RARE = "réhumaniser", MEDIUM = "ponts", COMMON = "communes"; // 1, ~5 % and ~49 % of the 20,000 generated questions

  const list = [
    // REST
    ["REST default list, limit 20", "same", () => rest("/v1/questions")],
    ["REST default list, limit 200", "same", () => rest("/v1/questions", { limit: 200 })],
    ["REST filtered list: status=answered + published date range", "date window", (i, v) => rest("/v1/questions", { status: "answered", publishedFrom: v.window(i).from, publishedTo: v.window(i).to })],
    ["REST filtered list: theme + published date range", "date window", (i, v) => rest("/v1/questions", { theme: theme?.id, publishedFrom: v.window(i).from, publishedTo: v.window(i).to })],
    ["REST question detail", "rotation (200 answered questions)", (i, v) => rest(`/v1/questions/${answered[i % answered.length]}`)],
    ["REST a senator's questions", `rotation (${withQuestions.length} senators)`, (i, v) => rest(`/v1/senators/${withQuestions[i].id}/questions`), withQuestions.length],
    ["REST a ministry's questions", `rotation (${ministries.length} ministries)`, (i, v) => rest(`/v1/ministries/${ministries[i].id}/questions`), ministries.length],
    [`REST full-text search, rare word (${RARE})`, "nonce", (i, v) => rest("/v1/questions", { q: `${RARE} -${v.nonce(i)}` })],
    [`REST full-text search, medium word (${MEDIUM})`, "nonce", (i, v) => rest("/v1/questions", { q: `${MEDIUM} -${v.nonce(i)}` })],
    [`REST full-text search, common word (${COMMON})`, "nonce", (i, v) => rest("/v1/questions", { q: `${COMMON} -${v.nonce(i)}` })],
    [`REST relevance + highlight=true, medium word, limit 20`, "nonce", (i, v) => rest("/v1/questions", { q: `${MEDIUM} -${v.nonce(i)}`, sort: "relevance", highlight: "true" })],
    [`REST relevance + highlight=true, common word, limit 20`, "nonce", (i, v) => rest("/v1/questions", { q: `${COMMON} -${v.nonce(i)}`, sort: "relevance", highlight: "true" })],
    [`REST relevance + highlight=true, common word, limit 200`, "nonce", (i, v) => rest("/v1/questions", { q: `${COMMON} -${v.nonce(i)}`, sort: "relevance", highlight: "true", limit: 200 })],
    ["REST facets (all 7), no filter", "same", () => rest("/v1/questions", { facets: "ministry,group,theme,status,nature,legislature,year" })],
    [`REST search (${MEDIUM}) with facets=ministry,year`, "nonce", (i, v) => rest("/v1/questions", { q: `${MEDIUM} -${v.nonce(i)}`, facets: "ministry,year" })],
    ["REST stats per ministry (precomputed)", "same", () => rest("/v1/stats/ministries")],
    ["REST stats per ministry, current=true (precomputed)", "same", () => rest("/v1/stats/ministries", { current: "true" })],
    ["REST stats per ministry, from/to (live)", "date window", (i, v) => rest("/v1/stats/ministries", v.window(i))],
    ["REST timeline (precomputed)", "same", () => rest("/v1/stats/timeline")],
    ["REST timeline, theme filter (live)", "same", () => rest("/v1/stats/timeline", { theme: theme?.id })],
    ["REST senators, q=name fragment", `rotation (${fragments.length} fragments)`, (i, v) => rest("/v1/senators", { q: fragments[i] }), fragments.length],
    ["REST answers list (default)", "same", () => rest("/v1/answers")],
    ["REST answers, published date range", "date window", (i, v) => rest("/v1/answers", { publishedFrom: v.window(i).from, publishedTo: v.window(i).to })],
    ["REST changes feed, limit 100", "same", () => rest("/v1/changes", { limit: 100 })],
    ["REST CSV export, limit 2000", "same", () => rest("/v1/questions", { format: "csv", limit: 2000 })],
    // GraphQL
    ["GraphQL 20-question page with author, ministry, answer", "same", () => graphql(`{ questions(first: 20) { nodes { ${questionPage} } } }`)],
    ["GraphQL page of 100 ids", "same", () => graphql("{ questions(first: 100) { nodes { id } } }")],
    ["GraphQL 100 questions with text", "same", () => graphql("{ questions(first: 100) { nodes { id title text } } }")],
    ["GraphQL 100 questions × 50 aliases of text", "same", () => graphql(`{ questions(first: 100) { nodes { id ${aliases} } } }`)],
    ["GraphQL question detail: answer, events, reminders", "rotation (200 answered questions)", (i, v) => graphql(
      "query($id: ID!) { question(id: $id) { id title text author { name } answer { publishedAt text ministry { name } } events { type date } reminders { id title } } }",
      { id: answered[i % answered.length] })],
    [`GraphQL search, rare word (${RARE}), totalCount`, "nonce", (i, v) => graphql(
      "query($q: String!) { questions(first: 20, filter: { q: $q }) { totalCount nodes { id title publishedAt } } }", { q: `${RARE} -${v.nonce(i)}` })],
    [`GraphQL relevance search, common word, highlight + totalCount`, "nonce", (i, v) => graphql(
      "query($q: String!) { questions(first: 20, orderBy: RELEVANCE, filter: { q: $q }) { totalCount nodes { id title highlight } } }", { q: `${COMMON} -${v.nonce(i)}` })],
    [`GraphQL relevance search, medium word, highlight + totalCount`, "nonce", (i, v) => graphql(
      "query($q: String!) { questions(first: 20, orderBy: RELEVANCE, filter: { q: $q }) { totalCount nodes { id title highlight } } }", { q: `${MEDIUM} -${v.nonce(i)}` })],
    ["GraphQL senator with 20 questions", "same", () => graphql(
      `{ senator(id: "${prolific.id}") { id name questions(first: 20) { nodes { id title publishedAt ministry { name } } } } }`)],
    ["GraphQL 20 senators × 10 questions", "same", () => graphql(
      "{ senators(first: 20) { nodes { id name questions(first: 10) { nodes { id title publishedAt authorAtTheTime { group } ministry { name } answer { publishedAt delayDays } } } } } }")],
    ["GraphQL ministryStats (precomputed)", "same", () => graphql(`{ ministryStats { ${statsFields} } }`)],
    ["GraphQL ministryStats, from/to filter (live)", "date window", (i, v) => graphql(
      `query($f: MinistryStatsFilter) { ministryStats(filter: $f) { ${statsFields} } }`, { f: v.window(i) })],
    ["GraphQL timeline (precomputed)", "same", () => graphql("{ timeline { period questions answers } }")],
    ["GraphQL timeline, theme filter (live)", "same", () => graphql(`{ timeline(filter: { theme: ${theme?.id} }) { period questions answers } }`)],
    ["GraphQL introspection (GraphiQL's query)", "same", () => graphql(intro.text)],
    ["GraphQL changes, first 100", "same", () => graphql("{ changes(first: 100) { nodes { seq at type id kind fields } nextCursor hasNextPage } }")],
    ["GraphQL filtered totalCount, first: 0", "date window", (i, v) => graphql(
      "query($f: QuestionFilter) { questions(first: 0, filter: $f) { totalCount } }",
      { f: { status: ["ANSWERED"], publishedFrom: v.window(i).from, publishedTo: v.window(i).to } })],
  ];
  const context = {
    theme: theme && `${theme.id} (${theme.label}, ${theme.questionCount} questions)`, prolific: `${prolific.id} (${prolific.questionCount} questions)`,
    introspection: intro.source, words: { [RARE]: "rare", [MEDIUM]: "medium", [COMMON]: "common" },
  };
  return {
    context,
    list: list.map(([name, variants, make, pool], k) => ({
      name, variants, make: (i) => make(i, variantsOf(k)), graph: name.startsWith("GraphQL"),
      // Introspection reads nothing from PostgreSQL: GraphQL.NET builds its objects, and its price is for the API's CPU.
      apiWork: name.startsWith("GraphQL introspection"),
      pool: pool ?? (variants === "date window" ? WINDOWS : Infinity),
    })),
  };
}

// ---- measuring --------------------------------------------------------------------------------------------
async function measure(request, pm) {
  // Price: variant 0, from a fresh address.
  const address = nextAddress();
  const first = await call(address, request.make(0), request.name);
  dropAgent(address);
  const limit = Number(first.response.headers["ratelimit-limit"]), remaining = Number(first.response.headers["ratelimit-remaining"]);
  const dropped = limit - remaining;
  const price = request.graph ? first.json?.extensions?.cost?.requested : dropped;
  if (request.graph && price !== dropped) log(`  note: ${request.name}: cost.requested ${price}, RateLimit-Remaining dropped by ${dropped}`);
  if (remaining <= 0) log(`  note: ${request.name}: the price took the whole window (${limit}): it is at least that`);

  const sender = new Sender(price);
  let i = 1;
  for (; i <= warmups && i < request.pool; i++) await sender.send(request.make(i), request.name);

  const available = request.pool - i;
  const cap = Math.min(maxReps, available);
  if (cap < 1) throw new Error(`${request.name}: no variant left to measure`);
  sender.paid = []; // what the measured variants paid, each
  const myPortsBefore = apiPid ? socketsTo(apiPid, pgPort) : new Set();
  const apiBefore = cpuOf(apiPid);
  const before = clusterTicks(pm, true);
  const myPids = [...before.processes.values()].filter((p) => apiPid ? myPortsBefore.has(p.port) : p.port !== null).map((p) => p.pid);
  const myTicksBefore = ticksOf(myPids);
  const started = performance.now();
  let n = 0;
  while (n < cap) {
    await sender.send(request.make(i + n), request.name);
    n++;
    if (n >= minReps && (ticksOf(myPids) - myTicksBefore) * tickMs >= targetMs) break;
    if (performance.now() - started > maxSeconds * 1000 && n >= Math.min(minReps, cap)) break;
  }
  const wall = performance.now() - started;
  const otherPrices = [...sender.prices].filter(([paid]) => paid !== price);
  // Rotations and date windows pay by their variant (a ministry's questions: 20 to 300 permits): the time measured is
  // the mean over the measured variants, and so is the price it is compared with.
  const meanPrice = sender.paid.length === n ? sender.paid.reduce((a, b) => a + b, 0) / n : price;
  if (otherPrices.length) log(`  note: ${request.name}: some variants paid another price than ${price}: ${otherPrices.map(([p, c]) => `${p} (×${c})`).join(", ")}`);
  const after = clusterTicks(pm, true);
  const apiAfter = cpuOf(apiPid);
  const mine = new Set([...myPortsBefore, ...(apiPid ? socketsTo(apiPid, pgPort) : [])]);
  sender.close();

  const used = windowTicks(before, after, mine);
  const idle = Math.min(used.own * tickMs, idleOwnMsPerS * wall / 1000); // what the cluster does anyway over that time
  return {
    price, meanPrice, n, wall, otherPrices,
    clusterMs: (used.cluster * tickMs) / n,
    pgMs: (used.own * tickMs - idle) / n,
    ticks: used.own,
    apiMs: apiPid ? ((apiAfter - apiBefore) * tickMs) / n : null,
  };
}

// ---- run ----------------------------------------------------------------------------------------------------
async function waitReady() {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const r = await send("127.0.0.1", { path: "/health/ready" });
      if (r.status === 200) return;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${baseUrl} is not ready after 90 s`);
    await sleep(500);
  }
}

await waitReady();
const pm = postmaster();
const parallel = parallelWorkers();
const setupAddress = nextAddress();
const dataset = (await call(setupAddress, { path: "/v1/dataset" }, "dataset")).json;
const questions = dataset.rowCounts?.questions;
const { context, list } = await requests(setupAddress);
dropAgent(setupAddress);
const selected = args.only ? list.filter((r) => new RegExp(args.only, "i").test(r.name)) : list;

// The cluster's idle rate (background processes, the API's dataset poll; other clients' backends apart), subtracted
// from each window in proportion to its wall time.
const IDLE_SECONDS = 10;
const idlePorts = apiPid ? socketsTo(apiPid, pgPort) : new Set();
const idleBefore = clusterTicks(pm, true);
await sleep(IDLE_SECONDS * 1000);
const idleUsed = windowTicks(idleBefore, clusterTicks(pm, true), new Set([...idlePorts, ...(apiPid ? socketsTo(apiPid, pgPort) : [])]));
const idleMsPerS = (idleUsed.cluster * tickMs) / IDLE_SECONDS, idleOwnMsPerS = (idleUsed.own * tickMs) / IDLE_SECONDS;

const loadBefore = loadAverage();
const startedAt = new Date();
log(`${selected.length} requests against ${baseUrl} (API pid ${apiPid ?? "unknown"}, postmaster ${pm}), ${questions} questions, load ${loadBefore}, idle cluster ${idleMsPerS.toFixed(1)} ms CPU/s (${idleOwnMsPerS.toFixed(1)} own)`);
const rows = [];
for (const request of selected) {
  try {
    const m = await measure(request, pm);
    rows.push({ request, ...m });
    log(`  ${request.name}: ${m.price} permits, ${m.pgMs.toFixed(3)} ms PG (N=${m.n}, ${(m.wall / 1000).toFixed(1)} s)`);
  } catch (error) {
    rows.push({ request, error: String(error.message ?? error) });
    log(`  ${request.name}: FAILED ${error.message ?? error}`);
  }
  if (sawAge) throw new Error("an answer came from the output cache (Age header): run the API with OutputCache__Enabled=false");
}
const loadAfter = loadAverage();
for (const agent of agents.values()) agent.destroy();

// ---- report -----------------------------------------------------------------------------------------------
const fmt = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const measuredMs = (r) => (r.request.apiWork ? r.apiMs : r.pgMs);
const ratioOf = (r) => (measuredMs(r) > 0 ? (r.meanPrice * 0.1) / measuredMs(r) : Infinity);
const verdict = (ratio) => (ratio < 0.5 ? "**under**" : ratio > 2 ? "**over**" : "ok");
const cores = os.cpus().length;
const busy = Math.max(...[loadBefore, loadAfter].map((l) => Number(l.split(" ")[0]))) > cores;
const lines = [];
lines.push(`# Price calibration, ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`);
lines.push("");
lines.push(`- Dataset: ${questions?.toLocaleString("en-US")} questions (${dataset.generated ? "generated" : "imported"}, version ${dataset.version}); prices of work over the questions are scaled by ${questions?.toLocaleString("en-US")} / 300,000.`);
lines.push(`- Machine: ${cores} × ${os.cpus()[0]?.model ?? "CPU"}; load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after: ${busy ? "**busy** (other work ran beside the measurement: wall time is inflated; CPU time per request less so, but contention for caches and cores still inflates it, by up to 2× on the cheapest requests between runs: read ratios near 0.5 or 2 with care)" : "quiet"}.`);
lines.push(`- API: ${baseUrl}${apiProcess ? " (started by the script: fresh caches)" : ""}, output cache off; PostgreSQL cluster ${args.pgdata} (postmaster ${pm}); CPU from /proc in ticks of ${tickMs} ms; idle cluster ${fmt(idleMsPerS)} ms CPU/s (${fmt(idleOwnMsPerS)} without other clients' backends, subtracted from each window pro rata of its wall time).`);
lines.push(`- Price: permits paid, the request's 1 included (GraphQL \`extensions.cost.requested\`, REST the drop of \`RateLimit-Remaining\` from a fresh address), read on a first-time variant; \"mean\": what the measured variants paid on average, when it differs (a rotation pays by its variant), which the ratio uses. PG ms: PostgreSQL CPU per request over N sequential requests (window ≥ ${targetMs} ms of the API's backends' CPU, or ${maxSeconds} s, or the variants available): the measured API's backends, background processes and the postmaster${parallel > 0 ? ", reaped children (parallel workers)" : ""}, less the idle rate; "cluster ms" is every process of the cluster, other clients' included. Parallel query: max_parallel_workers_per_gather = ${parallel}. Ratio = (mean) price × 0.1 ms / PG ms (for introspection, which reads nothing from PostgreSQL, / API CPU ms: its price is for the objects the API builds, marked ᴬ): the rule wants 0.5–2.`);
lines.push(`- Theme used: ${context.theme}; senator: ${context.prolific}; words: ${Object.entries(context.words).map(([w, k]) => `${w} (${k})`).join(", ")}; introspection: ${context.introspection}. Run id ${runId}.`);
lines.push("");
lines.push("| # | request | price (permits) | PG ms / request | price × 0.1 ms | ratio | verdict | N | cluster ms | API CPU ms | repetitions |");
lines.push("|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---|");
rows.forEach((r, k) => {
  if (r.error) { lines.push(`| ${k + 1} | ${r.request.name} | – | – | – | – | failed: ${r.error.replace(/\|/g, "/").slice(0, 160)} | | | | ${r.request.variants} |`); return; }
  const ratio = ratioOf(r);
  const low = r.ticks < 20 ? " ⁽*⁾" : "";
  const other = r.otherPrices.length ? ` (also ${r.otherPrices.map(([p]) => p).join(", ")})` : "";
  const mean = Math.abs(r.meanPrice - r.price) >= 0.5 ? `; mean ${fmt(r.meanPrice, 1)}` : "";
  lines.push(`| ${k + 1} | ${r.request.name} | ${r.price.toLocaleString("en-US")}${other}${mean} | ${fmt(r.pgMs, 3)}${low} | ${fmt(r.meanPrice * 0.1, 1)} | ${Number.isFinite(ratio) ? fmt(ratio) : "∞"}${r.request.apiWork ? " ᴬ" : ""} | ${verdict(ratio)} | ${r.n} | ${fmt(r.clusterMs, 3)} | ${fmt(r.apiMs, 3)} | ${r.request.variants} |`);
});
lines.push("");
lines.push("(also …): prices some measured variants paid (RateLimit-Remaining drops), when not the first variant's.");
lines.push("⁽*⁾ fewer than 20 clock ticks of PostgreSQL CPU in the window (N was bounded by the variants or the time): ±1 tick is ±" + "5 % or more.");
lines.push("");
const outside = rows.filter((r) => !r.error && verdict(ratioOf(r)) !== "ok");
lines.push(`Outside 0.5–2×: ${outside.length} of ${rows.filter((r) => !r.error).length}${outside.length ? ": " + outside.map((r) => `${r.request.name} (${Number.isFinite(ratioOf(r)) ? fmt(ratioOf(r)) : "∞"}×)`).join("; ") : ""}.`);
lines.push("");
lines.push("Repetitions (how each request defeats the caches): *same* — nothing to remember (no counted total; output cache off), sent as it is; *rotation* — another id each time; *date window* — the date filter slides by one day per variant (window of " + windowDays + " days + the request's number, from " + iso(windowStart) + "); *nonce* — `word -zq" + runId + "<base 36 of request × 100,000 + i>`, an excluded made-up word, so each full-text query is new yet matches what the word matches. Variant 0 gives the price, 1–" + warmups + " warm up, the rest are measured.");
const report = lines.join("\n") + "\n";
process.stdout.write(report);
mkdirSync(args["out-dir"], { recursive: true });
const file = join(args["out-dir"], `${startedAt.toISOString().slice(0, 10)}-${questions}.md`);
writeFileSync(file, report);
log(`written to ${file}`);
if (apiProcess) apiProcess.kill("SIGTERM");
process.exit(0);
