// Turns one run of bench/run.sh into Markdown: the raw figures, the ratios measured in the same run and
// the targets met or missed.
//   node report.mjs FACTS RESULTS OUT.md [--readme README.md] [--check]
// --readme replaces the text between the summary markers of README.md with this run's summary.
// --check fails (exit 1) when a target answered an error or nothing, or an export lost rows, or the abusive
// client of the abuse phase met a transport error, a 5xx or an answer the harness did not expect.
// Sections without figures (a run of bench/run.sh --only abuse) are left out.
import { readFileSync, writeFileSync } from "node:fs";

const [factsFile, resultsFile, outFile, ...options] = process.argv.slice(2);
const readme = options.includes("--readme") ? options[options.indexOf("--readme") + 1] : null;
const facts = Object.fromEntries(readFileSync(factsFile, "utf8").trim().split("\n").map((line) => line.split("\t")));
const runs = readFileSync(resultsFile, "utf8").trim().split("\n").map((line) => {
  const [group, name, server, figures] = line.split("\t");
  return { group, name, server, figures };
});

const load = (run) => Object.fromEntries(run.figures.split(" ").map((pair) => pair.split("=")).map(([k, v]) => [k, Number(v)]));
const find = (group, name, server) => {
  const run = runs.find((r) => r.group === group && r.name === name && r.server === server);
  return run && load(run);
};
const names = (group) => [...new Set(runs.filter((r) => r.group === group).map((r) => r.name))];
const rps = (m) => (m ? m.rps.toLocaleString("en-US") : "–");
const ms = (v) => (v === undefined ? "–" : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);
const ratio = (a, b) => (a && b ? `${(a.rps / b.rps).toFixed(2)}×` : "–");
const percent = (a, b) => (a && b ? `${Math.round((100 * a.rps) / b.rps)} %` : "–");

const problems = [];
for (const run of runs.filter((r) => !["export", "abuser", "startup"].includes(r.group))) {
  const m = load(run);
  // A fresh instance may finish no request in its first warm-up window (a loaded machine, code still compiling):
  // that is a figure; the warm-up fails only on errors, or when no window answered at all (checked below).
  const answered = run.group === "warmup" || m.rps > 0;
  if (!answered || m.non2xx > 0 || m.errors > 0) problems.push(`${run.group} / ${run.name} / ${run.server}: ${run.figures}`);
}
const warmups = runs.filter((r) => r.group === "warmup");
if (warmups.length && !warmups.some((run) => load(run).rps > 0)) problems.push("warm-up: no window answered a request");
const exports = runs.filter((r) => r.group === "export").map((run) => {
  const [rows, seconds, beforeKb, peakKb, bytes] = run.figures.split(" ").map(Number);
  if (rows !== Number(facts.questions)) problems.push(`${run.name} export: ${rows} rows, expected ${facts.questions}`);
  return { format: run.name, rows, seconds, beforeMb: beforeKb / 1024, peakMb: peakKb / 1024, mb: bytes / 1048576 };
});

// Measured before and after the cached targets: the higher of the two, so no ratio flatters the cache.
const ceiling = runs.filter((r) => r.group === "ceiling").map(load).reduce((a, b) => (!a || b.rps > a.rps ? b : a), undefined);
const nonOk = (m) => (m ? (m.non2xx + m.errors).toLocaleString("en-US") : "–");
const p99Ratio = (before, after) => (before && after ? `${(after.p99 / before.p99).toFixed(2)}×` : "–");
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

