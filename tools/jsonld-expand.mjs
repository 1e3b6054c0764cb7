// Expands the JSON-LD document read on stdin with jsonld.js (a JSON-LD 1.1 processor), refusing to fetch any remote
// context: the API's documents carry their contexts inline. Prints the expanded form (JSON) on stdout; a document that
// is not valid JSON-LD exits 1 with the processor's error.
import jsonld from "jsonld";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const documentLoader = async (url) => { throw new Error(`remote context refused: ${url}`); };
try {
  const expanded = await jsonld.expand(document, { documentLoader, safe: true });
  process.stdout.write(JSON.stringify(expanded));
} catch (error) {
  console.error(error.message ?? error, error.details ? JSON.stringify(error.details) : "");
  process.exit(1);
}
