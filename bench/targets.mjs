// What bench/run.sh measures, and the checks that each pair of servers answers the same rows before it
// is timed (so a renamed field or an empty answer fails the run instead of measuring an error page).
//   node targets.mjs OUT_DIR API POSTGRAPHILE SQLJSON WALK_PAGES [POSTGRAPHILE5]
// POSTGRAPHILE is PostGraphile 4; POSTGRAPHILE5, PostGraphile 5 with its V4 preset, is sent the same GraphQL
// documents (its V4 preset gives PostGraphile 4's schema) unless postgraphile5Queries below adapts one.
// Writes OUT_DIR/targets.tsv: group, name, server, url, and the file of POST bodies ("-" for a GET),
// after choosing real ids from the data and walking the connections to record their cursors.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [outDir, api, postgraphile, sqlJson, walkPagesArg, postgraphile5] = process.argv.slice(2);
const walkPages = Number(walkPagesArg);
// The PostGraphile servers, each with the name bench/run.sh and report.mjs know it by.
const postgraphiles = { postgraphile, ...(postgraphile5 ? { postgraphile5 } : {}) };
// PostGraphile 5's own text for a query, where its V4 preset needs another document than PostGraphile 4 (by the
// names of graphqlQueries, "connection walk" and restEquivalents); none needs one at present.
const postgraphile5Queries = {};
const theirText = (server, name, text) => (server === "postgraphile5" && postgraphile5Queries[name]) || text;

