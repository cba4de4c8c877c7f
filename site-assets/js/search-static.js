// Vitrine's static search: answers a search request in the browser from the chunked index the
// build writes into search-index/ (core's StaticIndexWriter), exactly as /api/search answers it:
// the same hits in the same order with the same scores, facet counts and snippets.
//
// The build analysed every text with the server's Lucene analyzers. Here a query is only
// segmented into words (Intl.Segmenter), each word is looked up (the index maps a word as the
// collection writes it to its indexed term) and documents are scored with Lucene's BM25 from the
// stored statistics. Only the files a query needs are fetched: the term ranges of its words, the
// facet table, and the records of the hits shown.

import { parseQuery, QueryError, withQuotedDois } from './search-query.js';

const f32 = Math.fround;

/* ---------- words ---------- */

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'word' });
// The build's tokenizer (Lucene's StandardTokenizer) makes each Han or Hiragana character a word,
// and keeps a run of Katakana or of a South-East Asian script whole, where Intl.Segmenter splits
// these scripts by dictionary.
const ONE_BY_ONE = /[\p{Script=Han}\p{Script=Hiragana}]/u;
const WHOLE_RUN = /[\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** The words of a piece of query text, as the build's tokenizer cuts text. */
export function words(text) {
  const pieces = [];
  for (const s of SEGMENTER.segment(text)) {
    if (!s.isWordLike) continue;
    let run = '';
    let at = s.index;
    for (const ch of s.segment) {
      if (ONE_BY_ONE.test(ch)) {
        if (run) pieces.push({ text: run, start: at - run.length });
        pieces.push({ text: ch, start: at });
        run = '';
      } else {
        run += ch;
      }
      at += ch.length;
    }
    if (run) pieces.push({ text: run, start: at - run.length });
  }
  const out = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    const lastChar = last && [...last.text].pop();
    if (last && last.start + last.text.length === p.start && WHOLE_RUN.test(lastChar) && WHOLE_RUN.test([...p.text][0])) {
      last.text += p.text;
    } else {
      out.push({ ...p });
    }
  }
  return out.map((p) => p.text);
}

/** Code point order, Lucene's order of terms (JavaScript's own differs above U+FFFF). */
function byCodePoint(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

/** The last index of a sorted array whose value is at most `key`, or -1. */
function floorIndex(sorted, key, less = (a, b) => a < b) {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (less(key, sorted[mid])) hi = mid - 1;
    else { found = mid; lo = mid + 1; }
  }
  return found;
}

/* ---------- parameter ranges ---------- */

/** A decimal as an integer and a power of ten. */
function decimal(text) {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  const fraction = m[3] ?? '';
  return { m: BigInt(m[1] + ((m[2] + fraction) || '0')), e: Number(m[4] ?? 0) - fraction.length };
}

/** value × factor + offset, computed exactly and rounded once, as the server's UnitTable does. */
function toSi(value, unit) {
  const v = decimal(String(Number(value)));
  const f = decimal(unit[0]);
  const o = decimal(unit[1]);
  let m = v.m * f.m;
  let e = v.e + f.e;
  if (o.m !== 0n) {
    const common = Math.min(e, o.e);
    m = m * 10n ** BigInt(e - common) + o.m * 10n ** BigInt(o.e - common);
    e = common;
  }
  return Number(`${m}e${e}`);
}