// What the abusive client did, from the summary bench/abuse.mjs printed.
function abuserTable(a) {
  const statuses = Object.entries(a.statuses).map(([status, n]) => `${status}: ${n.toLocaleString("en-US")}`).join(", ") || "none";
  const lane = (name) => a.lanes[name] ?? { requests: 0, statuses: {}, slowestMs: 0 };
  const searches = lane("searches"), rejects = lane("rejects");
  const problems = [...a.errors, ...a.serverErrors, ...a.unexpected];
  return ["| the abusive client (anonymous, " + a.address + ") | |", "|---|---|",
    `| answers by status | ${statuses} |`,
    `| bytes read | ${mb(a.bytes)} (exports ${mb(a.exports.bytes)}) |`,
    `| permits used (RateLimit-Remaining) | ${a.quota.permitsUsed.toLocaleString("en-US")} of ${a.quota.limit?.toLocaleString("en-US") ?? "–"} per window, ${a.quota.windows} window(s) in ${a.seconds.toFixed(1)} s |`,
    `| exports, read at 10 KB/s | ${a.exports.started} started, ${a.exports.completed} read to the end${a.exports.limit ? ` (the whole dataset refused as dearer than the window: ${a.exports.limit} rows each)` : ""} |`,
    `| searches${a.searchesUnranked ? " (in date order: ranking them was refused as too costly)" : ""} and statistics | ${searches.requests.toLocaleString("en-US")} answers (${Object.entries(searches.statuses).map(([s, n]) => `${s}: ${n}`).join(", ") || "none"}), slowest ${(searches.slowestMs / 1000).toFixed(1)} s |`,
    `| costliest GraphQL query (${a.bomb.aliases} aliased searches${a.bomb.unranked ? " in date order" : ""}${a.bomb.uncounted ? " without their totals" : ""}, cost ${a.bomb.costs[0]?.toLocaleString("en-US") ?? "–"}) | ` +
      `sent ${a.bomb.sent}×, answered ${a.bomb.ran}×${a.bomb.ran ? `, slowest in ${(a.bomb.slowestMs / 1000).toFixed(1)} s` : ""} |`,
    `| documents to refuse | ${rejects.requests.toLocaleString("en-US")} answers (${Object.entries(rejects.statuses).map(([s, n]) => `${s}: ${n}`).join(", ") || "none"})` +
      `${Object.keys(a.refusals ?? {}).length ? ": " + Object.entries(a.refusals).map(([code, n]) => `${code} ${n}`).join(", ") : ""} |`,
    `| transport errors, 5xx, unexpected answers | ${problems.length ? problems.join("; ") : "none"} |`];
}

const lines = [];
const out = (...text) => lines.push(...text);
out(`# Benchmark run of ${new Date().toISOString().slice(0, 10)}`, "",
  `${Number(facts.questions).toLocaleString("en-US")} generated questions; wrk with ${facts.connections} connections, ` +
  `${facts.warmup} s warm-up then ${facts.duration} s per target; ${facts.pool} database connections per server.`, "",
  "| machine and versions | |", "|---|---|",
  ...[["cpu"], ["memory"], ["os"], ["dotnet"], ["postgresql"], ["node"], ["postgraphile", "postgraphile 4"], ["postgraphile5", "postgraphile 5"],
    ["pgbench"], ["wrk"]].filter(([k]) => facts[k]).map(([k, label]) => `| ${label ?? k} | ${facts[k]} |`), "",
  "## Import", "",
  `${facts.import_seconds} s, importer peak resident memory ${facts.import_mb} MB, for a ${facts.source_mb} MB dump (uncompressed).`, "");

