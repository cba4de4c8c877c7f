// Vitrine dataset search for the static site.
//
// Searches the static index written by the generator (search-index.json) in the browser, with
// the same analysis, query syntax, BM25 scoring and drill-sideways facets as the Lucene index
// behind /api/search, or asks that API when the page names one. Plain ES module, no build step.
//
// Markup: <div data-vitrine-search data-index="search-index.json" data-api="" data-base="./">
// (data-api: base URL of a Vitrine API, empty for the static index; data-base: site root).

/* ---------- analysis: mirrors org.vitrine.core.search.SearchSchema ---------- */

// Unicode word segmentation as StandardTokenizer does it for alphabetic and numeric text:
// letters join across ' . : ’ and digits across , . ; ' ’; underscore joins anything.
const WORD = /[\p{L}\p{M}\p{N}_]+(?:(?:(?<=\p{L})['.:\u2019\u00B7](?=\p{L})|(?<=\p{N})[,.;'\u2019](?=\p{N}))[\p{L}\p{M}\p{N}_]+)*/gu;
const MARKS = /\p{M}+/gu;
const FOLD_SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'ø': 'o', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };

/** Lower case, accents removed (Lucene's LowerCaseFilter + ASCIIFoldingFilter for Latin text). */
export function fold(text) {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '').replace(/[ßæøœłđðþı]/g, (c) => FOLD_SPECIAL[c]);
}

/** English plural reduction, as Lucene's EnglishMinimalStemmer. */
export function stem(s) {
  const n = s.length;
  if (n < 3 || s[n - 1] !== 's') return s;
  switch (s[n - 2]) {
    case 'u':
    case 's':
      return s;
    case 'e':
      if (n > 3 && s[n - 3] === 'i' && s[n - 4] !== 'a' && s[n - 4] !== 'e') return s.slice(0, n - 3) + 'y';
      if (s[n - 3] === 'i' || s[n - 3] === 'a' || s[n - 3] === 'o' || s[n - 3] === 'e') return s;
      return s.slice(0, n - 1);
    default:
      return s.slice(0, n - 1);
  }
}

/** Tokens of a text field, with their character offsets. */
export function tokens(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) out.push({ term: stem(fold(m[0])), start: m.index, end: m.index + m[0].length });
  return out;
}

/* ---------- BM25 with Lucene's float arithmetic ---------- */

const f32 = Math.fround;

