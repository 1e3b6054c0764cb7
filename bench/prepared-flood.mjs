// Whether GraphQL's variety pushes REST's prepared statements out of the API's connections (bench/README.md,
// "GraphQL variety and REST's prepared statements"). Node built-ins only.
//
//   node bench/prepared-flood.mjs http://127.0.0.1:5301 250
//
// Sends a REST list 7 times (its statements are prepared once used 5 times), then N GraphQL documents of distinct
// shapes (subsets of a question's fields), each 6 times, so that each is prepared on a connection of one. Then read
// PostgreSQL's statement log for the next REST list: `execute _autoN` is a prepared statement, `execute <unnamed>` one
// parsed and planned again.
const [base, shapes] = [process.argv[2] ?? 'http://127.0.0.1:5000', Number(process.argv[3] ?? 250)];
const fields = ['id', 'number', 'legislature', 'status', 'title', 'topic', 'publishedAt', 'journalPage', 'answeredAt',
  'answerDelayDays', 'deadline', 'overdue', 'remindsQuestionId', 'url', 'updatedAt'];
const graphql = query => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
  .then(r => r.text());
for (let i = 0; i < 7; i++) await fetch(`${base}/v1/questions?limit=5&status=answered`).then(r => r.arrayBuffer());
let sent = 0;
for (let shape = 1; shape <= shapes; shape++) {
  const query = `{ questions(first: 2) { nodes { ${fields.filter((_, i) => (shape >> i) & 1).join(' ')} } } }`;
  for (let use = 0; use < 6; use++) {
    const body = await graphql(query);
    if (!body.includes('"data"')) throw new Error(`unexpected answer: ${body.slice(0, 200)}`);
    sent++;
  }
}
console.log(`${sent} GraphQL requests of ${shapes} shapes sent; now request ${base}/v1/questions?limit=5&status=answered with the statement log on`);
