// graphql-codegen: types of operations.graphql from the schema a running API serves (introspection of API/graphql),
// written to generated.ts (not committed). API is the server's base URL.
declare const process: { env: Record<string, string | undefined> };

export default {
  schema: `${process.env.API ?? "http://127.0.0.1:5080"}/graphql`,
  documents: ["operations.graphql"],
  generates: {
    "generated.ts": {
      plugins: ["typescript-operations", "typed-document-node"], // typescript-operations writes the enums and inputs it uses
      config: {
        strictScalars: true,
        scalars: { ID: "string", Date: "string", DateTime: "string" },
        enumsAsTypes: true,
        avoidOptionals: { field: true },
      },
    },
  },
};
