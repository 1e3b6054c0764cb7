// Checks the committed GraphQL schema (openapi/schema.graphql, kept identical to the served one by the
// .NET tests) and the example queries GraphiQL opens with, using graphql-js, the reference implementation:
// the SDL must build into a valid schema, survive an introspection round trip, describe every type and
// field, and every example must parse and validate against it. Exits non-zero on any error.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  buildSchema, assertValidSchema, parse, validate, graphqlSync, getIntrospectionQuery, buildClientSchema,
  printSchema, lexicographicSortSchema, isObjectType, isInputObjectType, isEnumType, isIntrospectionType,
} from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const errors = [];

const schema = buildSchema(readFileSync(join(root, 'openapi/schema.graphql'), 'utf8'));
assertValidSchema(schema);

// What GraphiQL and client code generators do first: introspect, then rebuild the schema from the answer.
const introspection = graphqlSync({ schema, source: getIntrospectionQuery({ descriptions: true, schemaDescription: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }) });
if (introspection.errors) errors.push(...introspection.errors.map(e => `introspection: ${e.message}`));
else {
  const rebuilt = buildClientSchema(introspection.data);
  if (printSchema(lexicographicSortSchema(rebuilt)) !== printSchema(lexicographicSortSchema(schema)))
    errors.push('the schema rebuilt from introspection differs from the SDL');
}

for (const type of Object.values(schema.getTypeMap())) {
  if (isIntrospectionType(type) || type.name.startsWith('__')) continue;
  if (!type.description && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) errors.push(`type ${type.name} has no description`);
  if (isObjectType(type) || isInputObjectType(type))
    for (const field of Object.values(type.getFields())) {
      if (!field.description) errors.push(`${type.name}.${field.name} has no description`);
      for (const arg of field.args ?? []) if (!arg.description) errors.push(`${type.name}.${field.name}(${arg.name}) has no description`);
    }
  if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) errors.push(`${type.name}.${value.name} has no description`);
}

// The examples live in C# raw string literals: new("name", """ ... """, optional variables).
const source = readFileSync(join(root, 'src/OpenData.Api/GraphQL/Ide/IdeExamples.cs'), 'utf8');
const examples = [...source.matchAll(/new\("([^"]+)",\s*"""\r?\n([\s\S]*?)\r?\n\s*"""/g)].map(m => ({ name: m[1], query: m[2] }));
if (examples.length === 0) errors.push('no example query found in IdeExamples.cs');
for (const { name, query } of examples) {
  try {
    for (const e of validate(schema, parse(query))) errors.push(`example "${name}": ${e.message}`);
  } catch (e) {
    errors.push(`example "${name}": ${e.message}`);
  }
}

if (errors.length > 0) {
  console.error(`graphql-check: ${errors.length} error(s)\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
console.log(`graphql-check: schema valid (${Object.keys(schema.getTypeMap()).length} types), ${examples.length} example queries valid (graphql-js ${(await import('graphql')).version})`);