// The comparisons with the other servers (absent from a run of bench/run.sh --only abuse).
if (names("rest").length) {
  out("## REST, output cache off", "",
    "| target | ours req/s | p50 | p99 | SQL-JSON req/s | p99 | ours / SQL-JSON | PostGraphile 4 req/s | p99 | ours / PostGraphile 4 | PostGraphile 5 req/s | p99 | ours / PostGraphile 5 |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const name of names("rest")) {
    const ours = find("rest", name, "ours"), sql = find("rest", name, "sql-json"), pg = find("rest", name, "postgraphile"), pg5 = find("rest", name, "postgraphile5");
    out(`| ${name} | ${rps(ours)} | ${ms(ours?.p50)} | ${ms(ours?.p99)} | ${rps(sql)} | ${ms(sql?.p99)} | ${ratio(ours, sql)} | ${rps(pg)} | ${ms(pg?.p99)} | ${ratio(ours, pg)} | ${rps(pg5)} | ${ms(pg5?.p99)} | ${ratio(ours, pg5)} |`);
  }
  out("", "## REST, output cache on", "",
    "Uncompressed, then with `Accept-Encoding: br, gzip` (as browsers and HTTP libraries send; the cache keeps compressed bytes).", "",
    "| target | req/s | p50 | p99 | of the ceiling | compressed req/s | p99 | of the ceiling |", "|---|---|---|---|---|---|---|---|");
  for (const name of names("rest")) {
    const cached = find("rest", name, "ours-cached"), compressed = find("rest", name, "ours-cached-compressed");
    out(`| ${name} | ${rps(cached)} | ${ms(cached?.p50)} | ${ms(cached?.p99)} | ${percent(cached, ceiling)} | ${rps(compressed)} | ${ms(compressed?.p99)} | ${percent(compressed, ceiling)} |`);
  }
  out(`| ceiling: /health/live (no database, no cache) | ${rps(ceiling)} | ${ms(ceiling?.p50)} | ${ms(ceiling?.p99)} | 100 % | | | |`);
  out("", "## GraphQL, output cache off (POST)", "",
    "| query | ours req/s | p50 | p99 | PostGraphile 4 req/s | p50 | p99 | ours / PostGraphile 4 | PostGraphile 5 req/s | p50 | p99 | ours / PostGraphile 5 |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const name of names("graphql")) {
    const ours = find("graphql", name, "ours"), pg = find("graphql", name, "postgraphile"), pg5 = find("graphql", name, "postgraphile5");
    out(`| ${name} | ${rps(ours)} | ${ms(ours?.p50)} | ${ms(ours?.p99)} | ${rps(pg)} | ${ms(pg?.p50)} | ${ms(pg?.p99)} | ${ratio(ours, pg)} | ` +
      `${rps(pg5)} | ${ms(pg5?.p50)} | ${ms(pg5?.p99)} | ${ratio(ours, pg5)} |`);
  }
  if (names("pgbench").length) {
    out("", "## PostgreSQL alone (pgbench)", "",
      `pgbench running the statements the API ran for one request (${facts.pgbench_statements ?? "–"} in one pipeline: one round trip, one ` +
      "transaction, as the API's batch), captured from PostgreSQL's log in this run, prepared, with the API's session settings, " +
      `${facts.pool} connections (the API's pool), ${facts.duration} s; against ours over HTTP with ${facts.connections} connections. ` +
      "ours / pgbench is the share of what PostgreSQL alone can do on this machine that the API delivers.", "",
      "| query | ours req/s | p50 | p99 | pgbench tps | p50 | p99 | ours / pgbench |", "|---|---|---|---|---|---|---|---|");
    for (const name of names("pgbench")) {
      const ours = find("graphql", name, "ours"), bench = find("pgbench", name, "pgbench");
      out(`| GraphQL ${name} | ${rps(ours)} | ${ms(ours?.p50)} | ${ms(ours?.p99)} | ${rps(bench)} | ${ms(bench?.p50)} | ${ms(bench?.p99)} | ${ratio(ours, bench)} |`);
    }
  }
  const warm = names("warmup").map((at) => [Number(at), find("warmup", at, "ours")]);
  if (warm.length) {
    const tail = warm.slice(-3).map(([, m]) => m.rps);
    const steady = tail.reduce((a, b) => a + b, 0) / tail.length;
    const warmAt = warm.find(([, m]) => m.rps >= 0.9 * steady)?.[0];
    const ready = runs.find((r) => r.group === "startup");
    out("", "## Warm-up of a fresh instance (GraphQL 20-question page, output cache off)", "",
      `A new API process, ready ${ready ? `${load(ready).seconds.toFixed(1)} s after it was started` : ""}, then loaded at once with ${facts.connections} connections, ` +
      `in consecutive windows. Steady rate (the last three windows): ${Math.round(steady).toLocaleString("en-US")} req/s; ` +
      `at least 90 % of it from the window ending at ${warmAt ?? "–"} s.`, "",
      "| seconds of load | req/s | p50 | p99 | of the steady rate |", "|---|---|---|---|---|",
      ...warm.map(([at, m]) => `| ${at} | ${rps(m)} | ${ms(m.p50)} | ${ms(m.p99)} | ${Math.round((100 * m.rps) / steady)} % |`));
  }
  out("", "## Exports of every question", "", "| format | rows | seconds | rows/s | MB | API memory before | API peak during |", "|---|---|---|---|---|---|---|");
  for (const e of exports)
    out(`| ${e.format} | ${e.rows.toLocaleString("en-US")} | ${e.seconds.toFixed(1)} | ${Math.round(e.rows / e.seconds).toLocaleString("en-US")} | ${Math.round(e.mb)} | ${Math.round(e.beforeMb)} MB | ${Math.round(e.peakMb)} MB |`);
  out("");
}