/** photon_energy:1..2keV → {name, min, max} in SI, as the server's ParameterRange. */
export function parseParameter(text, schema) {
  const form = `Parameter filter '${text}' is not of the form name:min..maxUNIT (for example photon_energy:1..2keV)`;
  const colon = text.indexOf(':');
  if (colon < 0 || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(text.slice(0, colon).trim())) throw new QueryError(form);
  const name = text.slice(0, colon).trim().toLowerCase();
  const rest = text.slice(colon + 1);
  const dots = rest.indexOf('..');
  const bound = /^\s*([-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*?)?\s*$/;
  const low = dots < 0 ? rest : rest.slice(0, dots);
  let high = dots < 0 ? null : rest.slice(dots + 2);
  const unitOnly = high === null ? null : /^\s*([^-+.\d\s]\S*)\s*$/.exec(high);
  if (unitOnly) high = null;
  const lm = low.trim() ? bound.exec(low) : null;
  const hm = high && high.trim() ? bound.exec(high) : null;
  if ((!lm && !hm) || (low.trim() && !lm) || (high && high.trim() && !hm)) throw new QueryError(form);
  const upper = hm ? hm[2] : unitOnly?.[1];
  const shared = upper ?? lm?.[2];
  const measured = schema.parameters.find((p) => p.name === name);
  const si = (value, symbol) => {
    const s = (symbol ?? '').trim();
    const unit = schema.units[s] ?? schema.units[s.toLowerCase()];
    if (!unit) throw new QueryError(`Parameter filter '${text}': unknown unit '${symbol}'`);
    if (measured && unit[2] !== measured.si) {
      throw new QueryError(`Parameter filter '${text}': ${name} measures ${measured.measures}, so its bounds need one of ${measured.units.join(', ')}`);
    }
    return toSi(value, unit);
  };
  const min = lm ? si(lm[1], lm[2] ?? shared) : -Infinity;
  let max = hm ? si(hm[1], shared) : Infinity;
  if (dots < 0) max = min;
  if (min > max) throw new QueryError(`Parameter filter '${text}' has its lower bound above its upper bound`);
  return { name, min, max };
}

/* ---------- the index ---------- */

/** Edit distance with transpositions (optimal string alignment) of two code point arrays, capped at max + 1. */
function editDistance(a, b, max) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return Math.min(d[a.length][b.length], max + 1);
}

/** The static index of a site, fetched a file at a time. */
export class StaticIndex {
  /** Opens the index in the folder at `base` (a URL ending in '/'). */
  static async open(base) {
    const get = async (file) => {
      const r = await fetch(new URL(file, base));
      if (!r.ok) throw new Error(`Search index ${new URL(file, base)} could not be loaded: HTTP ${r.status}`);
      return r.json();
    };
    const [schema, index] = await Promise.all([get('schema.json'), get('index.json')]);
    return new StaticIndex(base, schema, index);
  }

  constructor(base, schema, index) {
    this.base = base;
    this.schema = schema;
    this.index = index;
    this.files = new Map();
    this.known = new Set([...schema.fields, schema.all]);
    this.exact = new Set(schema.exact);
    this.k1 = f32(index.bm25.k1);
    this.b = f32(index.bm25.b);
    this.norms = {};
  }

  /** A file of the index, fetched once. */
  file(path) {
    let f = this.files.get(path);
    if (!f) {
      f = fetch(new URL(path, this.base)).then((r) => {
        if (!r.ok) throw new Error(`Search index file ${path} could not be loaded: HTTP ${r.status}`);
        return r.json();
      });
      f.catch(() => this.files.delete(path));
      this.files.set(path, f);
    }
    return f;
  }

  /** The dictionary holding a field's terms: the catch-all and boosted fields share 'any'. */
  dictionaryOf(field) {
    return field === this.schema.all || field in this.schema.boosts ? 'any' : field;
  }

  /** A term file as a Map from key to entry, built once. */
  async termFile(dictionary, n) {
    const path = `t/${dictionary}/${n}.json`;
    const entries = await this.file(path);
    if (!entries.byKey) entries.byKey = new Map(entries);
    return entries.byKey;
  }

  /** The entry of `key` in a dictionary, or undefined. */
  async entry(dictionary, key) {
    const n = floorIndex(this.index.dictionaries[dictionary] ?? [], key);
    return n < 0 ? undefined : (await this.termFile(dictionary, n)).get(key);
  }

