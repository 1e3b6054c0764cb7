// The pgbench line of bench/run.sh: turns the statements one API request ran, read from PostgreSQL's log, into a
// pgbench script that runs them the way the API does. bench/run.sh sets log_min_duration_statement = 0 and
// log_line_prefix = 'bench-capture [%p] [%v] ' (backend pid, virtual transaction id) on its throwaway cluster,
// sends one GraphQL request, then runs
//   node pgbench-capture.mjs LOG_FILE OFFSET SCRIPT DEFINES
// which reads LOG_FILE from byte OFFSET and writes:
//   SCRIPT   the statements of that request's transaction (the one holding the longest statement, the compiled
//            JSON statement) in the order they ran, between \startpipeline and \endpipeline: one round trip and one
//            implicit transaction, as Npgsql sends a batch; each $n becomes a pgbench variable (:sIpN), so that
//            `pgbench -M prepared` prepares the same parameterised statements the API prepares
//   DEFINES  the variables' values as pgbench -D arguments (NAME=VALUE), NUL-separated (values may hold anything)
// It prints the number of statements; it exits 1, saying why, when the log holds no statement of a request, or a
// statement pgbench cannot run as is.
import { writeFileSync, openSync, readSync, fstatSync, closeSync } from "node:fs";

const [logFile, offsetArg, scriptFile, definesFile] = process.argv.slice(2);
const fail = (why) => { console.error(`pgbench-capture: ${why}`); process.exit(1); };

// The log from OFFSET: entries start with the prefix; the lines PostgreSQL continues an entry on start with a tab
// it inserted (one per line), which is taken off to give the statement's own text back.
const fd = openSync(logFile, "r");
const size = fstatSync(fd).size, offset = Number(offsetArg);
const buffer = Buffer.alloc(Math.max(0, size - offset));
readSync(fd, buffer, 0, buffer.length, offset);
closeSync(fd);
const entries = [];
for (const line of buffer.toString("utf8").split("\n")) {
  const head = /^bench-capture \[(\d+)\] \[([^\]]*)\] ([A-Z]+):  (.*)$/.exec(line);
  if (head) entries.push({ pid: head[1], vxid: head[2], level: head[3], text: head[4] });
  else if (line.startsWith("\t") && entries.length) entries.at(-1).text += "\n" + line.slice(1);
  else entries.push({ level: "other", text: line }); // another prefix, or none: ends the entry before it
}

// The statements executed (extended protocol: "execute <name>: SQL", then "parameters: $1 = '…', …" when it has
// any; simple protocol: "statement: SQL"), with their transaction.
const executed = [];
for (let i = 0; i < entries.length; i++) {
  const e = entries[i];
  if (e.level !== "LOG") continue;
  const m = /^duration: [\d.]+ ms {2}(?:execute [^:]*|statement): ([\s\S]*)$/.exec(e.text);
  if (!m) continue;
  const next = entries[i + 1];
  const detail = next && next.level === "DETAIL" && next.pid === e.pid && /^parameters: ([\s\S]*)$/.exec(next.text);
  executed.push({ pid: e.pid, vxid: e.vxid, sql: m[1], parameters: detail ? parseParameters(detail[1]) : {} });
}
if (!executed.length) fail(`no statement in ${logFile} after byte ${offset}: was log_min_duration_statement = 0 in effect?`);

function parseParameters(text) {
  const values = {};
  const re = /\$(\d+) = (?:NULL|'((?:[^']|'')*)')(?:, |$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) fail(`cannot read the parameters: ${text.slice(0, 200)}`);
    values[m[1]] = m[2] === undefined ? null : m[2].replaceAll("''", "'");
    at = re.lastIndex;
  }
  return values;
}

// The request's transaction: the one that ran the longest statement (the compiled JSON statement).
const longest = executed.reduce((a, b) => (b.sql.length > a.sql.length ? b : a));
const batch = executed.filter((s) => s.pid === longest.pid && s.vxid === longest.vxid);
const others = executed.length - batch.length;
const short = (sql) => sql.replace(/\s+/g, " ").slice(0, 60) + "…";
if (others) console.error(`pgbench-capture: ${others} statement(s) of other transactions left out: ` +
  executed.filter((s) => !batch.includes(s)).slice(0, 5).map((s) => short(s.sql)).join("; "));

// $n outside quoted text becomes :sIpN (or NULL), as pgbench -M prepared turns :name back into a parameter.
function substitute(sql, index, parameters) {
  let out = "";
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (c === "'" || c === '"') { // a literal or a quoted identifier, copied whole ('' and "" inside)
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === "$" && /\d/.test(sql[i + 1] ?? "") && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const n = /^\d+/.exec(sql.slice(i + 1))[0];
      if (!(n in parameters)) fail(`statement ${index} uses $${n}, which the log gave no value for`);
      out += parameters[n] === null ? "NULL" : `:s${index}p${n}`;
      i += 1 + n.length;
    } else { out += c; i++; }
  }
  return out;
}
const defines = [];
const statements = batch.map((s, k) => {
  const index = k + 1;
  // pgbench reads every ":name" as a variable, inside quotes too, and has no escape for it ("::" is left alone).
  const colon = /(^|[^:]):[\w\u0080-\uffff]/.exec(s.sql.replace(/::/g, "  "));
  if (colon) fail(`statement ${index} holds "${s.sql.slice(colon.index, colon.index + 12)}", which pgbench would read as a variable`);
  for (const [n, value] of Object.entries(s.parameters)) if (value !== null) defines.push(`s${index}p${n}=${value}`);
  return substitute(s.sql, index, s.parameters).trimEnd().replace(/;$/, "") + ";";
});
writeFileSync(scriptFile, ["\\startpipeline", ...statements, "\\endpipeline", ""].join("\n"));
writeFileSync(definesFile, defines.map((d) => d + "\0").join(""));
const summary = batch.map((s) => `${short(s.sql)} (${Object.keys(s.parameters).length} parameters)`);
console.error(`pgbench-capture: ${batch.length} statement(s) of one transaction (backend ${longest.pid}):\n  ${summary.join("\n  ")}`);
console.log(batch.length);