// The abuse phase: the ordinary traffic without, then with, one abusive anonymous client within its quota.
const ordinary = names("abuse").map((name) => [name, find("abuse", name, "without"), find("abuse", name, "with")]);
const abuserRun = runs.find((r) => r.group === "abuser");
const abuser = abuserRun && JSON.parse(abuserRun.figures);
if (abuser && !(abuser.requests > 0)) problems.push("abusive client: no answer at all");
for (const [what, list] of [["transport errors", abuser?.errors], ["5xx answers", abuser?.serverErrors], ["unexpected answers", abuser?.unexpected]])
  if (list?.length) problems.push(`abusive client, ${what}: ${list.join("; ")}`);
const abuseTitle = "## Ordinary traffic while an abusive client runs within its quota";
const abuseTable = ["| ordinary target | req/s without | p50 | p99 | non-2xx | req/s with the abuser | p50 | p99 | non-2xx | p99 with / without |",
  "|---|---|---|---|---|---|---|---|---|---|",
  ...ordinary.map(([name, without, withAbuser]) => `| ${name} | ${rps(without)} | ${ms(without?.p50)} | ${ms(without?.p99)} | ${nonOk(without)} | ` +
    `${rps(withAbuser)} | ${ms(withAbuser?.p50)} | ${ms(withAbuser?.p99)} | ${nonOk(withAbuser)} | ${p99Ratio(without, withAbuser)} |`)];
if (ordinary.length) {
  out(abuseTitle, "",
    "The API restarted with the default anonymous limits and the output cache off. The ordinary traffic is wrk " +
    `sending an API key of an unlimited tier (one load generator standing for many users): the three targets at once, ` +
    `${facts.ordinary_connections} connections in all, ${facts.duration} s without the abuser, then ${facts.duration} s with it. ` +
    "The abuser ([`abuse.mjs`](../abuse.mjs)) is one anonymous client on another address that honours 429 and Retry-After " +
    "and stops once RateLimit-Remaining reaches 0: two CSV exports read at 10 KB/s, up to four uncached relevance searches " +
    "with highlights and live statistics, the costliest GraphQL query allowed, and documents the API must refuse.", "",
    ...abuseTable, "");
  if (abuser) out(...abuserTable(abuser), "");
}

