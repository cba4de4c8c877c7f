// Vitrine's dataset search page. It searches the site's static index in the browser
// (search-static.js), or asks the API when the page names one; both answer the same. Plain ES
// module, no build step.
//
// Markup: <div data-vitrine-search data-index="search-index/" data-api="" data-base="./">
// (data-index: the static index's folder, relative to data-base, the site root; data-api: base
// URL of a Vitrine API, empty for the static index).

import { StaticIndex } from './search-static.js';
import { QueryError } from './search-query.js';

/* ---------- requests and URLs ---------- */

/** The request a page URL's query string describes; `facets` names the filter parameters. */
export function requestFromUrl(search, facets) {
  const p = new URLSearchParams(search);
  const filters = {};
  for (const dim of facets) if (p.getAll(dim).length) filters[dim] = p.getAll(dim);
  return {
    q: p.get('q') ?? '', filters, params: p.getAll('param'), sort: p.get('sort') || 'relevance',
    page: Number(p.get('page') || 1), size: Number(p.get('size') || 10), all: p.getAll('all'),
  };
}

/** The query string of a request, the same for the page URL and /api/search. */
export function requestToQuery(r, facets) {
  const p = new URLSearchParams();
  if (r.q) p.set('q', r.q);
  for (const dim of facets) for (const v of r.filters?.[dim] ?? []) p.append(dim, v);
  for (const v of r.params ?? []) p.append('param', v);
  for (const v of r.all ?? []) p.append('all', v);
  if (r.sort && r.sort !== 'relevance') p.set('sort', r.sort);
  if (r.page && r.page !== 1) p.set('page', String(r.page));
  if (r.size && r.size !== 10) p.set('size', String(r.size));
  return p.toString();
}

/** Search through a Vitrine API instead of the static index. */
export class ApiSearch {
  constructor(baseUrl, schema) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.facets = schema.facets.map((f) => f.name);
  }

  async search(request) {
    const response = await fetch(`${this.base}/api/search?${requestToQuery(request, this.facets)}`);
    const body = await response.json();
    if (!response.ok) throw new QueryError(body.message ?? `Search failed: HTTP ${response.status}`);
    return body;
  }

  async suggest(prefix, limit) {
    const response = await fetch(`${this.base}/api/suggest?q=${encodeURIComponent(prefix)}`);
    return response.ok ? (await response.json()).suggestions.slice(0, limit) : [];
  }
}

/* ---------- the page ---------- */

/** Values of a facet shown before "Show more". */
const SHOWN = 8;

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

/** A parameter's name as a reader says it. */
function spoken(name) {
  return name.replace(/_/g, ' ');
}

/** A parameter filter name:min..maxUNIT taken apart for its form, or null. */
function rangeParts(param) {
  const m = /^([^:]+):\s*([-+0-9.eE]*)\s*(?:\.\.\s*([-+0-9.eE]*))?\s*(\S*)\s*$/.exec(param);
  return m && { name: m[1].trim().toLowerCase(), min: m[2], max: m[3] ?? m[2], unit: m[4] };
}

/**
 * Builds the search page in `root`: a form, every active filter as a chip that removes it,
 * facet filters with counts (folded away on a phone), parameter ranges, hits with highlighted
 * snippets and thumbnails, pagination. The URL holds the request, so results can be shared and
 * the back button works.
 */
