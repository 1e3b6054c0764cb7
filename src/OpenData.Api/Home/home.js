// The home page: the dataset's figures, a search, examples and two charts, all read from this server's own API.
// No library: the charts are SVG drawn here, with a table of their figures as their text alternative.
'use strict';

const TEXT = {
  fr: {
    pageTitle: 'OpenData.Api — questions écrites et orales du Sénat',
    skip: 'Aller au contenu', title: 'Les questions des sénateurs au Gouvernement, en API ouverte',
    lead: 'Questions écrites et orales, réponses des ministres, sénateurs et ministères : en REST, en GraphQL et en CSV, sans clé.',
    tools: 'Outils', swagger: "Swagger UI : essayer l'API REST", graphiql: 'GraphiQL : explorer en GraphQL', openapi: 'Document OpenAPI', schema: 'Schéma GraphQL',
    catalog: 'Catalogue DCAT (JSON-LD) pour les portails de données', downloads: 'Téléchargements (Parquet et CSV compressé, par table)', kilobytes: 'Ko', rows: 'lignes', mcp: 'Assistants IA (Model Context Protocol, Streamable HTTP) :',
    dataTitle: 'Les données',
    generated: "Données générées : ce jeu de données est synthétique (écrit par opendata-ingest generate au format du Sénat), à l'exception d'une vraie question, SEQ240611950, telle que le Sénat l'a publiée. Il n'est pas celui du Sénat et n'en porte pas la licence.",
    datasetError: "Le jeu de données n'a pas pu être lu.",
    source: 'Source', licence: 'Licence', imported: 'Dernier import', version: 'Version',
    generatedSource: 'Données générées (opendata-ingest generate)', noLicence: 'Aucune : données générées',
    questions: 'questions', answers: 'réponses', senators: 'sénateurs', ministries: 'ministères', themes: 'thèmes',
    searchTitle: 'Chercher une question', searchLabel: 'Mots (recherche en français : accents, majuscules et terminaisons ignorés)', searchButton: 'Chercher',
    searching: 'Recherche…', found: n => `${n} question${n > 1 ? 's' : ''} trouvée${n > 1 ? 's' : ''}`, shown: n => `, les ${n} plus pertinentes :`, newest: n => `, trop pour les classer par pertinence : les ${n} plus récentes :`,
    none: 'Aucune question trouvée.', failed: 'La recherche a échoué : ', json: 'JSON de la question', senat: 'Sa page sur senat.fr',
    examplesTitle: 'Essayer depuis un terminal', examplesLead: 'Ces commandes interrogent ce serveur ; copiez-les telles quelles.',
    exampleJson: 'Une question en JSON', exampleCsv: 'Une recherche exportée en CSV', exampleGraphql: 'Une requête GraphQL',
    copy: 'Copier', copied: 'Copié', table: 'Les chiffres en tableau',
    delaysTitle: 'Délais de réponse par ministère, Gouvernement en fonctions',
    delaysLead: 'Questions écrites : en combien de jours la moitié (foncé) puis 90 % (clair) des questions reçues par un ministère ont leur réponse, en comptant celles qui attendent encore (estimateur de Kaplan–Meier), n étant le nombre de questions ; le Règlement du Sénat donne deux mois (trait vertical) pour répondre.',
    ministry: 'Ministère', median: 'Délai médian, attentes comprises (jours)', p90: '90e centile, attentes comprises (jours)', countedQuestions: 'Questions (n)',
    answeredMedian: 'Délai médian des seules questions répondues (jours)', withinLimit: 'Répondues en deux mois (part des questions reçues)', overdue: 'En retard',
    legendMedian: 'délai médian', legendP90: '90e centile', twoMonths: 'deux mois',
    days: 'j', noAnswer: 'aucune réponse', neverHalf: 'moins de la moitié répondue',
    delaysSummary: (n, slow, fast) => `${n} ministères du Gouvernement en fonctions. Délai médian le plus long : ${slow}. Le plus court : ${fast}. Le tableau ci-dessous donne tous les chiffres.`,
    timelineTitle: 'Questions et réponses par mois', month: 'Mois', questionsPublished: 'Questions publiées', answersPublished: 'Réponses publiées',
    timelineSummary: (from, to, q, a, peak) => `De ${from} à ${to} : ${q} questions publiées et ${a} réponses. Mois le plus chargé : ${peak}. Le tableau ci-dessous donne chaque mois.`,
    empty: 'Pas de données.',
    keyTitle: "Obtenir une clé d'API", keyLead: "Sans clé, chaque adresse IP a son quota. Une clé donne davantage, tout de suite : elle s'affiche une seule fois.",
    keyName: "Nom de l'application ou de la personne", keyEmail: "Adresse électronique (pour que l'exploitant puisse vous joindre)", keyButton: 'Créer la clé',
    keyCreating: 'Création…', keyFailed: 'La clé n\'a pas été créée : ', keyCreated: (tier, n) => `Votre clé (palier ${tier}, ${n} permis par minute), à envoyer dans l'en-tête X-Api-Key ; elle ne sera plus affichée :`,
    footer: "Les données des questions viennent du Sénat (data.senat.fr). API en lecture seule ; limites de débit par adresse IP, clé d'API pour davantage.",
  },
  en: {
    pageTitle: "OpenData.Api — the French Senate's written and oral questions",
    skip: 'Skip to content', title: "Senators' questions to the French government, as an open API",
    lead: "Written and oral questions, ministers' answers, senators and ministries: as REST, GraphQL and CSV, no key needed.",
    tools: 'Tools', swagger: 'Swagger UI: try the REST API', graphiql: 'GraphiQL: explore with GraphQL', openapi: 'OpenAPI document', schema: 'GraphQL schema',
    catalog: 'DCAT catalog (JSON-LD) for data portals', downloads: 'Downloads (Parquet and gzipped CSV, per table)', kilobytes: 'KB', rows: 'rows', mcp: 'AI assistants (Model Context Protocol, Streamable HTTP):',
    dataTitle: 'The data',
    generated: "Generated data: this dataset is synthetic (written by opendata-ingest generate in the Senate's formats), but for one real question, SEQ240611950, as the Senate published it. It is not the Senate's and does not carry its licence.",
    datasetError: 'The dataset could not be read.',
    source: 'Source', licence: 'Licence', imported: 'Last import', version: 'Version',
    generatedSource: 'Generated data (opendata-ingest generate)', noLicence: 'None: generated data',
    questions: 'questions', answers: 'answers', senators: 'senators', ministries: 'ministries', themes: 'themes',
    searchTitle: 'Search the questions', searchLabel: 'Words (French full-text search: accents, case and word endings ignored)', searchButton: 'Search',
    searching: 'Searching…', found: n => `${n} question${n > 1 ? 's' : ''} found`, shown: n => `, the ${n} most relevant:`, newest: n => `, too many to rank by relevance: the ${n} newest:`,
    none: 'No question found.', failed: 'The search failed: ', json: "The question's JSON", senat: 'Its page on senat.fr',
    examplesTitle: 'Try it from a terminal', examplesLead: 'These commands query this server; copy them as they are.',
    exampleJson: 'One question as JSON', exampleCsv: 'A search exported as CSV', exampleGraphql: 'A GraphQL query',
    copy: 'Copy', copied: 'Copied', table: 'The figures as a table',
    delaysTitle: 'Answer delays per ministry, government in office',
    delaysLead: "Written questions: how many days until half (dark), then 90 % (light), of the questions a ministry received are answered, counting those still waiting (the Kaplan–Meier estimator), n being the number of questions; the Senate's rules give two months (vertical line) to answer.",
    ministry: 'Ministry', median: 'Median delay, waiting included (days)', p90: '90th percentile, waiting included (days)', countedQuestions: 'Questions (n)',
    answeredMedian: 'Median delay of the answered questions only (days)', withinLimit: 'Answered within two months (share of questions received)', overdue: 'Overdue',
    legendMedian: 'median delay', legendP90: '90th percentile', twoMonths: 'two months',
    days: 'd', noAnswer: 'no answer', neverHalf: 'less than half answered',
    delaysSummary: (n, slow, fast) => `${n} ministries of the government in office. Longest median delay: ${slow}. Shortest: ${fast}. The table below gives every figure.`,
    timelineTitle: 'Questions and answers per month', month: 'Month', questionsPublished: 'Questions published', answersPublished: 'Answers published',
    timelineSummary: (from, to, q, a, peak) => `From ${from} to ${to}: ${q} questions published and ${a} answers. Busiest month: ${peak}. The table below gives every month.`,
    empty: 'No data.',
    keyTitle: 'Get an API key', keyLead: 'Without a key, each IP address has its quota. A key gives more, at once: it is shown only once.',
    keyName: 'Name of the application or person', keyEmail: 'E-mail address (so the operator can reach you)', keyButton: 'Create the key',
    keyCreating: 'Creating…', keyFailed: 'The key was not created: ', keyCreated: (tier, n) => `Your key (${tier} tier, ${n} permits a minute), to send in the X-Api-Key header; it will not be shown again:`,
    footer: "The questions' data comes from the French Senate (data.senat.fr). Read-only API; rate limits per IP address, an API key for more.",
  },
};