// The issue's targets, each checked against this run.
const targets = [];
const check = (what, ok, figure) => targets.push(`| ${what} | ${figure} | ${ok ? "met" : "**missed**"} |`);
for (const [server, label] of [["postgraphile", "PostGraphile 4"], ["postgraphile5", "PostGraphile 5"]]) {
  for (const name of names("graphql")) {
    const ours = find("graphql", name, "ours"), pg = find("graphql", name, server);
    if (ours && pg) check(`GraphQL ${name}: ≥ 2× ${label}, p99 ≤ ${label}'s`, ours.rps >= 2 * pg.rps && ours.p99 <= pg.p99, `${ratio(ours, pg)}, p99 ${ms(ours.p99)} vs ${ms(pg.p99)}`);
  }
}
for (const name of names("pgbench")) {
  const ours = find("graphql", name, "ours"), bench = find("pgbench", name, "pgbench");
  if (ours && bench) check(`GraphQL ${name}: ≥ 0.6 × pgbench (PostgreSQL alone, our statements)`, ours.rps >= 0.6 * bench.rps, `${ratio(ours, bench)} (${rps(ours)} req/s vs ${rps(bench)} tps)`);
}
for (const name of ["default list", "detail"]) {
  const ours = find("rest", name, "ours"), pg = find("rest", name, "postgraphile"), sql = find("rest", name, "sql-json");
  if (ours && pg && sql) check(`REST ${name}: ≥ 2× PostGraphile 4 and ≥ SQL-JSON`, ours.rps >= 2 * pg.rps && ours.rps >= sql.rps, `${ratio(ours, pg)} PostGraphile 4, ${ratio(ours, sql)} SQL-JSON`);
}
for (const [server, how] of [["ours-cached", "uncompressed"], ["ours-cached-compressed", "compressed"]]) {
  const cachedRuns = names("rest").map((name) => [name, find("rest", name, server)]).filter(([, m]) => m);
  if (!ceiling || !cachedRuns.length) continue;
  const [worstName, worst] = cachedRuns.reduce((a, b) => (b[1].rps < a[1].rps ? b : a));
  const met = cachedRuns.filter(([, m]) => m.rps >= 0.85 * ceiling.rps).length;
  check(`cached GET ≥ 85 % of the ceiling (each), ${how}`, met === cachedRuns.length,
    `${met} of ${cachedRuns.length}; lowest ${percent(worst, ceiling)} (${worstName})`);
}
const uncachedRest = names("rest").map((name) => [name, find("rest", name, "ours")]).filter(([, m]) => m);
const worstTail = uncachedRest.reduce((a, b) => (b[1].p99 > a[1].p99 ? b : a), uncachedRest[0]);
if (worstTail) check("uncached REST p99 < 50 ms (each)", worstTail[1].p99 < 50, `highest ${ms(worstTail[1].p99)} (${worstTail[0]})`);
const search = find("rest", "full-text search", "ours");
if (search) check("full-text search p99 < 100 ms", search.p99 < 100, ms(search.p99));
check("import < 2 min and < 300 MB", Number(facts.import_seconds) < 120 && Number(facts.import_mb) < 300, `${facts.import_seconds} s, ${facts.import_mb} MB`);
for (const e of exports) check(`${e.format} export at flat memory (peak < before + 100 MB)`, e.peakMb < e.beforeMb + 100, `${Math.round(e.beforeMb)} → ${Math.round(e.peakMb)} MB`);
const measured = ordinary.filter(([, without, withAbuser]) => without && withAbuser);
if (measured.length) {
  const [worstName, worstWithout, worstWith] = measured.reduce((a, b) => (b[2].p99 / b[1].p99 > a[2].p99 / a[1].p99 ? b : a));
  const failed = ordinary.reduce((sum, [, without, withAbuser]) => sum + (without?.non2xx ?? 0) + (without?.errors ?? 0) + (withAbuser?.non2xx ?? 0) + (withAbuser?.errors ?? 0), 0);
  check("ordinary p99 while an abusive client runs within its quota: ≤ 2× without it (each), no non-2xx",
    measured.length === ordinary.length && measured.every(([, a, b]) => b.p99 <= 2 * a.p99) && failed === 0,
    `worst ${p99Ratio(worstWithout, worstWith)} (${worstName}: p99 ${ms(worstWith.p99)} vs ${ms(worstWithout.p99)}); ${failed} non-2xx or errors`);
}
const targetTable = ["| target | this run | |", "|---|---|---|", ...targets];
out("## Targets", "", ...targetTable);
writeFileSync(outFile, lines.join("\n") + "\n");