export async function mountSearch(root, options = {}) {
  const base = new URL(options.base ?? root.dataset.base ?? './', document.baseURI);
  const indexBase = new URL(options.index ?? root.dataset.index ?? 'search-index/', base);
  const api = options.api ?? root.dataset.api;
  const status = el('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'search-form', role: 'search' });
  const input = el('input', { type: 'search', name: 'q', id: 'search-q', autocomplete: 'off', list: 'search-suggestions', placeholder: 'ptychography, lysozyme, "liquid jet", facility:ESRF …' });
  const datalist = el('datalist', { id: 'search-suggestions' });
  const sort = el('select', { name: 'sort', id: 'search-sort' },
    el('option', { value: 'relevance', text: 'Best match' }), el('option', { value: 'released', text: 'Newest' }),
    el('option', { value: 'id', text: 'Identifier' }));
  form.append(el('label', { for: 'search-q', text: 'Search datasets' }), input, datalist,
    el('label', { for: 'search-sort', text: 'Order' }), sort, el('button', { type: 'submit', text: 'Search' }));
  const chips = el('ul', { class: 'search-active', 'aria-label': 'Active filters' });
  const filtersSummary = el('summary', { text: 'Filters' });
  const facetsBox = el('div', { class: 'search-facets' });
  const rangesBox = el('div', { class: 'search-ranges' });
  // On a phone the filters fold away above the results, so the first hit is on the first screen.
  const filters = el('details', { class: 'search-filters', open: !window.matchMedia('(max-width: 48rem)').matches },
    filtersSummary, facetsBox, rangesBox);
  const hitsBox = el('ol', { class: 'search-hits' });
  const pager = el('nav', { class: 'search-pages', 'aria-label': 'Result pages' });
  root.replaceChildren(form, status, chips, el('div', { class: 'search-body' }, filters,
    el('section', { class: 'search-results', 'aria-label': 'Results' }, hitsBox, pager)));

  status.textContent = 'Loading the search index…';
  let engine;
  let schema;
  if (api) {
    schema = await (await fetch(new URL('schema.json', indexBase))).json();
    engine = new ApiSearch(api, schema);
  } else {
    engine = await StaticIndex.open(indexBase.href);
    schema = engine.schema;
  }
  const facetNames = schema.facets.map((f) => f.name);
  const labels = Object.fromEntries(schema.facets.map((f) => [f.name, f.label]));
  const parameters = schema.parameters.filter((p) => p.datasets > 0);
  let request = requestFromUrl(location.search, facetNames);
  let shown = 0;

  function go(next) {
    request = { ...next, page: next.page ?? 1 };
    run(true);
  }

  async function run(push) {
    input.value = request.q;
    sort.value = request.sort;
    if (push) history.pushState(null, '', '?' + requestToQuery(request, facetNames));
    // The filters are shown before the search runs: one it refuses can still be removed.
    renderChips();
    renderRanges();
    status.textContent = 'Searching…';
    const ticket = ++shown;
    try {
      const result = await engine.search(request);
      if (ticket !== shown) return;
      render(result);
      performance.mark('vitrine-search-results');
    } catch (e) {
      if (ticket !== shown) return;
      hitsBox.replaceChildren();
      pager.replaceChildren();
      facetsBox.replaceChildren();
      status.textContent = e.message;
      status.classList.add('search-error');
    }
  }

  function renderChips() {
    const items = [];
    const chip = (text, without) => {
      const b = el('button', { type: 'button', class: 'search-chip', 'aria-label': `Remove filter ${text}` }, `${text} `, el('span', { 'aria-hidden': 'true', text: '×' }));
      b.addEventListener('click', () => go({ ...request, ...without() }));
      items.push(el('li', {}, b));
    };
    for (const dim of facetNames) {
      for (const v of request.filters[dim] ?? []) {
        chip(`${labels[dim]}: ${v}`, () => ({ filters: { ...request.filters, [dim]: request.filters[dim].filter((x) => x !== v) } }));
      }
    }
    for (const p of request.params) {
      const parts = rangeParts(p);
      const text = parts ? `${spoken(parts.name)}: ${p.slice(p.indexOf(':') + 1).trim()}` : p;
      chip(text, () => ({ params: request.params.filter((x) => x !== p) }));
    }
    filtersSummary.textContent = items.length ? `Filters (${items.length} active)` : 'Filters';
    if (items.length > 1) {
      const clear = el('button', { type: 'button', class: 'search-clear', text: 'Clear all filters' });
      clear.addEventListener('click', () => go({ ...request, filters: {}, params: [] }));
      items.push(el('li', {}, clear));
    }
    chips.replaceChildren(...items);
    chips.hidden = items.length === 0;
  }

  /** A form per well-known parameter the collection has: from, to, unit. */
  function renderRanges() {
    if (parameters.length === 0) {
      rangesBox.replaceChildren();
      return;
    }
    const rows = parameters.map((p) => {
      const current = request.params.map(rangeParts).find((r) => r && r.name === p.name);
      const id = `range-${p.name}`;
      const min = el('input', { id: `${id}-min`, name: 'min', inputmode: 'decimal', size: 6, value: current?.min ?? '', 'aria-label': `${spoken(p.name)} from` });
      const max = el('input', { id: `${id}-max`, name: 'max', inputmode: 'decimal', size: 6, value: current?.max ?? '', 'aria-label': `${spoken(p.name)} to` });
      const unit = el('select', { name: 'unit', 'aria-label': `${spoken(p.name)} unit` },
        ...p.units.map((u) => el('option', { value: u, text: u, selected: u === (current?.unit || p.unit) })));
      const row = el('form', { class: 'search-range', 'data-param': p.name },
        el('label', { for: `${id}-min`, text: spoken(p.name) }), min, el('span', { text: '–', 'aria-hidden': 'true' }), max, unit,
        el('button', { type: 'submit', text: 'Apply' }));
      row.addEventListener('submit', (e) => {
        e.preventDefault();
        const others = request.params.filter((x) => rangeParts(x)?.name !== p.name);
        const from = min.value.trim();
        const to = max.value.trim();
        const range = from || to ? [`${p.name}:${from}..${to}${unit.value}`] : [];
        go({ ...request, params: [...others, ...range] });
      });
      return row;
    });
    rangesBox.replaceChildren(el('fieldset', { class: 'search-facet' }, el('legend', { text: 'Parameters' }), ...rows));
  }

  function render(result) {
    status.classList.remove('search-error');
    const first = (result.page - 1) * result.size + 1;
    status.textContent = result.total === 0 ? 'No datasets match.'
      : `${result.total} dataset${result.total === 1 ? '' : 's'}` + (result.total > result.size ? `, showing ${first}–${Math.min(result.total, first + result.hits.length - 1)}` : '');
    hitsBox.replaceChildren(...result.hits.map((h) => {
      const link = el('a', { href: new URL(h.url, base).href, text: h.title });
      const snippetEl = el('p', { class: 'search-snippet' });
      snippetEl.innerHTML = h.snippet; // escaped text with <mark>, from the API or the static index
      const meta = el('p', { class: 'search-meta', text: [h.technique, h.facility, h.released].filter(Boolean).join(' · ') });
      const thumb = h.thumbnail ? el('img', { src: new URL(h.thumbnail, base).href, alt: '', loading: 'lazy', width: 96, height: 96 })
        : el('span', { class: 'search-no-thumb', 'aria-hidden': 'true' });
      return el('li', { class: 'search-hit', 'data-id': h.id }, thumb, el('div', {}, el('h3', {}, link), meta, snippetEl));
    }));
    facetsBox.replaceChildren(...facetNames.map((dim) => facet(dim, result.facets[dim] ?? [], result.more?.[dim] ?? 0)).filter(Boolean));
    const pages = Math.ceil(result.total / result.size);
    pager.replaceChildren();
    if (pages > 1) {
      const link = (page, text, rel) => {
        const a = el('a', { href: '?' + requestToQuery({ ...request, page }, facetNames), text, rel, 'aria-current': page === result.page ? 'page' : null });
        a.addEventListener('click', (e) => { e.preventDefault(); go({ ...request, page }); });
        return a;
      };
      if (result.page > 1) pager.append(link(result.page - 1, 'Previous', 'prev'));
      for (let p = Math.max(1, result.page - 3); p <= Math.min(pages, result.page + 3); p++) pager.append(link(p, String(p)));
      if (result.page < pages) pager.append(link(result.page + 1, 'Next', 'next'));
    }
  }

  /** One facet: its values with counts, the first few unless unfolded, and every selected one. */
  function facet(dim, values, more) {
    const selected = request.filters[dim] ?? [];
    const list = [...values];
    for (const v of selected) if (!list.some((s) => s.value.toLowerCase() === v.toLowerCase())) list.push({ value: v, count: 0 });
    if (list.length === 0) return null;
    const unfolded = request.all.includes(dim);
    const visible = unfolded ? list : list.filter((v, i) => i < SHOWN || selected.some((s) => s.toLowerCase() === v.value.toLowerCase()));
    const box = el('fieldset', { class: 'search-facet', 'data-dim': dim }, el('legend', { text: labels[dim] ?? dim }),
      ...visible.map(({ value, count }) => {
        const checked = selected.some((s) => s.toLowerCase() === value.toLowerCase());
        const check = el('input', { type: 'checkbox', name: dim, value, checked });
        check.addEventListener('change', () => {
          const now = selected.filter((s) => s.toLowerCase() !== value.toLowerCase());
          go({ ...request, filters: { ...request.filters, [dim]: check.checked ? [...now, value] : now } });
        });
        return el('label', {}, check, ` ${value} `, el('span', { class: 'search-count', text: `(${count})` }));
      }));
    const hidden = list.length - visible.length + more;
    if (hidden > 0 || unfolded) {
      const toggle = el('button', { type: 'button', class: 'search-more', 'aria-expanded': String(unfolded),
        text: unfolded ? 'Show fewer' : `Show ${hidden} more` });
      toggle.addEventListener('click', () => {
        // Every value of the facet comes from the search itself, asked for all of them.
        const all = unfolded ? request.all.filter((d) => d !== dim) : [...request.all, dim];
        request = { ...request, all };
        run(true);
      });
      box.append(toggle);
    }
    return box;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ ...request, q: input.value, sort: sort.value });
  });
  sort.addEventListener('change', () => go({ ...request, sort: sort.value }));
  let pending = 0;
  input.addEventListener('input', async () => {
    const ticket = ++pending;
    const word = input.value.split(/\s+/).pop();
    const suggestions = word.length >= 2 ? await engine.suggest(word, 8) : [];
    if (ticket !== pending) return;
    const head = input.value.slice(0, input.value.length - word.length);
    datalist.replaceChildren(...suggestions.map((s) => el('option', { value: head + (s.text.includes(' ') ? `"${s.text}"` : s.text) })));
  });
  window.addEventListener('popstate', () => { request = requestFromUrl(location.search, facetNames); run(false); });

  root.dataset.ready = 'true';
  await run(false);
  return engine;
}

for (const root of document.querySelectorAll('[data-vitrine-search]')) {
  mountSearch(root).catch((e) => {
    root.textContent = `Search is unavailable: ${e.message}`;
  });
}
