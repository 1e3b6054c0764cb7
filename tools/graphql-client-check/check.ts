// A typed GraphQL client as an integrator writes one: graphql-codegen generates the types of operations.graphql from
// the schema the API serves (generated.ts, not committed), and every field below is read without a cast or a non-null
// assertion: it compiles only if the schema says what each answer holds (ids are strings, timestamps DateTime, a
// node's fields under its type). Run against a server:  node dist/check.js http://127.0.0.1:5080
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { MinistryDocument, NodeByIdDocument, QuestionsDocument, SenatorDocument, StatsDocument } from "./generated.js";

declare const process: { argv: string[]; exit(code: number): never };
const api = process.argv[2];
const failures: string[] = [];
const expect = (what: string, ok: boolean) => { if (!ok) failures.push(what); };

// The transport: the only place that trusts the server's JSON to be the operation's type.
async function run<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  const response = await fetch(`${api}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body: { data?: TResult | null; errors?: unknown[] } = await response.json();
  if (!response.ok || body.errors || !body.data) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
  return body.data;
}

// 1. A page of answered questions: ids are strings, updatedAt a timestamp.
const page = await run(QuestionsDocument, { first: 3, filter: { status: ["ANSWERED"] } });
const first = page.questions.nodes[0];
expect("a page of answered questions", page.questions.totalCount > 0 && first !== undefined && first.status === "ANSWERED");
if (first) {
  const updated: string = first.updatedAt;
  const ministryId: string | undefined = first.ministry?.id;
  expect("a timestamp and a ministry id as a string", updated.includes("T") && (ministryId === undefined || /^\d+$/.test(ministryId)));

  // 2. The same question found again by its global id, its fields under its type.
  const found = await run(NodeByIdDocument, { id: first.id });
  if (found.node?.__typename === "Question") {
    const title: string | null = found.node.title;
    expect("node(id:) finds the question", found.node.id === first.id && title === first.title);
  } else failures.push(`node(id: ${first.id}) is not the question`);

  // 3. Its author, with the political group they had then, as an object.
  if (first.author) {
    const senator = await run(SenatorDocument, { id: first.author.id });
    const group = senator.senator?.questions.nodes[0]?.authorAtTheTime.politicalGroup;
    expect("a senator and their questions", senator.senator?.id === first.author.id && (senator.senator?.questions.totalCount ?? 0) > 0
      && (group === null || group === undefined || group.code.length > 0));
  }
}

// 4. Statistics per ministry, then one ministry by the id they give.
const stats = await run(StatsDocument, {});
const row = stats.ministryStats[0];
expect("statistics per ministry", row !== undefined && row.questions > 0);
if (row) {
  const ministry = await run(MinistryDocument, { id: row.ministryId });
  const predecessors: string[] = ministry.ministry?.predecessorIds ?? [];
  expect("a ministry by the id statistics give", ministry.ministry?.id === row.ministryId && predecessors.every((p) => /^\d+$/.test(p)));
}

if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log("5 operations typed by graphql-codegen, read without casts");
