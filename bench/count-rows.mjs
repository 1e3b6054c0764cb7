// Counts the rows of an export: node count-rows.mjs FILE csv|ndjson. CSV records may hold quoted newlines
// (RFC 4180), so records are counted outside quotes, less the header line.
import { readFileSync } from "node:fs";

const [file, format] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
let rows = 0;
if (format === "ndjson") {
  for (const line of text.split("\n")) if (line) { JSON.parse(line); rows++; }
} else {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted; // a doubled quote toggles twice
    else if (c === 10 && !quoted) rows++;
  }
  rows -= 1;
}
console.log(rows);