  /** Entries of a dictionary from `from` on, in order, file by file, while `more(key)` holds. */
  async* entriesFrom(dictionary, from, more) {
    const firsts = this.index.dictionaries[dictionary] ?? [];
    for (let n = Math.max(0, floorIndex(firsts, from)); n < firsts.length; n++) {
      if (!more(firsts[n]) && firsts[n] > from) return;
      for (const [key, entry] of await this.termFile(dictionary, n)) {
        if (key < from) continue;
        if (!more(key)) return;
        yield [key, entry];
      }
    }
  }

  /** The indexed term of a word as typed: the index says where it is not the word in lower case. */
  async termOf(word) {
    const key = word.toLowerCase();
    const e = await this.entry('any', key);
    return e?.s ?? key;
  }

  /** The terms of a piece of query text in a field, as the server's analyzer makes them. */
  async analyse(field, text) {
    if (this.exact.has(field)) return text ? [text.toLowerCase()] : [];
    return Promise.all(words(text).map((w) => this.termOf(w)));
  }

  /** Postings [doc gap, freq, norm, …] of a term in a field, or undefined. */
  async postings(field, term) {
    return (await this.entry(this.dictionaryOf(field), term))?.[field];
  }

  /** Positions of a term in a field, in the order of its postings. */
  async positions(field, term) {
    const dictionary = this.dictionaryOf(field);
    const n = floorIndex(this.index.dictionaries[dictionary] ?? [], term);
    const path = `p/${dictionary}/${n}.json`;
    const entries = await this.file(path);
    if (!entries.byKey) entries.byKey = new Map(entries);
    return entries.byKey.get(term)?.[field] ?? [];
  }

  /** BM25's 1 / (k1 (1 - b + b·dl/avgdl)) for each norm byte of a field, in Lucene's float arithmetic. */
  normInverse(field) {
    if (!this.norms[field]) {
      const [docCount, sum] = this.index.fields[field];
      const avgdl = f32(sum / docCount);
      this.norms[field] = this.index.lengths.map((len) =>
        f32(1 / f32(this.k1 * f32(f32(1 - this.b) + f32(f32(this.b * len) / avgdl)))));
    }
    return this.norms[field];
  }

  idf(field, docFreq) {
    const n = this.index.fields[field][0];
    return f32(Math.log(1 + (n - docFreq + 0.5) / (docFreq + 0.5)));
  }

  /* ---------- a parsed query, resolved against the index ---------- */

  /**
   * Fetches what a query tree needs, leaf by leaf, in parallel: each leaf gets, per field it is
   * searched in, its terms (or expansions) with their postings.
   */
  async resolve(node) {
    if (node.type === 'bool') {
      await Promise.all(node.clauses.map((c) => this.resolve(c.query)));
      return;
    }
    if (node.type === 'all') return;
    const fields = node.field ? [node.field] : [this.schema.all, ...Object.keys(this.schema.boosts)];
    node.in = {};
    await Promise.all(fields.map(async (field) => {
      node.in[field] = await this.resolveLeaf(node, field);
    }));
  }

