// Counts the rows of an export: node count-rows.mjs FILE csv|ndjson. CSV records may hold quoted newlines
// (RFC 4180), so records are counted outside quotes, less the header line. The file is read as a stream: an export of
// 300,000 questions is larger than the longest string Node holds (about 512 MB; the NDJSON export is 555 MB).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

const [file, format] = process.argv.slice(2);
let rows = 0;
if (format === "ndjson") {
  for await (const line of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity }))
    if (line) { JSON.parse(line); rows++; }
} else {
  let quoted = false;
  for await (const chunk of createReadStream(file)) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 34) quoted = !quoted; // a doubled quote toggles twice
      else if (c === 10 && !quoted) rows++;
    }
  }
  rows -= 1;
}
console.log(rows);