const lang = (() => {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  return (navigator.languages || [navigator.language || 'fr']).some(l => l.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
})();
const t = TEXT[lang];
const numbers = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
const fmt = n => numbers.format(n);
const percent = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
const SVG = 'http://www.w3.org/2000/svg';
const $ = id => document.getElementById(id);

function el(tag, attributes = {}, text) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, headers = {}) {
  const response = await fetch(path, { headers: { Accept: 'application/json', ...headers } });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.detail || body.title || response.statusText), { title: body.title });
  return body;
}

function translate() {
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const value = t[node.dataset.i18n];
    if (typeof value === 'string') node.textContent = value;
  }
  for (const link of document.querySelectorAll('[data-lang]'))
    if (link.dataset.lang === lang) link.setAttribute('aria-current', 'true');
}

async function showDataset() {
  try {
    const d = await api('/v1/dataset');
    $('generated').hidden = !d.generated;
    const source = $('source');
    if (d.source) source.replaceChildren(el('a', { href: d.source }, d.source));
    else source.textContent = t.generatedSource;
    const licence = $('licence');
    if (d.licence) licence.replaceChildren(el('a', { href: d.licence.url }, d.licence.name));
    else licence.textContent = t.noLicence;
    const imported = new Date(d.importedAt);
    $('imported').replaceChildren(el('time', { datetime: d.importedAt },
      new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(imported) + ' UTC'));
    const figures = { version: d.version, ...d.rowCounts };
    for (const node of document.querySelectorAll('[data-figure]')) {
      const value = figures[node.dataset.figure];
      node.textContent = value === undefined ? '–' : fmt(value);
      node.dataset.value = value ?? '';
    }
    // The bulk files of this version: a link each, with its size (the SHA-256 in its title).
    $('downloads').replaceChildren(...(d.downloads ?? []).map(f => {
      const item = el('li');
      item.append(el('a', { href: f.url, title: `SHA-256 ${f.sha256}`, download: '' }, `${f.table}.${f.format}`),
        ` (${fmt(Math.max(1, Math.round(f.bytes / 1024)))} ${t.kilobytes}, ${fmt(f.rows)} ${t.rows})`);
      return item;
    }));
    $('downloads-title').hidden = $('downloads').hidden = !(d.downloads ?? []).length;
  } catch {
    $('dataset-error').hidden = false;
  }
}