  async resolveLeaf(node, field) {
    if (node.type === 'term' || node.type === 'phrase') {
      const terms = await this.analyse(field, node.text);
      const postings = await Promise.all(terms.map((t) => this.postings(field, t)));
      const phrase = node.type === 'phrase' && terms.length > 1;
      const positions = phrase && postings.every((p) => p) ? await Promise.all(terms.map((t) => this.positions(field, t))) : null;
      return { terms, postings, positions };
    }
    // Multi-term queries match index terms: the text is compared in lower case, as the server normalises it.
    const text = node.text === undefined ? undefined : node.text.toLowerCase();
    let matches;
    let from;
    let within;
    if (node.type === 'prefix') {
      from = text;
      within = (k) => k.startsWith(text);
      matches = within;
    } else if (node.type === 'wildcard') {
      const head = text.split(/[*?]/)[0];
      const re = new RegExp('^' + [...text].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$', 'u');
      from = head;
      within = (k) => k.startsWith(head);
      matches = (k) => re.test(k);
    } else if (node.type === 'fuzzy') {
      const chars = [...text];
      const edits = node.edits >= 1 ? Math.min(Math.floor(node.edits), 2)
        : node.edits === 0 ? 0 : Math.min(Math.floor((1 - node.edits) * chars.length), 2);
      from = chars[0] ?? '';
      within = (k) => k.startsWith(from);
      const rest = chars.slice(1);
      matches = (k) => {
        const t = [...k];
        return Math.abs(t.length - chars.length) <= edits && editDistance(rest, t.slice(1), edits) <= edits;
      };
    } else if (node.type === 'range') {
      const lo = node.from === '*' ? null : node.from.toLowerCase();
      const hi = node.to === '*' ? null : node.to.toLowerCase();
      from = lo ?? '';
      within = (k) => hi === null || byCodePoint(k, hi) < 0 || (node.toInclusive && k === hi);
      matches = (k) => lo === null || byCodePoint(k, lo) > 0 || (node.fromInclusive && k === lo);
    }
    // The first terms in the index's order, as many as the server expands to.
    const found = [];
    for await (const [key, entry] of this.entriesFrom(this.dictionaryOf(field), from, within)) {
      if (entry[field] && matches(key)) {
        found.push([key, entry[field]]);
        if (found.length >= this.schema.maxExpansions) break;
      }
    }
    found.sort((a, b) => byCodePoint(a[0], b[0]));
    return { expanded: found, matches };
  }

  /* ---------- scoring ---------- */

  /** Map(doc → score) of a term's postings with a weight. */
  termScores(field, postings, weight) {
    const out = new Map();
    if (!postings) return out;
    const inverse = this.normInverse(field);
    for (let i = 0, doc = 0; i < postings.length; i += 3) {
      doc += postings[i];
      out.set(doc, f32(weight - f32(weight / f32(1 + f32(postings[i + 1] * inverse[postings[i + 2]])))));
    }
    return out;
  }

  /** Map(doc → score) of documents holding the terms at consecutive positions. */
  phraseScores(field, terms, postings, positions, boost) {
    if (!positions) return new Map();
    const docs = postings.map((p, t) => {
      const m = new Map();
      let at = 0;
      for (let i = 0, doc = 0; i < p.length; i += 3) {
        doc += p[i];
        const list = [];
        for (let k = 0, pos = 0; k < p[i + 1]; k++) list.push(pos += positions[t][at++]);
        m.set(doc, { norm: p[i + 2], positions: list });
      }
      return m;
    });
    // PhraseQuery's idf is the sum of its terms' idfs, summed in double.
    let idf = 0;
    for (const p of postings) idf += this.idf(field, p.length / 3);
    const weight = f32(boost * f32(idf));
    const inverse = this.normInverse(field);
    const out = new Map();
    for (const [doc, first] of docs[0]) {
      let freq = 0;
      for (const p of first.positions) {
        if (docs.every((m, i) => m.get(doc)?.positions.includes(p + i))) freq++;
      }
      if (freq > 0) out.set(doc, f32(weight - f32(weight / f32(1 + f32(freq * inverse[first.norm])))));
    }
    return out;
  }

  /** Map(doc → score) of a parsed query. */
  evaluate(node) {
    switch (node.type) {
      case 'all': {
        const out = new Map();
        for (let d = 0; d < this.index.docs; d++) out.set(d, 1);
        return out;
      }
      case 'bool':
        return this.combine(node.clauses.map((c) => ({ occur: c.occur, scores: this.evaluate(c.query) })));
      default:
        return this.evaluateLeaf(node);
    }
  }

  /**
   * Lucene's boolean scoring: documents matching every MUST and no MUST_NOT clause (or, without
   * MUST, any SHOULD), scored as the sum of the required clauses' scores plus that of the optional
   * ones (each summed in double, then added as floats).
   */
  combine(clauses) {
    const must = clauses.filter((c) => c.occur === 'MUST').map((c) => c.scores);
    const should = clauses.filter((c) => c.occur === 'SHOULD').map((c) => c.scores);
    const not = clauses.filter((c) => c.occur === 'MUST_NOT').map((c) => c.scores);
    const candidates = must.length ? [...must[0].keys()].filter((d) => must.every((m) => m.has(d)))
      : [...new Set(should.flatMap((s) => [...s.keys()]))];
    const out = new Map();
    for (const d of candidates) {
      if (not.some((n) => n.has(d))) continue;
      let required = 0;
      for (const m of must) required += m.get(d);
      let optional = 0;
      for (const s of should) if (s.has(d)) optional += s.get(d);
      out.set(d, f32(f32(required) + f32(optional)));
    }
    return out;
  }

  /**
   * A leaf in its field; without a field, it must match the catch-all field, and its matches in
   * the boosted fields add to the score.
   */
  evaluateLeaf(node) {
    const boost = f32(node.boost ?? 1);
    if (node.field) return this.leafInField(node, node.field, boost) ?? new Map();
    const all = this.leafInField(node, this.schema.all, boost);
    if (!all) return new Map();
    const clauses = [{ occur: 'MUST', scores: all }];
    for (const [field, weight] of Object.entries(this.schema.boosts)) {
      const scores = this.leafInField(node, field, f32(weight * boost));
      if (scores) clauses.push({ occur: 'SHOULD', scores });
    }
    return clauses.length === 1 ? all : this.combine(clauses);
  }

  /** Scores of a leaf in one field, or null when its text has no word there. */
  leafInField(node, field, boost) {
    const r = node.in[field];
    if (r.terms) {
      if (r.terms.length === 0) return null;
      if (node.type === 'phrase' && r.terms.length > 1) return this.phraseScores(field, r.terms, r.postings, r.positions, boost);
      const scores = r.postings.map((p) => this.termScores(field, p, f32(boost * (p ? this.idf(field, p.length / 3) : 0))));
      // One piece of text analysed into several words: all of them, in this field.
      return scores.length === 1 ? scores[0] : this.combine(scores.map((s) => ({ occur: 'MUST', scores: s })));
    }
    // Expansions score as a disjunction of their terms.
    return this.combine(r.expanded.map(([, p]) => ({ occur: 'SHOULD', scores: this.termScores(field, p, f32(boost * this.idf(field, p.length / 3))) })));
  }

  /** What a snippet marks: the query's terms and patterns on descriptions (or on all text), not under MUST_NOT. */
  highlights(node, out = { terms: new Set(), patterns: [] }) {
    if (node.type === 'bool') {
      for (const c of node.clauses) if (c.occur !== 'MUST_NOT') this.highlights(c.query, out);
    } else if (node.type !== 'all') {
      for (const field of [this.schema.all, 'description']) {
        const r = node.in[field];
        if (!r) continue;
        if (r.terms) r.terms.forEach((t) => out.terms.add(t));
        else out.patterns.push(r.matches);
      }
    }
    return out;
  }

  /* ---------- facets and filters ---------- */

  async facetTables() {
    if (!this.facets) {
      this.facets = this.file('facets.json').then((tables) => {
        for (const t of Object.values(tables)) {
          t.values = t.values.map(([key, label, broader, aliases]) => ({ key: key === 0 ? label.toLowerCase() : key, label, broader, aliases }));
          t.byKey = new Map(t.values.map((v, i) => [v.key, i]));
          t.byAlias = new Map();
          t.values.forEach((v, i) => v.aliases.forEach((a) => t.byAlias.set(a, [...(t.byAlias.get(a) ?? []), i])));
          // What a dataset with one value counts under: the value and the broader ones.
          t.up = t.values.map((v, i) => [i, ...v.broader]);
        }
        return tables;
      });
    }
    return this.facets;
  }

  /** The values dataset `d` has itself in a facet table. */
  static own(table, d) {
    const o = table.docs[d];
    return o === -1 ? [] : typeof o === 'number' ? [o] : o;
  }

  /** The values dataset `d` counts under in a facet table, each once. */
  static counted(table, d) {
    const o = table.docs[d];
    if (o === -1) return [];
    if (typeof o === 'number') return table.up[o];
    return [...new Set(o.flatMap((v) => table.up[v]))];
  }

  /** A test of whether a dataset passes a facet's filter: any of the values, by key, alias or as broader. */
  static facetFilter(table, values) {
    const keys = values.map((v) => v.trim().toLowerCase());
    const wanted = new Set(keys.map((k) => table.byKey.get(k)).filter((i) => i !== undefined));
    const byAlias = new Set(keys.flatMap((k) => table.byAlias.get(k) ?? []));
    return (d) => StaticIndex.counted(table, d).some((v) => wanted.has(v)) || StaticIndex.own(table, d).some((v) => byAlias.has(v));
  }

  /** Values of a parameter: Map(doc → [SI values]). */
  async parameterValues(name) {
    const n = this.index.parameters.indexOf(name);
    const out = new Map();
    if (n < 0) return out;
    const flat = await this.file(`v/${n}.json`);
    for (let i = 0, doc = 0; i < flat.length; i += 2) {
      doc += flat[i];
      out.set(doc, [...(out.get(doc) ?? []), flat[i + 1]]);
    }
    return out;
  }

  /** Facet values by count then spelling: the first `facetValues`, or all for a facet in `all`. */
  listFacets(tables, counts, all) {
    const facets = {};
    const more = {};
    for (const { name } of this.schema.facets) {
      const t = tables[name];
      const listed = [];
      counts[name].forEach((c, v) => { if (c > 0 && t.values[v].label !== null) listed.push(v); });
      listed.sort((a, b) => counts[name][b] - counts[name][a] || (t.values[a].label < t.values[b].label ? -1 : 1));
      const shown = all.includes(name) ? listed.length : Math.min(listed.length, this.schema.facetValues);
      facets[name] = listed.slice(0, shown).map((v) => ({ value: t.values[v].label, count: counts[name][v] }));
      if (listed.length > shown) more[name] = listed.length - shown;
    }
    return { facets, more };
  }

  /* ---------- search ---------- */

  /** Answers a request as /api/search does: {total, page, size, hits, facets, more}. */
  async search(request) {
    const req = normalize(request, this.schema);
    const query = parseQuery(withQuotedDois(req.q), this.known);
    const ranges = req.params.map((p) => parseParameter(p, this.schema));
    const filtered = Object.keys(req.filters).length > 0;
    const relevance = req.sort === 'relevance' && req.q !== '';
    if (query.type === 'all' && !filtered && ranges.length === 0 && req.all.length === 0) {
      // Nothing to narrow: the counts of everything were made by the build. Matching everything
      // scores 1 each ("*"), so relevance is index order.
      const docs = await this.page(relevance ? 'id' : req.sort, () => true, req, this.index.docs);
      return this.answer(req, this.index.docs, docs, relevance ? () => 1 : null, this.index.everything, null);
    }
    await this.resolve(query);
    const [tables, values] = await Promise.all([this.facetTables(), Promise.all(ranges.map((r) => this.parameterValues(r.name)))]);
    const scores = this.evaluate(query);
    const tests = Object.entries(req.filters).map(([dim, v]) => [dim, StaticIndex.facetFilter(tables[dim], v)]);
    const inRanges = (d) => ranges.every((r, i) => (values[i].get(d) ?? []).some((v) => v >= r.min && v <= r.max));
    const counts = {};
    for (const { name } of this.schema.facets) counts[name] = new Array(tables[name].values.length).fill(0);
    const passing = new Set();
    for (const d of scores.keys()) {
      if (!inRanges(d)) continue;
      // Drill sideways: a dataset failing one filter still counts towards that facet's values.
      let failed = null;
      let failures = 0;
      for (const [dim, test] of tests) {
        if (!test(d) && ++failures === 1) failed = dim;
      }
      if (failures > 1) continue;
      for (const { name } of this.schema.facets) {
        if (failures === 0 || name === failed) for (const v of StaticIndex.counted(tables[name], d)) counts[name][v]++;
      }
      if (failures === 0) passing.add(d);
    }
    let docs;
    if (relevance) {
      const sorted = [...passing].sort((a, b) => scores.get(b) - scores.get(a) || a - b);
      docs = sorted.slice((req.page - 1) * req.size, req.page * req.size);
    } else {
      docs = await this.page(req.sort, (d) => passing.has(d), req, passing.size);
    }
    return this.answer(req, passing.size, docs, relevance ? (d) => scores.get(d) : null, this.listFacets(tables, counts, req.all), query);
  }

  /** The datasets of a page in field order (newest first, or by id) among those that pass. */
  async page(sort, passes, req, total) {
    const from = (req.page - 1) * req.size;
    const to = Math.min(total, req.page * req.size);
    const out = [];
    let seen = 0;
    if (sort === 'id') {
      for (let d = 0; d < this.index.docs && seen < to; d++) {
        if (passes(d) && seen++ >= from) out.push(d);
      }
      return out;
    }
    for (let n = 0; n < this.index.orderFiles && seen < to; n++) {
      for (const d of await this.file(`o/${n}.json`)) {
        if (passes(d) && seen++ >= from) out.push(d);
        if (seen >= to) break;
      }
    }
    return out;
  }

  /** The answer with each hit's record and snippet; `score` of a dataset, or null when not ranked by score. */
  async answer(req, total, docs, score, listing, query) {
    const marks = query ? this.highlights(query) : { terms: new Set(), patterns: [] };
    const records = await Promise.all(docs.map((d) => this.record(d)));
    return {
      total,
      page: req.page,
      size: req.size,
      hits: records.map((r, i) => ({
        id: r[0], title: r[1], url: r[2], thumbnail: r[3], snippet: snippet(r[7], r[8], r[9], marks),
        technique: r[4], facility: r[5], released: r[6], score: score ? score(docs[i]) : 0,
      })),
      facets: listing.facets,
      more: listing.more,
    };
  }

  async record(doc) {
    const n = floorIndex(this.index.records, doc, (a, b) => a < b);
    return (await this.file(`r/${n}.json`))[doc - this.index.records[n]];
  }

  /* ---------- completions ---------- */

  /** Completions from titles, samples and techniques, as /api/suggest answers them. */
  async suggest(prefix, limit = 10) {
    const p = prefix.trim().normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (!p) return [];
    // Texts are found by their words (split at spaces and hyphens): by a word that starts with
    // the prefix, or, for a prefix of several words, that is its first word.
    const cut = p.search(/[ -]/);
    const word = cut < 0 ? p : p.slice(0, cut);
    const starts = new Set();
    const inner = new Set();
    const firsts = this.index.words;
    for (let n = Math.max(0, floorIndex(firsts, word)); n < firsts.length; n++) {
      if (firsts[n] > word && !firsts[n].startsWith(word)) break;
      for (const [w, s, i] of await this.file(`w/${n}.json`)) {
        if (cut < 0 ? !w.startsWith(word) : w !== word) continue;
        s.forEach((r) => starts.add(r));
        i.forEach((r) => inner.add(r));
      }
    }
    const byRank = (ranks) => [...ranks].sort((a, b) => a - b);
    const texts = (ranks) => Promise.all(ranks.map(async (r) => {
      const c = await this.file(`c/${Math.floor(r / this.index.candidateChunk)}.json`);
      return [r, ...c[r % this.index.candidateChunk]];
    }));
    // Texts that start with the prefix first, then those with a word that does, each by rank. A
    // prefix of one word is what the words say; one of several is checked against the texts.
    const first = cut < 0 ? await texts(byRank(starts).slice(0, limit))
      : (await texts(byRank(starts))).filter(([, , , folded]) => folded.startsWith(p)).slice(0, limit);
    const taken = new Set(first.map(([r]) => r));
    const others = byRank(inner).filter((r) => !taken.has(r));
    const rest = first.length >= limit ? []
      : cut < 0 ? await texts(others.filter((r) => !starts.has(r)).slice(0, limit - first.length))
        : (await texts(others)).filter(([, , , folded]) => folded.includes(' ' + p) || folded.includes('-' + p));
    return [...first, ...rest].slice(0, limit).map(([, text, kind]) => ({ text, kind }));
  }
}

/** The snippet of a description: the sentence around its first match, escaped, matches in <mark> (as the API's Snippets). */
export function snippet(text, gaps, terms, marks, length = 200) {
  if (!text) return '';
  const tokens = [];
  for (let i = 0, end = 0; i < gaps.length; i += 2) {
    const start = end + gaps[i];
    end = start + gaps[i + 1];
    const term = terms[i / 2] ?? text.slice(start, end).toLowerCase();
    if (marks.terms.has(term) || marks.patterns.some((m) => m(term))) tokens.push([start, end]);
  }
  let start = 0;
  if (tokens.length) {
    const first = tokens[0][0];
    const stop = text.lastIndexOf('. ', first);
    const sentence = stop < 0 ? 0 : stop + 2;
    if (first - sentence > length / 2) {
      // Far into a long sentence: start half a snippet before the match, at a word.
      start = first - length / 2;
      const space = text.indexOf(' ', start);
      if (space >= 0 && space < first) start = space + 1;
    } else {
      start = sentence;
    }
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  let html = '';
  let at = start;
  for (const [s, e] of tokens) {
    if (s < start || e > end) continue;
    html += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return html + escapeHtml(text.slice(at, end)) + (end < text.length ? '…' : '');
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2F;' };
function escapeHtml(s) {
  return s.replace(/[&<>"'/]/g, (c) => ESCAPES[c]);
}

/** A request checked as the API checks it. */
export function normalize(r, schema) {
  const page = r.page ?? 1;
  const size = r.size ?? 10;
  const max = schema.maxPageSize;
  const q = (r.q ?? '').trim();
  if (q.length > 1000) throw new QueryError(`Query is ${q.length} characters long; the limit is 1000`);
  if (!Number.isInteger(page) || page < 1) throw new QueryError(`page must be 1 or more, not ${page}`);
  if (!Number.isInteger(size) || size < 1 || size > max) throw new QueryError(`size must be between 1 and ${max}, not ${size}`);
  if (page * size > 10000) throw new QueryError(`page ${page} of size ${size} goes past hit 10000, the deepest a search pages to; narrow the query instead`);
  const sort = r.sort || 'relevance';
  if (!['relevance', 'released', 'id'].includes(sort)) throw new QueryError(`Unknown sort '${sort}'; use relevance, released or id`);
  const names = schema.facets.map((f) => f.name);
  const filters = {};
  for (const [k, v] of Object.entries(r.filters ?? {})) {
    if (!names.includes(k)) throw new QueryError(`Unknown filter '${k}'; filters are ${names.join(', ')}`);
    const values = [...new Set((v ?? []).filter((s) => s && s.trim()).map((s) => s.trim()))];
    if (values.length) filters[k] = values;
  }
  const all = [...new Set(r.all ?? [])];
  for (const f of all) if (!names.includes(f)) throw new QueryError(`Unknown facet '${f}'; facets are ${names.join(', ')}`);
  return { q, filters, params: (r.params ?? []).filter((p) => p.trim()), sort, page, size, all };
}