// SmallFloat.intToByte4 / byte4ToInt: field lengths are stored lossily in one byte.
function longToInt4(i) {
  const numBits = 32 - Math.clz32(i);
  if (numBits < 4) return i;
  const shift = numBits - 4;
  return ((i >>> shift) & 0x07) | ((shift + 1) << 3);
}
function int4ToLong(i) {
  const bits = i & 0x07;
  const shift = (i >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}
const NUM_FREE_VALUES = 255 - longToInt4(0x7fffffff);
function quantizedLength(len) {
  if (len < NUM_FREE_VALUES) return len;
  return NUM_FREE_VALUES + int4ToLong(longToInt4(len - NUM_FREE_VALUES));
}

/* ---------- the in-browser index ---------- */

/** The static index, loaded and inverted in memory. */
export class StaticIndex {
  constructor(data) {
    this.data = data;
    this.docs = data.docs;
    this.boosts = data.boosts;
    this.all = data.all;
    this.known = new Set([...data.fields, data.all]);
    this.exact = new Set(data.exact);
    this.facetDims = data.facets;
    this.k1 = f32(data.bm25.k1);
    this.b = f32(data.bm25.b);
    this.fields = {};
    for (const field of data.fields) this.fields[field] = this.invert(field);
    this.fields[this.all] = this.invert(this.all);
    this.suggestions = this.buildSuggestions();
  }

  static async load(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Search index ${url} could not be loaded: HTTP ${response.status}`);
    return new StaticIndex(await response.json());
  }

  analyze(field, text) {
    if (this.exact.has(field)) return [{ term: text.toLowerCase(), start: 0, end: text.length }];
    return tokens(text);
  }

  invert(field) {
    const postings = new Map(); // term -> Map(doc -> positions[])
    const lengths = new Array(this.docs.length).fill(0);
    let docCount = 0;
    let sumLength = 0;
    this.docs.forEach((doc, d) => {
      // The catch-all field holds every value of every field, in the index's order, as words.
      const values = field === this.all ? Object.values(doc.text).flat() : doc.text[field];
      if (!values) return;
      let position = 0;
      for (const value of values) {
        for (const t of this.analyze(field, value)) {
          let docs = postings.get(t.term);
          if (!docs) postings.set(t.term, (docs = new Map()));
          let positions = docs.get(d);
          if (!positions) docs.set(d, (positions = []));
          positions.push(position++);
        }
      }
      if (position > 0) {
        docCount++;
        sumLength += position;
        lengths[d] = position;
      }
    });
    const avgdl = f32(sumLength / docCount);
    const normInverse = lengths.map((len) =>
      f32(1 / f32(this.k1 * f32(f32(1 - this.b) + f32(f32(this.b * quantizedLength(len)) / avgdl)))));
    return { postings, docCount, normInverse, terms: [...postings.keys()].sort() };
  }

  idf(field, docFreq) {
    const n = this.fields[field].docCount;
    return f32(Math.log(1 + (n - docFreq + 0.5) / (docFreq + 0.5)));
  }

  /** Scores of docs whose {@code field} holds every term at consecutive positions. */
  phraseScores(field, terms, boost) {
    const f = this.fields[field];
    const lists = terms.map((t) => f.postings.get(t));
    if (lists.some((l) => !l)) return new Map();
    const weight = f32(boost * f32(terms.reduce((sum, t) => sum + this.idf(field, f.postings.get(t).size), 0)));
    const out = new Map();
    for (const [d, first] of lists[0]) {
      let freq = 0;
      for (const p of first) {
        if (lists.every((l, i) => l.get(d)?.includes(p + i))) freq++;
      }
      if (freq > 0) out.set(d, f32(weight - f32(weight / f32(1 + f32(freq * f.normInverse[d])))));
    }
    return out;
  }

  termScores(field, term, boost) {
    return this.phraseScores(field, [term], boost);
  }

  /** Index terms of a field matching a predicate, the first maxExpansions in term order. */
  expand(field, matches) {
    const out = [];
    for (const t of this.fields[field].terms) {
      if (matches(t)) {
        out.push(t);
        if (out.length >= this.data.maxExpansions) break;
      }
    }
    return out;
  }

  /* ---------- queries ---------- */

  /** Evaluates a parsed query node: Map(doc -> score). */
  evaluate(node) {
    switch (node.type) {
      case 'all':
        return new Map(this.docs.map((_, d) => [d, 1]));
      case 'bool':
        return this.evaluateBoolean(node.clauses);
      case 'raw':
        return node.scores;
      default:
        return this.evaluateLeaf(node);
    }
  }

  evaluateBoolean(clauses) {
    const must = clauses.filter((c) => c.occur === 'MUST').map((c) => this.evaluate(c.query));
    const should = clauses.filter((c) => c.occur === 'SHOULD').map((c) => this.evaluate(c.query));
    const not = clauses.filter((c) => c.occur === 'MUST_NOT').map((c) => this.evaluate(c.query));
    let candidates;
    if (must.length) {
      candidates = [...must[0].keys()].filter((d) => must.every((m) => m.has(d)));
    } else {
      candidates = [...new Set(should.flatMap((s) => [...s.keys()]))];
    }
    const out = new Map();
    for (const d of candidates) {
      if (not.some((n) => n.has(d))) continue;
      // As Lucene: the required clauses' sum and the optional ones' sum, each a float, added.
      let required = 0;
      for (const m of must) required += m.get(d);
      let optional = 0;
      for (const s of should) if (s.has(d)) optional += s.get(d);
      out.set(d, f32(f32(required) + f32(optional)));
    }
    return out;
  }

  /**
   * A term, phrase, prefix, wildcard or fuzzy term, in its field; without a field, it must match
   * the catch-all field, and its matches in the boosted fields add to the score.
   */
  evaluateLeaf(node) {
    const boost = f32(node.boost ?? 1);
    if (node.field) return this.leafInField(node, node.field, boost) ?? new Map();
    const all = this.leafInField(node, this.all, boost);
    if (!all) return new Map();
    const clauses = [{ occur: 'MUST', query: { type: 'raw', scores: all } }];
    for (const [field, weight] of Object.entries(this.boosts)) {
      const scores = this.leafInField(node, field, f32(weight * boost));
      if (scores) clauses.push({ occur: 'SHOULD', query: { type: 'raw', scores } });
    }
    return clauses.length === 1 ? all : this.evaluateBoolean(clauses);
  }

  leafInField(node, field, boost) {
    const f = this.fields[field];
    if (node.type === 'term' || node.type === 'phrase') {
      const terms = this.analyze(field, node.text).map((t) => t.term);
      if (terms.length === 0) return null;
      if (node.type === 'phrase' && terms.length > 1) return this.phraseScores(field, terms, boost);
      if (terms.length === 1) return this.termScores(field, terms[0], boost);
      // One chunk analysed into several words: all of them, in this field.
      return this.evaluateBoolean(terms.map((t) => ({ occur: 'MUST', query: { type: 'raw', scores: this.termScores(field, t, boost) } })));
    }
    const text = this.exact.has(field) ? node.text.toLowerCase() : fold(node.text);
    let expanded;
    if (node.type === 'prefix') {
      expanded = this.expand(field, (t) => t.startsWith(text));
    } else if (node.type === 'wildcard') {
      const re = new RegExp('^' + text.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$', 'u');
      expanded = this.expand(field, (t) => re.test(t));
    } else if (node.type === 'fuzzy') {
      // As the server's shared fuzzy automaton: same first character, then at most `edits`
      // insertions, deletions, substitutions or transpositions; scored as a plain disjunction.
      const rest = [...text].slice(1).join('');
      const edits = node.edits >= 1 ? Math.min(Math.floor(node.edits), 2) : Math.min(Math.floor((1 - node.edits) * [...text].length), 2);
      expanded = this.expand(field, (t) => t[0] === text[0] && Math.abs(t.length - text.length) <= edits
        && editDistance(rest, t.slice(1), edits) <= edits);
    } else if (node.type === 'range') {
      const lo = node.from === '*' ? null : node.from.toLowerCase();
      const hi = node.to === '*' ? null : node.to.toLowerCase();
      expanded = this.expand(field, (t) => (lo === null || (node.fromInclusive ? t >= lo : t > lo)) && (hi === null || (node.toInclusive ? t <= hi : t < hi)));
      // Term ranges are constant-score, as Lucene scores the rewritten filter.
      const out = new Map();
      for (const t of expanded) for (const d of f.postings.get(t).keys()) out.set(d, boost);
      return out;
    }
    const out = new Map();
    for (const t of expanded) for (const [d, s] of this.termScores(field, t, boost)) out.set(d, (out.get(d) ?? 0) + s);
    for (const [d, s] of out) out.set(d, f32(s));
    return out;
  }

  /* ---------- search ---------- */

  /** Answers a request exactly as /api/search does: {total, page, size, hits, facets}. */
  search(request) {
    const req = normalizeRequest(request, this.data.maxSize);
    const query = parseQuery(req.q, this.known);
    const scores = this.evaluate(query);
    const ranges = req.params.map((p) => parseParameter(p, this.data.units, this.data.measures));
    const matches = (d, skipDim) => {
      const doc = this.docs[d];
      for (const r of ranges) {
        const values = doc.params[r.name] ?? [];
        if (!values.some((v) => v >= r.min - Math.abs(r.min) * 1e-12 && v <= r.max + Math.abs(r.max) * 1e-12)) return false;
      }
      for (const [dim, selected] of Object.entries(req.filters)) {
        if (dim === skipDim) continue;
        const have = dim === 'technique' ? doc.path : (doc.facets[dim] ?? []);
        const wanted = dim === 'technique' ? selected.map((v) => v.toLowerCase()) : selected;
        if (!wanted.some((v) => have.includes(v))) return false;
      }
      return true;
    };
    const base = [...scores.keys()];
    const hits = base.filter((d) => matches(d, null));
    const facets = {};
    for (const dim of this.facetDims) {
      // Drill sideways: a selected dimension counts as if its own filter were not set.
      const counted = req.filters[dim] ? base.filter((d) => matches(d, dim)) : hits;
      const counts = new Map();
      for (const d of counted) for (const v of this.docs[d].facets[dim] ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
      facets[dim] = [...counts].map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, this.data.facetValues);
    }
    const relevance = req.sort === 'relevance' && req.q.trim() !== '';
    const byId = (a, b) => a - b; // docs are in id order
    const released = (d) => this.docs[d].released ?? '';
    hits.sort(relevance ? (a, b) => scores.get(b) - scores.get(a) || byId(a, b)
      : req.sort === 'id' ? byId
        : (a, b) => (released(a) < released(b) ? 1 : released(a) > released(b) ? -1 : byId(a, b)));
    const from = (req.page - 1) * req.size;
    const terms = highlightTerms(query);
    return {
      total: hits.length,
      page: req.page,
      size: req.size,
      hits: hits.slice(from, from + req.size).map((d) => {
        const doc = this.docs[d];
        return {
          id: doc.id, title: doc.title, url: doc.url, thumbnail: doc.thumbnail ?? null,
          snippet: snippet((doc.text.description ?? [''])[0], terms), technique: doc.technique ?? null,
          facility: doc.facility ?? null, released: doc.released ?? null, score: relevance ? scores.get(d) : 0,
        };
      }),
      facets,
    };
  }

  buildSuggestions() {
    const entries = new Set();
    for (const doc of this.docs) {
      entries.add('title\u001F' + doc.title);
      for (const s of doc.facets.sample ?? []) entries.add('sample\u001F' + s);
      for (const t of doc.text.technique ?? []) entries.add('technique\u001F' + t);
    }
    const seen = new Set();
    const out = [];
    for (const e of [...entries].sort()) {
      const [kind, text] = e.split('\u001F');
      const folded = fold(text);
      if (seen.has(folded)) continue;
      seen.add(folded);
      out.push({ text, kind, folded });
    }
    return out.sort((a, b) => a.folded.length - b.folded.length || (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
  }

  /** Completions from titles, samples and techniques, as /api/suggest answers. */
  suggest(prefix, limit = 10) {
    const p = fold(prefix.trim());
    if (!p) return [];
    const starts = [];
    const inner = [];
    for (const s of this.suggestions) {
      if (s.folded.startsWith(p)) starts.push(s);
      else if (s.folded.includes(' ' + p) || s.folded.includes('-' + p)) inner.push(s);
      if (starts.length >= limit) break;
    }
    return [...starts, ...inner].slice(0, limit).map(({ text, kind }) => ({ text, kind }));
  }
}

function editDistance(a, b, max) {
  // Damerau–Levenshtein (optimal string alignment), as Lucene's fuzzy automata count edits.
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length] > max ? max + 1 : d[a.length][b.length];
}

/* ---------- query syntax: mirrors the server's classic Lucene parser ---------- */

/** A query the syntax cannot express; the message says what is wrong, as the API's 400 does. */
export class QueryError extends Error {}

/**
 * Parses words (all must match), "quoted phrases", field:value, prefix*, fuzzy~, +/-/NOT,
 * AND/OR and (groups) into a tree of {type: bool|term|phrase|prefix|wildcard|fuzzy|range|all}.
 */
export function parseQuery(text, knownFields) {
  if (!text || !text.trim()) return { type: 'all' };
  if (text.length > 1000) throw new QueryError(`Query is ${text.length} characters long; the limit is 1000`);
  const lexer = lex(text);
  let pos = 0;
  const peek = () => lexer[pos];
  const next = () => lexer[pos++];

  function clauseList(closing) {
    const clauses = [];
    while (pos < lexer.length && !(closing && peek().kind === ')')) {
      let conj = null;
      if (peek().kind === 'AND' || peek().kind === 'OR') conj = next().kind;
      let mod = null;
      if (pos < lexer.length && (peek().kind === '+' || peek().kind === '-' || peek().kind === 'NOT')) mod = next().kind;
      if (pos >= lexer.length || peek().kind === ')') throw new QueryError('Invalid query: Cannot parse: a clause is missing at the end');
      const query = clause();
      if (clauses.length && conj === 'AND' && clauses[clauses.length - 1].occur !== 'MUST_NOT') clauses[clauses.length - 1].occur = 'MUST';
      if (clauses.length && conj === 'OR' && clauses[clauses.length - 1].occur !== 'MUST_NOT') clauses[clauses.length - 1].occur = 'SHOULD';
      if (!query) continue;
      const prohibited = mod === '-' || mod === 'NOT';
      clauses.push({ occur: prohibited ? 'MUST_NOT' : conj === 'OR' ? 'SHOULD' : 'MUST', query });
    }
    return clauses;
  }

  function clause() {
    let field = null;
    const t = next();
    let token = t;
    if (t.kind === 'word' && pos < lexer.length && peek().kind === ':') {
      next();
      field = t.text;
      if (field !== '*' && !knownFields.has(field)) {
        throw new QueryError(`Invalid query: unknown field '${field}'; searchable fields are ${[...knownFields].join(', ')}`);
      }
      if (pos >= lexer.length) throw new QueryError(`Invalid query: Cannot parse '${text}': nothing after '${field}:'`);
      token = next();
    }
    let node;
    if (token.kind === '(') {
      const inner = clauseList(true);
      if (pos >= lexer.length || next().kind !== ')') throw new QueryError(`Invalid query: Cannot parse '${text}': missing ')'`);
      node = inner.length === 0 ? null : { type: 'bool', clauses: field ? withField(inner, field) : inner };
    } else if (token.kind === 'phrase') {
      node = { type: 'phrase', field, text: token.text };
    } else if (token.kind === 'range') {
      if (!field) throw new QueryError('Invalid query: a range [a TO b] needs a field, such as year:[2020 TO 2024]');
      node = { type: 'range', field, ...token.range };
    } else if (token.kind === 'word') {
      node = termNode(field, token.text);
    } else {
      throw new QueryError(`Invalid query: Cannot parse '${text}': unexpected '${token.text ?? token.kind}'`);
    }
    if (node && pos < lexer.length && peek().kind === '^') {
      next();
      node.boost = token.boost;
    }
    return node;
  }

  function termNode(field, raw) {
    if (raw === '*' && (field === null || field === '*')) return { type: 'all' };
    if (raw.startsWith('/')) throw new QueryError('Invalid query: regular expressions (/…/) are not supported; use prefix* or fuzzy~');
    const fuzzy = raw.match(/^(.*[^\\])~(\d*(?:\.\d+)?)$/);
    if (fuzzy) {
      const edits = fuzzy[2] === '' ? 2 : Number(fuzzy[2]);
      return { type: 'fuzzy', field, text: unescape(fuzzy[1]), edits };
    }
    if (/^[*?]/.test(raw)) throw new QueryError("Invalid query: Cannot parse: '*' or '?' not allowed as first character in WildcardQuery");
    if (/^[^*?]+\*$/.test(raw)) {
      const prefix = unescape(raw.slice(0, -1));
      if (prefix.length < 2) throw new QueryError("Invalid query: a prefix needs at least 2 characters before '*'");
      return { type: 'prefix', field, text: prefix };
    }
    if (/[*?]/.test(raw)) return { type: 'wildcard', field, text: unescape(raw) };
    return { type: 'term', field, text: unescape(raw) };
  }

  function withField(clauses, field) {
    return clauses.map((c) => ({ ...c, query: c.query.type === 'bool' ? { type: 'bool', clauses: withField(c.query.clauses, field) } : { ...c.query, field: c.query.field ?? field } }));
  }

  const clauses = clauseList(false);
  if (pos < lexer.length) throw new QueryError(`Invalid query: Cannot parse '${text}': unexpected ')'`);
  if (clauses.length === 0) return { type: 'all' };
  if (clauses.length === 1 && clauses[0].occur !== 'MUST_NOT') return clauses[0].query;
  return { type: 'bool', clauses };
}

function unescape(s) {
  return s.replace(/\\(.)/g, '$1');
}

function lex(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ':') { out.push({ kind: c }); i++; continue; }
    if ((c === '+' || c === '-' || c === '!') && (out.length === 0 || i === 0 || /[\s(]/.test(text[i - 1]))) {
      out.push({ kind: c === '!' ? 'NOT' : c }); i++; continue;
    }
    if (text.startsWith('&&', i)) { out.push({ kind: 'AND' }); i += 2; continue; }
    if (text.startsWith('||', i)) { out.push({ kind: 'OR' }); i += 2; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') { if (text[j] === '\\') j++; s += text[j++] ?? ''; }
      if (j >= text.length) throw new QueryError(`Invalid query: Cannot parse '${text}': Lexical error: unclosed quote`);
      i = j + 1;
      const slop = text.slice(i).match(/^~\d*/);
      if (slop) i += slop[0].length;
      out.push({ kind: 'phrase', text: s });
      continue;
    }
    if (c === '[' || c === '{') {
      const m = text.slice(i).match(/^([[{])\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])/);
      if (!m) throw new QueryError(`Invalid query: Cannot parse '${text}': a range is written [from TO to]`);
      out.push({ kind: 'range', range: { from: m[2], to: m[3], fromInclusive: m[1] === '[', toInclusive: m[4] === ']' } });
      i += m[0].length;
      continue;
    }
    if (c === '^') {
      const m = text.slice(i).match(/^\^(\d+(?:\.\d+)?)/);
      if (!m) throw new QueryError(`Invalid query: Cannot parse '${text}': '^' needs a number`);
      out[out.length - 1].boost = Number(m[1]);
      out.push({ kind: '^' });
      i += m[0].length;
      continue;
    }
    let j = i;
    let s = '';
    while (j < text.length && !/[\s()":^[\]{}]/.test(text[j])) {
      if (text[j] === '\\' && j + 1 < text.length) { s += text[j] + text[j + 1]; j += 2; continue; }
      s += text[j++];
    }
    if (s === '') throw new QueryError(`Invalid query: Cannot parse '${text}': unexpected '${c}'`);
    if (s === 'AND' || s === 'OR' || s === 'NOT') out.push({ kind: s });
    else out.push({ kind: 'word', text: s });
    i = j;
  }
  return out;
}

function highlightTerms(node, out = new Set()) {
  if (!node) return out;
  if (node.type === 'bool') {
    for (const c of node.clauses) if (c.occur !== 'MUST_NOT') highlightTerms(c.query, out);
  } else if ((node.type === 'term' || node.type === 'phrase') && (!node.field || node.field === 'description')) {
    for (const t of tokens(node.text)) out.add(t.term);
  } else if ((node.type === 'prefix') && (!node.field || node.field === 'description')) {
    out.add(fold(node.text) + '*');
  }
  return out;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2F;' };
function escapeHtml(s) {
  return s.replace(/[&<>"'/]/g, (c) => ESCAPES[c]);
}

/** The sentence around the first match, escaped, with matches in <mark>; else the opening (as Snippets.java). */
export function snippet(text, terms, length = 200) {
  if (!text) return '';
  const toks = tokens(text);
  const hit = (t) => terms.has(t.term) || [...terms].some((p) => p.endsWith('*') && fold(text.slice(t.start, t.end)).startsWith(p.slice(0, -1)));
  const first = toks.find(hit);
  let start = 0;
  if (first) {
    const stop = text.lastIndexOf('. ', first.start);
    const sentence = stop < 0 ? 0 : stop + 2;
    if (first.start - sentence > length / 2) {
      // Far into a long sentence: start half a snippet before the match, at a word.
      start = first.start - length / 2;
      const space = text.indexOf(' ', start);
      if (space >= 0 && space < first.start) start = space + 1;
    } else {
      start = sentence;
    }
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  let html = '';
  let at = start;
  for (const t of toks) {
    if (t.start < start || t.end > end || !hit(t)) continue;
    html += escapeHtml(text.slice(at, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>';
    at = t.end;
  }
  return html + escapeHtml(text.slice(at, end)) + (end < text.length ? '…' : '');
}

/* ---------- requests, parameters, URLs ---------- */

const FACET_PARAMS = ['technique', 'facility', 'instrument', 'sample', 'keyword', 'license', 'year'];

function normalizeRequest(r, maxSize = 100) {
  const page = r.page ?? 1;
  const size = r.size ?? 10;
  if (!Number.isInteger(page) || page < 1) throw new QueryError(`page must be 1 or more, not ${page}`);
  if (!Number.isInteger(size) || size < 1 || size > maxSize) throw new QueryError(`size must be between 1 and ${maxSize}, not ${size}`);
  const sort = r.sort || 'relevance';
  if (!['relevance', 'released', 'id'].includes(sort)) throw new QueryError(`Unknown sort '${sort}'; use relevance, released or id`);
  const filters = {};
  for (const [k, v] of Object.entries(r.filters ?? {})) if (v && v.length) filters[k] = v;
  return { q: (r.q ?? '').trim(), filters, params: r.params ?? [], sort, page, size };
}

/**
 * photon_energy:1..2keV → {name, min, max} in SI, as the server's ParameterRange. `measures`
 * names what well-known parameters measure ([SI unit, noun, units]), whose bounds take only those units.
 */
export function parseParameter(text, units, measures = {}) {
  const form = `Parameter filter '${text}' is not of the form name:min..maxUNIT (for example photon_energy:1..2keV)`;
  const colon = text.indexOf(':');
  if (colon < 0 || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(text.slice(0, colon).trim())) throw new QueryError(form);
  const name = text.slice(0, colon).trim().toLowerCase();
  const rest = text.slice(colon + 1);
  const dots = rest.indexOf('..');
  const bound = /^\s*([-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*?)?\s*$/;
  const low = dots < 0 ? rest : rest.slice(0, dots);
  const high = dots < 0 ? null : rest.slice(dots + 2);
  const lm = low.trim() ? low.match(bound) : null;
  const hm = high && high.trim() ? high.match(bound) : null;
  if ((!lm && !hm) || (low.trim() && !lm) || (high && high.trim() && !hm)) throw new QueryError(form);
  const shared = (hm && hm[2]) || (lm && lm[2]) || '';
  const si = (value, unit) => {
    const u = units[unit ?? ''] ?? units[(unit ?? '').toLowerCase()];
    if (!u) throw new QueryError(`Parameter filter '${text}': unknown unit '${unit}'`);
    const measured = measures[name];
    if (measured && u[2] !== measured[0]) {
      throw new QueryError(`Parameter filter '${text}': ${name} measures ${measured[1]}, so its bounds need one of ${measured[2]}`);
    }
    return Number(value) * u[0] + u[1];
  };
  let min = lm ? si(lm[1], lm[2] || shared) : -Infinity;
  let max = hm ? si(hm[1], shared) : Infinity;
  if (dots < 0) max = min;
  if (min > max) throw new QueryError(`Parameter filter '${text}' has its lower bound above its upper bound`);
  return { name, min, max };
}

/** The request a page URL's query string describes. */
export function requestFromUrl(search) {
  const p = new URLSearchParams(search);
  const filters = {};
  for (const dim of FACET_PARAMS) if (p.getAll(dim).length) filters[dim] = p.getAll(dim);
  return {
    q: p.get('q') ?? '', filters, params: p.getAll('param'), sort: p.get('sort') || 'relevance',
    page: Number(p.get('page') || 1), size: Number(p.get('size') || 10),
  };
}

/** The query string of a request, the same for the page URL and /api/search. */
export function requestToQuery(r) {
  const p = new URLSearchParams();
  if (r.q) p.set('q', r.q);
  for (const dim of FACET_PARAMS) for (const v of r.filters?.[dim] ?? []) p.append(dim, v);
  for (const v of r.params ?? []) p.append('param', v);
  if (r.sort && r.sort !== 'relevance') p.set('sort', r.sort);
  if (r.page && r.page !== 1) p.set('page', String(r.page));
  if (r.size && r.size !== 10) p.set('size', String(r.size));
  return p.toString();
}

/** Search through a Vitrine API instead of the static index. */
export class ApiSearch {
  constructor(baseUrl) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  async search(request) {
    const response = await fetch(`${this.base}/api/search?${requestToQuery(request)}`);
    const body = await response.json();
    if (!response.ok) throw new QueryError(body.message ?? `Search failed: HTTP ${response.status}`);
    return body;
  }

  async suggest(prefix) {
    const response = await fetch(`${this.base}/api/suggest?q=${encodeURIComponent(prefix)}`);
    return response.ok ? (await response.json()).suggestions : [];
  }
}

/* ---------- the results page ---------- */

const LABELS = {
  technique: 'Technique', facility: 'Facility', instrument: 'Instrument', sample: 'Sample',
  keyword: 'Keyword', license: 'Licence', year: 'Year',
};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/**
 * Builds the search page in {@code root}: a form, facet filters with counts, hits with
 * highlighted snippets and thumbnails, pagination. The URL holds the request, so results can be
 * shared and the back button works.
 */
export async function mountSearch(root, options = {}) {
  const base = new URL(options.base ?? root.dataset.base ?? './', document.baseURI);
  const api = options.api ?? root.dataset.api;
  let engine;
  const status = el('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'search-form', role: 'search' });
  const input = el('input', { type: 'search', name: 'q', id: 'search-q', autocomplete: 'off', list: 'search-suggestions', placeholder: 'ptychography, lysozyme, "liquid jet", facility:ESRF …' });
  const datalist = el('datalist', { id: 'search-suggestions' });
  const sort = el('select', { name: 'sort', id: 'search-sort' },
    el('option', { value: 'relevance', text: 'Best match' }), el('option', { value: 'released', text: 'Newest' }),
    el('option', { value: 'id', text: 'Identifier' }));
  form.append(el('label', { for: 'search-q', text: 'Search datasets' }), input, datalist,
    el('label', { for: 'search-sort', text: 'Order' }), sort, el('button', { type: 'submit', text: 'Search' }));
  const facetsBox = el('aside', { class: 'search-facets', 'aria-label': 'Filters' });
  const hitsBox = el('ol', { class: 'search-hits' });
  const pager = el('nav', { class: 'search-pages', 'aria-label': 'Result pages' });
  root.replaceChildren(form, status, el('div', { class: 'search-body' }, facetsBox, el('section', { class: 'search-results', 'aria-label': 'Results' }, hitsBox, pager)));

  let request = requestFromUrl(location.search);

  async function run(push) {
    input.value = request.q;
    sort.value = request.sort;
    if (push) history.pushState(null, '', '?' + requestToQuery(request));
    status.textContent = 'Searching…';
    try {
      const result = await engine.search(request);
      render(result);
    } catch (e) {
      hitsBox.replaceChildren();
      pager.replaceChildren();
      status.textContent = e.message;
      status.classList.add('search-error');
    }
  }

  function render(result) {
    status.classList.remove('search-error');
    const first = (result.page - 1) * result.size + 1;
    status.textContent = result.total === 0 ? 'No datasets match.'
      : `${result.total} dataset${result.total === 1 ? '' : 's'}` + (result.total > result.size ? `, showing ${first}–${Math.min(result.total, first + result.hits.length - 1)}` : '');
    hitsBox.replaceChildren(...result.hits.map((h) => {
      const link = el('a', { href: new URL(h.url, base).href, text: h.title });
      const snippetEl = el('p', { class: 'search-snippet' });
      snippetEl.innerHTML = h.snippet; // escaped text with <mark>, from Lucene or snippet()
      const meta = el('p', { class: 'search-meta', text: [h.technique, h.facility, h.released].filter(Boolean).join(' · ') });
      const thumb = h.thumbnail ? el('img', { src: new URL(h.thumbnail, base).href, alt: '', loading: 'lazy', width: 96, height: 96 })
        : el('span', { class: 'search-no-thumb', 'aria-hidden': 'true' });
      return el('li', { class: 'search-hit', 'data-id': h.id }, thumb, el('div', {}, el('h3', {}, link), meta, snippetEl));
    }));
    facetsBox.replaceChildren(...Object.entries(result.facets).filter(([, values]) => values.length).map(([dim, values]) => {
      const selected = request.filters[dim] ?? [];
      const shown = [...values];
      for (const v of selected) if (!shown.some((s) => s.value === v)) shown.push({ value: v, count: 0 });
      return el('fieldset', { class: 'search-facet', 'data-dim': dim }, el('legend', { text: LABELS[dim] ?? dim }),
        ...shown.map(({ value, count }) => {
          const box = el('input', { type: 'checkbox', name: dim, value, checked: selected.includes(value) });
          box.addEventListener('change', () => {
            const now = new Set(request.filters[dim] ?? []);
            if (box.checked) now.add(value); else now.delete(value);
            request = { ...request, filters: { ...request.filters, [dim]: [...now] }, page: 1 };
            run(true);
          });
          return el('label', {}, box, ` ${value} `, el('span', { class: 'search-count', text: `(${count})` }));
        }));
    }));
    const pages = Math.ceil(result.total / result.size);
    pager.replaceChildren();
    if (pages > 1) {
      const link = (page, text, rel) => {
        const a = el('a', { href: '?' + requestToQuery({ ...request, page }), text, rel, 'aria-current': page === result.page ? 'page' : null });
        a.addEventListener('click', (e) => { e.preventDefault(); request = { ...request, page }; run(true); });
        return a;
      };
      if (result.page > 1) pager.append(link(result.page - 1, 'Previous', 'prev'));
      for (let p = Math.max(1, result.page - 3); p <= Math.min(pages, result.page + 3); p++) pager.append(link(p, String(p)));
      if (result.page < pages) pager.append(link(result.page + 1, 'Next', 'next'));
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    request = { ...request, q: input.value, sort: sort.value, page: 1 };
    run(true);
  });
  sort.addEventListener('change', () => { request = { ...request, sort: sort.value, page: 1 }; run(true); });
  let pending = 0;
  input.addEventListener('input', async () => {
    const ticket = ++pending;
    const word = input.value.split(/\s+/).pop();
    const suggestions = word.length >= 2 ? await engine.suggest(word, 8) : [];
    if (ticket !== pending) return;
    const head = input.value.slice(0, input.value.length - word.length);
    datalist.replaceChildren(...suggestions.map((s) => el('option', { value: head + (s.text.includes(' ') ? `"${s.text}"` : s.text) })));
  });
  window.addEventListener('popstate', () => { request = requestFromUrl(location.search); run(false); });

  status.textContent = 'Loading the search index…';
  engine = api ? new ApiSearch(api) : await StaticIndex.load(new URL(options.index ?? root.dataset.index ?? 'search-index.json', base).href);
  root.dataset.ready = 'true';
  await run(false);
  return engine;
}

for (const root of document.querySelectorAll('[data-vitrine-search]')) {
  mountSearch(root).catch((e) => {
    root.textContent = `Search is unavailable: ${e.message}`;
  });
}
