// PostGraphile 4 over OpenData.Api's serving schema, configured as its documentation recommends for
// production: no mutations, no GraphiQL, no query log, no schema watching. One worker per core (Node's
// cluster module) sharing the pool size OpenData.Api uses, so both servers get the same cores and the
// same number of database connections.
//   PGURL=postgres://opendata_reader:…@127.0.0.1:5432/opendata PORT=5400 POOL=50 node server.js
const cluster = require("node:cluster");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { Pool } = require("pg");
const { postgraphile } = require("postgraphile");
const { makePgSmartTagsFromFilePlugin } = require("postgraphile/plugins");

const workers = Number(process.env.WORKERS || os.availableParallelism());
const poolSize = Number(process.env.POOL || 50);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    console.error(`postgraphile worker ${worker.process.pid} exited with ${code}`);
    process.exit(1);
  });
  process.on("SIGTERM", () => { for (const id in cluster.workers) cluster.workers[id].kill(); process.exit(0); });
} else {
  const pool = new Pool({ connectionString: process.env.PGURL, max: Math.max(1, Math.floor(poolSize / workers)) });
  const middleware = postgraphile(pool, "opendata", {
    appendPlugins: [makePgSmartTagsFromFilePlugin(path.join(__dirname, "postgraphile.tags.json5"))],
    disableDefaultMutations: true,
    ignoreRBAC: false,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    disableQueryLog: true,
    graphiql: false,
    watchPg: false,
    retryOnInitFail: false,
    extendedErrors: [],
  });
  http.createServer(middleware).listen(Number(process.env.PORT || 5400), "127.0.0.1");
}