function showExamples() {
  const origin = location.origin;
  const json = `${origin}/v1/questions/SEQ240611950`;
  const csv = `${origin}/v1/questions?q=intelligence%20artificielle&limit=50&format=csv`;
  const graphql = { query: '{ senator(id: "08037L") { name group { label } questions(first: 3) { totalCount nodes { id title publishedAt } } } }' };
  const examples = [
    ['example-json', `curl -s ${json}`, { url: json }],
    ['example-csv', `curl -s "${csv}"`, { url: csv }],
    ['example-graphql', `curl -s ${origin}/graphql -H 'Content-Type: application/json' -d '${JSON.stringify(graphql)}'`, { url: `${origin}/graphql`, body: JSON.stringify(graphql) }],
  ];
  for (const [id, command, data] of examples) {
    const code = $(id);
    code.textContent = command;
    code.dataset.url = data.url;
    if (data.body) code.dataset.body = data.body;
  }
  for (const button of document.querySelectorAll('button.copy'))
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText($(button.dataset.copy).textContent);
        button.textContent = t.copied;
      } catch {
        getSelection().selectAllChildren($(button.dataset.copy)); // no clipboard: selected, ready for Ctrl-C
      }
      setTimeout(() => { button.textContent = t.copy; }, 2000);
    });
}