// The project README quotes this run's REST and GraphQL tables between its own markers.
const project = options.includes("--project") ? options[options.indexOf("--project") + 1] : null;
function replaceBetween(file, name, text) {
  const content = readFileSync(file, "utf8");
  const start = `<!-- ${name}:start -->`, end = `<!-- ${name}:end -->`;
  const from = content.indexOf(start), to = content.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`${file} has no ${name} markers`);
  writeFileSync(file, content.slice(0, from) + start + "\n" + text + "\n" + content.slice(to));
}
const section = (title) => {
  const from = lines.indexOf(title) + 2;
  let to = from;
  while (to < lines.length && lines[to] !== "") to++;
  return lines.slice(from, to).join("\n");
};
if (project) {
  replaceBetween(project, "bench-rest", section("## REST, output cache off"));
  replaceBetween(project, "bench-graphql", section("## GraphQL, output cache off (POST)"));
}

if (readme) {
  const summary = [
    `<!-- summary:start -->`,
    `Last full run: [${outFile.replace(/^bench\//, "")}](${outFile.replace(/^bench\//, "")}) (${Number(facts.questions).toLocaleString("en-US")} questions, ${facts.connections} connections, ${facts.cpu}).`, "",
    "| ours / other, same run | req/s ratio |", "|---|---|",
    ...names("graphql").map((name) => `| GraphQL ${name} / PostGraphile 4 | ${ratio(find("graphql", name, "ours"), find("graphql", name, "postgraphile"))} |`),
    ...names("graphql").filter((name) => find("graphql", name, "postgraphile5")).map((name) => `| GraphQL ${name} / PostGraphile 5 | ${ratio(find("graphql", name, "ours"), find("graphql", name, "postgraphile5"))} |`),
    ...names("pgbench").map((name) => `| GraphQL ${name} / pgbench (PostgreSQL alone) | ${ratio(find("graphql", name, "ours"), find("pgbench", name, "pgbench"))} |`),
    ...names("rest").filter((name) => find("rest", name, "postgraphile")).map((name) => `| REST ${name} / PostGraphile 4 | ${ratio(find("rest", name, "ours"), find("rest", name, "postgraphile"))} |`),
    ...names("rest").filter((name) => find("rest", name, "postgraphile5")).map((name) => `| REST ${name} / PostGraphile 5 | ${ratio(find("rest", name, "ours"), find("rest", name, "postgraphile5"))} |`),
    ...names("rest").filter((name) => find("rest", name, "sql-json")).map((name) => `| REST ${name} / SQL-JSON baseline | ${ratio(find("rest", name, "ours"), find("rest", name, "sql-json"))} |`),
    ...names("rest").map((name) => `| REST ${name}, cached / ceiling | ${percent(find("rest", name, "ours-cached"), ceiling)} (compressed: ${percent(find("rest", name, "ours-cached-compressed"), ceiling)}) |`),
    ...names("rest").map((name) => `| REST ${name}, uncached / ceiling | ${percent(find("rest", name, "ours"), ceiling)} |`),
    ...(ordinary.length ? ["", "Ordinary traffic (API key) without, then with, an abusive anonymous client running within its quota:", "", ...abuseTable] : []),
    "", ...targetTable, `<!-- summary:end -->`,
  ].join("\n");
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf("<!-- summary:start -->"), end = text.indexOf("<!-- summary:end -->");
  if (start < 0 || end < 0) throw new Error(`${readme} has no summary markers`);
  writeFileSync(readme, text.slice(0, start) + summary + text.slice(end + "<!-- summary:end -->".length));
}

if (options.includes("--check") && problems.length) {
  console.error("bench: targets that failed:\n  " + problems.join("\n  "));
  process.exit(1);
}