async function get(url) {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function graphql(url, query, variables = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (!response.ok || body.errors) throw new Error(`POST ${url} ${query}: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

function same(what, ours, theirs) {
  const a = JSON.stringify(ours), b = JSON.stringify(theirs);
  if (a !== b) throw new Error(`${what}: the servers disagree\n  ours:   ${a.slice(0, 400)}\n  theirs: ${b.slice(0, 400)}`);
  if (!ours || (Array.isArray(ours) && ours.length === 0)) throw new Error(`${what}: empty answer, nothing to measure`);
}

// Real ids: an answered question, a prolific senator, a ministry in office with answered questions.
const [detail] = (await get(`${api}/v1/questions?limit=1&status=answered`)).data;
const senators = (await get(`${api}/v1/senators?limit=200`)).data;
const senator = senators.reduce((best, s) => (s.questionCount > best.questionCount ? s : best));
const ministry = (await get(`${api}/v1/ministries?current=true&limit=1`)).data[0];
const from = "2000-01-01", to = "2100-12-31";

const rest = {
  "default list": ["/v1/questions", "/questions"],
  "filtered list": [
    `/v1/questions?ministry=${ministry.id}&status=answered&publishedFrom=${from}&publishedTo=${to}`,
    `/questions/filtered?ministry=${ministry.id}&status=answered&from=${from}&to=${to}`,
  ],
  "full-text search": [`/v1/questions?q=${encodeURIComponent("désertification médicale")}`, `/questions/search?q=${encodeURIComponent("désertification médicale")}`],
  "detail": [`/v1/questions/${detail.id}`, `/questions/${detail.id}`],
  "senator's questions": [`/v1/senators/${senator.id}/questions`, `/senators/${senator.id}/questions`],
  "stats per ministry": ["/v1/stats/ministries", null],
  "stats timeline": ["/v1/stats/timeline", null],
};

// The same rows from OpenData.Api's REST and from the SQL-JSON baseline.
const ids = (rows) => rows.map((row) => row.id);
for (const [name, [ours, baseline]] of Object.entries(rest)) {
  if (!baseline) continue;
  const a = await get(api + ours), b = await get(sqlJson + baseline);
  if (name === "detail") same(name, [a.id, a.answer?.publishedAt], [b.id, b.answer?.published_at]);
  else same(name, ids(a.data), ids(b));
}

// GraphQL: each query in OpenData.Api's schema and in PostGraphile's, with the rows they must both return.
const questionFields = (author, ministry, answer) =>
  `id title publishedAt ${author} { id name } ${ministry} { id name } ${answer} { publishedAt delayDays ${ministry} { name } }`;
const graphqlQueries = {
  "20-question page with author, ministry, answer": [
    `{ questions(first: 20) { nodes { ${questionFields("author", "ministry", "answer")} } } }`,
    `{ allQuestions(first: 20, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { nodes { ${questionFields("senatorByAuthorId", "ministryByMinistryId", "answerByQuestionId")} } } }`,
    (data) => ids((data.questions ?? data.allQuestions).nodes),
  ],
  "senator with 20 questions": [
    `{ senator(id: "${senator.id}") { id name questions(first: 20) { nodes { id title publishedAt ministry { name } } } } }`,
    `{ senatorById(id: "${senator.id}") { id name questionsByAuthorId(first: 20, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { nodes { id title publishedAt ministryByMinistryId { name } } } } }`,
    (data) => ids((data.senator?.questions ?? data.senatorById.questionsByAuthorId).nodes),
  ],
  "20 senators with 10 questions each": [
    `{ senators(first: 20) { nodes { id name questions(first: 10) { nodes { id title publishedAt authorAtTheTime { group } ministry { name } answer { publishedAt delayDays } } } } } }`,
    `{ allSenators(first: 20, orderBy: [LAST_NAME_ASC, FIRST_NAME_ASC, ID_ASC]) { nodes { id name questionsByAuthorId(first: 10, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { nodes { id title publishedAt authorGroup ministryByMinistryId { name } answerByQuestionId { publishedAt delayDays } } } } } }`,
    (data) => (data.senators ?? data.allSenators).nodes.flatMap((s) => [s.id, ...ids((s.questions ?? s.questionsByAuthorId).nodes)]),
  ],
  "fragment-heavy page": [
    `query { questions(first: 20) { nodes { ...Question } } }
     fragment Question on Question { id ...Meta author { ...Author } ministry { ...Ministry } answer { ...Answer } }
     fragment Meta on Question { title publishedAt number legislature }
     fragment Author on Senator { id name constituency }
     fragment Ministry on Ministry { id name }
     fragment Answer on Answer { publishedAt delayDays ministry { ...Ministry } }`,
    `query { allQuestions(first: 20, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { nodes { ...Question } } }
     fragment Question on Question { id ...Meta senatorByAuthorId { ...Author } ministryByMinistryId { ...Ministry } answerByQuestionId { ...Answer } }
     fragment Meta on Question { title publishedAt number legislature }
     fragment Author on Senator { id name constituency }
     fragment Ministry on Ministry { id name }
     fragment Answer on Answer { publishedAt delayDays ministryByMinistryId { ...Ministry } }`,
    (data) => ids((data.questions ?? data.allQuestions).nodes),
  ],
  "3 levels: question, answer, ministry": [
    `{ question(id: "${detail.id}") { id title answer { publishedAt text ministry { id name } } } }`,
    `{ questionById(id: "${detail.id}") { id title answerByQuestionId { publishedAt text ministryByMinistryId { id name } } } }`,
    (data) => {
      const question = data.question ?? data.questionById;
      const answer = question.answer ?? question.answerByQuestionId;
      return [question.id, answer.publishedAt, (answer.ministry ?? answer.ministryByMinistryId).name];
    },
  ],
};

const lines = [];
const bodies = (name, list) => {
  const file = join(outDir, `${name}.bodies`);
  writeFileSync(file, list.map((body) => JSON.stringify(body)).join("\n") + "\n");
  return file;
};
for (const [name, [ours, theirs, rowsOf]] of Object.entries(graphqlQueries)) {
  const oursRows = rowsOf(await graphql(`${api}/graphql`, ours));
  const slug = name.replace(/[^a-z0-9]+/gi, "-");
  lines.push(["graphql", name, "ours", `${api}/graphql`, bodies(`ours-${slug}`, [{ query: ours }])]);
  for (const [server, url] of Object.entries(postgraphiles)) {
    const query = theirText(server, name, theirs);
    same(`${name} (${server})`, oursRows, rowsOf(await graphql(`${url}/graphql`, query)));
    lines.push(["graphql", name, server, `${url}/graphql`, bodies(`${server}-${slug}`, [{ query }])]);
  }
}

// A connection walk: pages of 100 after each other's cursors, recorded here and replayed in turn under load.
const walkTheirs = `query($after: Cursor) { allQuestions(first: 100, after: $after, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { pageInfo { hasNextPage endCursor } nodes { id title senatorByAuthorId { name } ministryByMinistryId { name } } } }`;
const walk = {
  ours: `query($after: String) { questions(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id title author { name } ministry { name } } } }`,
  ...Object.fromEntries(Object.keys(postgraphiles).map((server) => [server, theirText(server, "connection walk", walkTheirs)])),
};
const walked = {};
for (const [server, query] of Object.entries(walk)) {
  const url = server === "ours" ? `${api}/graphql` : `${postgraphiles[server]}/graphql`;
  const pages = [];
  walked[server] = [];
  let after = null;
  for (let i = 0; i < walkPages; i++) {
    pages.push({ query, variables: { after } });
    const connection = Object.values(await graphql(url, query, { after }))[0];
    walked[server].push(...ids(connection.nodes));
    after = connection.pageInfo.endCursor;
    if (!connection.pageInfo.hasNextPage) break; // a dataset smaller than the walk
  }
  lines.push(["graphql", "connection walk, pages of 100", server, url, bodies(`${server}-walk`, pages)]);
}
for (const server of Object.keys(postgraphiles)) same(`connection walk (${server})`, walked.ours, walked[server]);

for (const [name, [ours, baseline]] of Object.entries(rest)) {
  lines.push(["rest", name, "ours", api + ours, "-"]);
  if (baseline) lines.push(["rest", name, "sql-json", sqlJson + baseline, "-"]);
}
// The PostGraphile equivalents of the REST list and detail: the same rows and the fields REST returns.
const restFields = `id number legislature natureCode natureLabel status title text topic themeIds themeLabels publishedAt
  journalPage authorId authorName authorCivility authorGroup authorConstituency ministryId ministryName transferMinistryId
  transferMinistryName transferredAt answerMinistryId answerMinistryName answeredAt answerDelayDays deadline remindsQuestionId
  remindedAt url updatedVersion`.replace(/\s+/g, " ");
const restEquivalents = {
  "default list": `{ allQuestions(first: 20, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { nodes { ${restFields} } } }`,
  "detail": `{ questionById(id: "${detail.id}") { ${restFields} answerByQuestionId { publishedAt text delayDays ministryId ministryName journalPage url sharedWith }
    questionsByRemindsQuestionId(orderBy: [PUBLISHED_AT_ASC, ID_ASC]) { nodes { id title publishedAt } } } }`,
};
for (const [name, text] of Object.entries(restEquivalents)) {
  const answers = {};
  for (const [server, url] of Object.entries(postgraphiles)) {
    const query = theirText(server, name, text);
    answers[server] = await graphql(`${url}/graphql`, query);
    lines.push(["rest", name, server, `${url}/graphql`, bodies(`${server}-rest-${name.replace(/\W+/g, "-")}`, [{ query }])]);
  }
  // PostGraphile 5 must return what PostGraphile 4 does (every field: the same schema under the V4 preset).
  if (answers.postgraphile5) same(`REST ${name} equivalent (postgraphile5 / postgraphile)`, answers.postgraphile5, answers.postgraphile);
}
lines.push(["ceiling", "/health/live", "ours", `${api}/health/live`, "-"]);

writeFileSync(join(outDir, "targets.tsv"), lines.map((line) => line.join("\t")).join("\n") + "\n");
console.log(`targets: ${lines.length} (detail ${detail.id}, senator ${senator.id} with ${senator.questionCount} questions, ministry ${ministry.id})`);