async function search(event) {
  event?.preventDefault();
  const q = $('q').value.trim();
  if (!q) return;
  const status = $('search-status');
  const results = $('results');
  status.textContent = t.searching;
  results.replaceChildren();
  try {
    const path = `/v1/questions?q=${encodeURIComponent(q)}&limit=10`;
    // Ranked by relevance when that costs at most a fifth of an anonymous window (Max-Cost, MaxCost.RankingShare: ranking
    // every match of a word in many questions costs more, refused for a permit): else the newest first.
    const [page, ranked] = await api(path + '&sort=relevance', { 'Max-Cost': '1200' }).then(p => [p, true],
      e => e.title === 'Request too costly' ? api(path).then(p => [p, false]) : Promise.reject(e));
    status.textContent = page.meta.total === 0 ? t.none : t.found(fmt(page.meta.total)) + (ranked ? t.shown : t.newest)(page.data.length);
    for (const question of page.data) {
      const item = el('li');
      item.append(el('p', { class: 'title' }, question.title ?? question.id));
      item.append(el('p', { class: 'meta' }, `${question.id} · ${question.publishedAt} · ${question.author.name}${question.ministry ? ' → ' + question.ministry.name : ''}`));
      const links = el('p', { class: 'links' });
      links.append(el('a', { href: question.links.self, 'data-kind': 'json' }, t.json));
      if (question.url) links.append(el('a', { href: question.url, 'data-kind': 'senat' }, t.senat)); // none in generated data
      item.append(links);
      results.append(item);
    }
  } catch (e) {
    status.textContent = t.failed + e.message;
  }
}

async function createKey(event) {
  event.preventDefault();
  const status = $('key-status'), value = $('key-value');
  status.textContent = t.keyCreating;
  value.hidden = true;
  try {
    const response = await fetch('/v1/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: $('key-name').value.trim(), email: $('key-email').value.trim() }),
    });
    const body = await response.json();
    if (!response.ok) {
      const errors = body.errors ? ' ' + Object.values(body.errors).flat().join(' ') : '';
      status.textContent = t.keyFailed + (body.detail ?? body.title ?? response.status) + errors;
      return;
    }
    status.textContent = t.keyCreated(body.tier, fmt(body.permitLimit));
    value.textContent = body.key;
    value.hidden = false;
  } catch (e) {
    status.textContent = t.keyFailed + e.message;
  }
}

function width(container) { return Math.max(300, Math.floor(container.clientWidth || 600)); }

// The delays counting the questions still waiting (timeToAnswer: Kaplan-Meier), n beside each ministry.
const median = r => r.timeToAnswer.median, p90 = r => r.timeToAnswer.p90;

function drawDelays(rows) {
  const container = $('delays-chart');
  if (rows.length === 0) { container.textContent = t.empty; return; }
  const w = width(container), rowHeight = 40, top = 46, right = 170;
  const max = Math.max(70, ...rows.map(r => p90(r) ?? median(r) ?? 0));
  const x = days => (w - right) * days / max;
  const svg = el('svg:svg', { viewBox: `0 0 ${w} ${top + rows.length * rowHeight + 10}`, role: 'img', 'aria-labelledby': 'delays-title delays-summary', 'data-rows': rows.length });
  const legend = el('svg:g', { 'aria-hidden': 'true' });
  legend.append(el('svg:rect', { x: 0, y: 6, width: 12, height: 12, class: 'median', fill: '#1d3f72' }), el('svg:text', { x: 18, y: 16 }, t.legendMedian),
    el('svg:rect', { x: 150, y: 6, width: 12, height: 12, fill: '#9db4d6' }), el('svg:text', { x: 168, y: 16 }, t.legendP90));
  svg.append(legend);
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const g = el('svg:g', { class: 'bar', 'data-ministry': r.ministry.id, 'data-n': r.timeToAnswer.n });
    g.append(el('svg:text', { x: 0, y: y + 12 }, r.ministry.name ?? String(r.ministry.id)));
    if (p90(r) != null) g.append(el('svg:rect', { x: 0, y: y + 17, width: Math.max(1, x(p90(r))), height: 14, fill: '#9db4d6' }));
    if (median(r) != null) g.append(el('svg:rect', { x: 0, y: y + 17, width: Math.max(1, x(median(r))), height: 14, fill: '#1d3f72' }));
    const n = `n = ${fmt(r.timeToAnswer.n)}`;
    const label = r.timeToAnswer.answered === 0 ? `${t.noAnswer} · ${n}`
      : median(r) == null ? `${t.neverHalf} · ${n}`
      : `${fmt(median(r))} / ${p90(r) == null ? '–' : fmt(p90(r))} ${t.days} · ${n}`;
    g.append(el('svg:text', { x: x(p90(r) ?? median(r) ?? 0) + 6, y: y + 29 }, label));
    svg.append(g);
  });
  const limit = x(61);
  svg.append(el('svg:line', { x1: limit, x2: limit, y1: top - 4, y2: top + rows.length * rowHeight, stroke: '#8a6500', 'stroke-width': 2, 'stroke-dasharray': '4 3' }),
    el('svg:text', { x: limit + 4, y: top - 6 }, t.twoMonths));
  container.replaceChildren(svg);
}

