// SPDX-License-Identifier: GPL-2.0-or-later
// Sift's search page: searches as you type, renders results, facets,
// pages and articles.  Every piece of text from the server or the user is
// put into the page as text (textContent, never innerHTML); snippets are
// parsed in an inert document and only their <mark> tags are kept.
'use strict';

(() => {
  const PAGE_SIZE = 10;
  const SEARCH_DELAY_MS = 200;
  const SUGGEST_DELAY_MS = 120;
  const MAX_PAGES_SHOWN = 7;
  const MAX_OFFSET = 10000;  // request_params.h Limits::max_offset
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                  'September', 'October', 'November', 'December'];

  const $ = (id) => document.getElementById(id);

  // Builds an element: props are assigned as properties (so text stays text),
  // except `attrs`, which are set as attributes; children are nodes or strings.
  function h(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    const { attrs, ...rest } = props;
    Object.assign(node, rest);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  // The snippet's text with its <mark> highlights, and nothing else.
  const inert = new DOMParser();
  function snippetNodes(html) {
    const body = inert.parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
    const out = [];
    for (const node of body.childNodes) {
      if (node.nodeName === 'MARK') out.push(h('mark', {}, node.textContent));
      else out.push(document.createTextNode(node.textContent));
    }
    return out;
  }

  function monthLabel(ym) {
    const m = /^(\d{4})-(\d{2})$/.exec(ym);
    return m && +m[2] >= 1 && +m[2] <= 12 ? `${MONTHS[+m[2] - 1]} ${m[1]}` : ym;
  }

  function filterLabel(filter) {
    const [field, ...rest] = filter.split(':');
    const value = rest.join(':');
    return field === 'date' ? `Month: ${monthLabel(value)}` : `Source: ${value}`;
  }

  // ---- State, kept in the address (?q=&sort=&filter=&page=&doc=) ----
  let state = readUrl();

  function readUrl() {
    const p = new URLSearchParams(location.search);
    const page = Math.max(1, parseInt(p.get('page') || '1', 10) || 1);
    return {
      q: p.get('q') || '',
      sort: p.get('sort') === 'date' ? 'date' : 'relevance',
      filters: p.getAll('filter'),
      page,
      doc: p.get('doc'),
    };
  }

  function urlOf(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    for (const f of s.filters) p.append('filter', f);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.doc) p.set('doc', s.doc);
    const query = p.toString();
    return query ? `/?${query}` : '/';
  }

  function go(changes, { replace = false } = {}) {
    state = { ...state, ...changes };
    const url = urlOf(state);
    if (url !== location.pathname + location.search) {
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    render();
  }

  // ---- Talking to the server ----
  async function getJson(path, signal) {
    const res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch {
      throw new Error(`the server answered ${res.status} without JSON`);
    }
    if (!res.ok) throw new Error(body && body.error ? body.error.message : `HTTP ${res.status}`);
    return body;
  }

  let inflight = null;  // the search being fetched, aborted by a newer one
  function abortInflight() {
    if (inflight) inflight.abort();
    inflight = new AbortController();
    return inflight.signal;
  }

  // ---- Rendering ----
  function render() {
    $('sort').value = state.sort;
    if (state.doc) showArticle(state.doc);
    else showSearch();
  }

  function setStatus(text, isError = false) {
    $('status').textContent = text;
    $('status').classList.toggle('error', isError);
  }

  function clearResults() {
    for (const id of ['results', 'facets', 'pager', 'active-filters', 'warnings', 'explain-body']) {
      $(id).replaceChildren();
    }
    $('did-you-mean').hidden = true;
    $('try-words').hidden = true;
    $('warnings').hidden = true;
    $('explain').hidden = true;
  }

  let documentCount = null;
  async function showSearch() {
    $('article-view').hidden = true;
    $('search-view').hidden = false;
    document.title = state.q ? `${state.q} — Sift` : 'Sift search';
    const signal = abortInflight();
    if (!state.q.trim()) {
      clearResults();
      if (documentCount === null) {
        try {
          documentCount = (await getJson('/healthz', signal)).documents;
        } catch {
          return;
        }
      }
      setStatus(`Type to search ${documentCount} articles.`);
      return;
    }
    const p = new URLSearchParams({ q: state.q, limit: String(PAGE_SIZE),
                                    offset: String((state.page - 1) * PAGE_SIZE), sort: state.sort });
    for (const f of state.filters) p.append('filter', f);
    let r;
    try {
      r = await getJson(`/api/search?${p}`, signal);
    } catch (e) {
      if (e.name === 'AbortError') return;
      clearResults();
      setStatus(e.message, true);
      return;
    }
    renderResults(r);
  }

  function renderResults(r) {
    clearResults();
    const ms = (r.elapsed_us / 1000).toFixed(1);
    if (r.total === 0) {
      setStatus(`No results for “${r.query}”.`);
    } else if (r.hits.length === 0) {
      setStatus(`${r.total} results for “${r.query}”; this page is past the last one.`);
    } else {
      const first = r.hits[0].rank, last = r.hits[r.hits.length - 1].rank;
      const range = r.total > r.hits.length ? `${first}–${last} of ` : '';
      setStatus(`${range}${r.total} result${r.total === 1 ? '' : 's'} for “${r.query}” (${ms} ms)`);
    }
    if (r.suggestion) {
      $('suggestion').textContent = r.suggestion;
      $('did-you-mean').hidden = false;
    }
    if (r.warnings.length) {
      $('warnings').replaceChildren(...r.warnings.map((w) => h('li', {}, w)));
      $('warnings').hidden = false;
    }
    $('active-filters').replaceChildren(...state.filters.map((f) =>
      h('button', { type: 'button', className: 'chip',
                    attrs: { 'aria-label': `Remove the filter ${filterLabel(f)}` },
                    onclick: () => toggleFilter(f) },
        `${filterLabel(f)} ×`)));
    $('results').replaceChildren(...r.hits.map(resultItem));
    renderFacets(r.facets);
    renderPager(r.total);
    renderExplanation(r.explanation, r.total);
    lastFound = { q: r.query, total: r.total, suggested: Boolean(r.suggestion) };
    renderTryWords();
  }

  // While a word is half typed the query often finds nothing: offer the
  // index's completions of that word as one-click queries.
  let lastFound = null;        // {q, total, suggested} of the last results shown
  let lastCompletions = null;  // {q, options: [full query, ...]} from /api/suggest
  function renderTryWords() {
    const box = $('try-words');
    const show = lastFound && lastCompletions && lastFound.q === state.q &&
                 lastCompletions.q === state.q && lastFound.total === 0 && !lastFound.suggested &&
                 lastCompletions.options.length > 0;
    box.hidden = !show;
    if (!show) return;
    const buttons = lastCompletions.options.slice(0, 5).map((q) =>
      h('button', { type: 'button', onclick: () => { $('q').value = q; go({ q, page: 1 }); } }, q));
    box.replaceChildren('Keep typing, or try: ', ...buttons);
  }

  function resultItem(hit) {
    const link = h('a', { href: urlOf({ ...state, doc: hit.id }),
                          onclick: (e) => { e.preventDefault(); go({ doc: hit.id }); } },
                   hit.title || '(untitled)');
    const meta = [hit.date, hit.source].filter(Boolean).join(' · ');
    return h('li', { className: 'result' },
             h('h3', {}, link),
             meta ? h('p', { className: 'meta' }, meta) : null,
             hit.snippet ? h('p', { className: 'snippet' }, snippetNodes(hit.snippet)) : null);
  }

  function toggleFilter(filter) {
    const filters = state.filters.includes(filter)
      ? state.filters.filter((f) => f !== filter)
      : [...state.filters, filter];
    go({ filters, page: 1 });
  }

  function renderFacets(facets) {
    const groups = [['source', 'Source', (v) => `source:${v}`, (v) => v, false],
                    ['month', 'Month', (v) => `date:${v}`, monthLabel, true]];
    const sections = [];
    for (const [name, title, filterOf, label, newestFirst] of groups) {
      const entries = Object.entries(facets[name] || {});
      if (!entries.length) continue;
      if (newestFirst) entries.sort((a, b) => (a[0] < b[0] ? 1 : -1));
      else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const items = entries.map(([value, count]) => {
        const filter = filterOf(value);
        return h('li', {},
                 h('button', { type: 'button', onclick: () => toggleFilter(filter),
                               attrs: { 'aria-pressed': String(state.filters.includes(filter)),
                                        'data-filter': filter } },
                   h('span', {}, label(value)), h('span', { className: 'count' }, String(count))));
      });
      sections.push(h('section', { className: 'facet' }, h('h2', {}, title), h('ul', {}, items)));
    }
    $('facets').replaceChildren(...sections);
  }

  function renderPager(total) {
    // The server serves offsets up to MAX_OFFSET; deeper pages are not offered.
    const pages = Math.min(Math.ceil(total / PAGE_SIZE), Math.floor(MAX_OFFSET / PAGE_SIZE) + 1);
    if (pages <= 1) return;
    const page = state.page;
    const button = (label, target, extra = {}) =>
      h('button', { type: 'button', disabled: target < 1 || target > pages,
                    onclick: () => { go({ page: target }); window.scrollTo(0, 0); }, ...extra },
        label);
    const from = Math.max(1, Math.min(page - Math.floor(MAX_PAGES_SHOWN / 2), pages - MAX_PAGES_SHOWN + 1));
    const to = Math.min(pages, from + MAX_PAGES_SHOWN - 1);
    const numbers = [];
    for (let n = from; n <= to; n++) {
      numbers.push(button(String(n), n, n === page
        ? { attrs: { 'aria-current': 'page', 'aria-label': `Page ${n}, current` } }
        : { attrs: { 'aria-label': `Page ${n}` } }));
    }
    $('pager').replaceChildren(button('‹ Previous', page - 1), ...numbers, button('Next ›', page + 1));
  }

  function renderExplanation(ex, total) {
    const rows = [['Parsed as', ex.parsed], ['Xapian query', ex.xapian],
                  ['Expansions', ex.expansions.length ? ex.expansions.join('\n') : 'none']];
    $('explain-body').replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    $('explain').hidden = total === 0 && !ex.parsed;
  }

  async function showArticle(id) {
    const signal = abortInflight();
    $('search-view').hidden = true;
    $('article-view').hidden = false;
    $('article-title').textContent = 'Loading…';
    $('article-meta').replaceChildren();
    $('article-body').replaceChildren();
    let doc;
    try {
      doc = await getJson(`/api/doc/${encodeURIComponent(id)}`, signal);
    } catch (e) {
      if (e.name === 'AbortError') return;
      $('article-title').textContent = 'Article not available';
      $('article-body').replaceChildren(h('p', {}, e.message));
      return;
    }
    document.title = `${doc.title || doc.id} — Sift`;
    $('article-title').textContent = doc.title || '(untitled)';
    const meta = [doc.date, doc.source, doc.author].filter(Boolean).join(' · ');
    const parts = meta ? [meta] : [];
    if (/^https?:\/\//i.test(doc.url)) {
      parts.push(parts.length ? ' · ' : '',
                 h('a', { href: doc.url, rel: 'noopener noreferrer nofollow' }, 'original'));
    }
    $('article-meta').replaceChildren(...parts);
    $('article-body').replaceChildren(
      ...doc.text.split('\n').filter((p) => p.trim()).map((p) => h('p', {}, p)));
    $('article-title').focus();
  }

  // ---- Suggestions for the word being typed ----
  let suggestTimer = 0;
  let suggestController = null;
  async function updateCompletions(q) {
    if (suggestController) suggestController.abort();
    suggestController = new AbortController();
    const list = $('completions');
    if (!q.trim() || /\s$/.test(q)) {
      list.replaceChildren();
      return;
    }
    let s;
    try {
      s = await getJson(`/api/suggest?${new URLSearchParams({ q })}`, suggestController.signal);
    } catch {
      return;
    }
    const stem = q.slice(0, q.length - s.word.length);
    const options = s.completions.filter((c) => c.word !== s.word.toLowerCase())
      .map((c) => stem + c.word);
    list.replaceChildren(...options.map((value) => h('option', { value })));
    lastCompletions = { q, options };
    renderTryWords();
  }

  // ---- Wiring ----
  let searchTimer = 0;
  $('q').addEventListener('input', () => {
    const q = $('q').value;
    clearTimeout(searchTimer);
    clearTimeout(suggestTimer);
    searchTimer = setTimeout(() => go({ q, page: 1, doc: null }, { replace: true }), SEARCH_DELAY_MS);
    suggestTimer = setTimeout(() => updateCompletions(q), SUGGEST_DELAY_MS);
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(searchTimer);
    go({ q: $('q').value, page: 1, doc: null });
  });
  $('sort').addEventListener('change', () => go({ sort: $('sort').value, page: 1 }));
  $('suggestion').addEventListener('click', (e) => {
    e.preventDefault();
    $('q').value = $('suggestion').textContent;
    go({ q: $('q').value, page: 1 });
  });
  $('home').addEventListener('click', (e) => {
    e.preventDefault();
    $('q').value = '';
    go({ q: '', filters: [], page: 1, doc: null, sort: 'relevance' });
    $('q').focus();
  });
  $('back').addEventListener('click', () => go({ doc: null }));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.doc) {
      go({ doc: null });
    } else if (e.key === '/' && document.activeElement !== $('q')) {
      e.preventDefault();
      $('q').focus();
    }
  });
  window.addEventListener('popstate', () => {
    state = readUrl();
    $('q').value = state.q;
    render();
  });
  $('article-title').tabIndex = -1;
  $('q').value = state.q;
  render();
})();
