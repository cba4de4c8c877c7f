// The query syntax of Vitrine's search, as the API's Lucene query parser reads it: words (all must
// match), "quoted phrases", field:value, prefix*, wildcards, fuzzy~, [a TO b] ranges, +/-/NOT,
// AND/OR, (groups) and ^boosts. It reads syntax only: what a word is indexed as comes from the
// static index (search-static.js), which the build wrote with the server's analyzers.

/** A query the syntax cannot express; the message says what is wrong, as the API's 400 does. */
export class QueryError extends Error {}

/**
 * Parses words (all must match), "quoted phrases", field:value, prefix*, fuzzy~, +/-/NOT,
 * AND/OR and (groups) into a tree of {type: bool|term|phrase|prefix|wildcard|fuzzy|range|all}.
 */
export function parseQuery(text, knownFields) {
  if (!text || !text.trim()) return { type: 'all' };
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

/**
 * A DOI (or its doi.org address) as a user pastes it, outside quotes, quoted as a phrase
 * ("doi:" before it keeps the field), as the API's DatasetQueryParser.withQuotedDois does: the
 * syntax would otherwise read "https:" as a field.
 */
export function withQuotedDois(text) {
  if (!text.includes('10.')) return text;
  const doi = /(?<![\w./:-])(?:(doi:)|(https?:\/\/(?:dx\.)?doi\.org\/))?(10\.\d{4,9}\/[^\s"]+)/iy;
  let out = '';
  let quoted = false;
  for (let at = 0; at < text.length;) {
    const c = text[at];
    doi.lastIndex = at;
    const m = !quoted && c !== '"' ? doi.exec(text) : null;
    if (c === '"' && (at === 0 || text[at - 1] !== '\\')) {
      quoted = !quoted;
    } else if (m && /^10\./.test(m[3])) {
      let id = m[3];
      // Closing punctuation of a sentence or of a bracket around the DOI is not part of it.
      while (id && ('.,;:'.includes(id[id.length - 1]) || (id.endsWith(')') && !id.includes('(')))) id = id.slice(0, -1);
      out += (m[1] ? 'doi:' : '') + '"' + id + '"';
      at = m.index + m[0].length - m[3].length + id.length;
      continue;
    }
    out += c;
    at++;
  }
  return out;
}