/** Slowest first: a ministry that never answers half its questions, then by median, waiting included. */
function bySlowest(a, b) {
  const never = r => (median(r) == null ? 1 : 0);
  return never(b) - never(a) || (median(b) ?? 0) - (median(a) ?? 0) || a.ministry.id - b.ministry.id;
}

async function showDelays() {
  try {
    const { data } = await api('/v1/stats/ministries?current=true');
    const rows = [...data].sort(bySlowest);
    const dash = v => v == null ? '–' : fmt(v);
    const body = document.querySelector('#delays-table tbody');
    body.replaceChildren(...rows.map(r => {
      const tr = el('tr');
      tr.append(el('th', { scope: 'row' }, r.ministry.name ?? String(r.ministry.id)),
        el('td', {}, dash(median(r))), el('td', {}, dash(p90(r))), el('td', {}, fmt(r.timeToAnswer.n)), el('td', {}, dash(r.medianDelayDays)),
        el('td', {}, r.questions ? percent.format(r.answeredWithinDeadline / r.questions) : '–'), el('td', {}, fmt(r.overdue)));
      return tr;
    }));
    const halfAnswered = rows.filter(r => median(r) != null);
    if (halfAnswered.length > 0) {
      const describe = r => `${r.ministry.name} (${fmt(median(r))} ${t.days}, n = ${fmt(r.timeToAnswer.n)})`;
      $('delays-summary').textContent = t.delaysSummary(rows.length, describe(halfAnswered[0]), describe(halfAnswered[halfAnswered.length - 1]));
    }
    drawDelays(rows);
    addEventListener('resize', debounce(() => drawDelays(rows)));
  } catch (e) {
    $('delays-chart').textContent = e.message;
  }
}

function drawTimeline(rows) {
  const container = $('timeline-chart');
  if (rows.length === 0) { container.textContent = t.empty; return; }
  const w = width(container), h = 260, left = 50, bottom = 30, top = 30;
  const max = Math.max(1, ...rows.map(r => Math.max(r.questions, r.answers)));
  const step = (w - left - 10) / Math.max(1, rows.length - 1);
  const x = i => left + i * step, y = v => h - bottom - (h - bottom - top) * v / max;
  const svg = el('svg:svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-labelledby': 'timeline-title timeline-summary' });
  for (const tick of [0, 0.5, 1]) {
    const v = Math.round(max * tick);
    svg.append(el('svg:line', { x1: left, x2: w - 10, y1: y(v), y2: y(v), stroke: '#c9d0db' }), el('svg:text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  rows.forEach((r, i) => {
    if (r.period.endsWith('-01') || i === 0) svg.append(el('svg:text', { x: x(i), y: h - 10, 'text-anchor': 'middle' }, r.period.slice(0, 4)));
  });
  const series = [['questions', '#1d3f72', t.questionsPublished], ['answers', '#8a6500', t.answersPublished]];
  series.forEach(([key, colour, name], s) => {
    svg.append(el('svg:polyline', { class: 'series', 'data-series': key, fill: 'none', stroke: colour, 'stroke-width': 2.5,
      points: rows.map((r, i) => `${x(i).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ') }));
    svg.append(el('svg:rect', { x: left + s * 190, y: 6, width: 12, height: 12, fill: colour }), el('svg:text', { x: left + 18 + s * 190, y: 16 }, name));
  });
  container.replaceChildren(svg);
}

async function showTimeline() {
  try {
    const { data } = await api('/v1/stats/timeline?interval=month');
    const body = document.querySelector('#timeline-table tbody');
    body.replaceChildren(...data.map(r => {
      const tr = el('tr');
      tr.append(el('th', { scope: 'row' }, r.period), el('td', {}, fmt(r.questions)), el('td', {}, fmt(r.answers)));
      return tr;
    }));
    if (data.length > 0) {
      const peak = data.reduce((a, b) => (b.questions > a.questions ? b : a));
      const sum = key => fmt(data.reduce((total, r) => total + r[key], 0));
      $('timeline-summary').textContent = t.timelineSummary(data[0].period, data[data.length - 1].period, sum('questions'), sum('answers'), `${peak.period} (${fmt(peak.questions)})`);
    }
    drawTimeline(data);
    addEventListener('resize', debounce(() => drawTimeline(data)));
  } catch (e) {
    $('timeline-chart').textContent = e.message;
  }
}

function debounce(action) {
  let timer;
  return () => { clearTimeout(timer); timer = setTimeout(action, 150); };
}

translate();
showExamples();
$('search').addEventListener('submit', search);
$('key-form').addEventListener('submit', createKey);
Promise.all([showDataset(), showDelays(), showTimeline()]).then(() => { document.body.dataset.ready = 'true'; });
