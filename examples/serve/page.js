// SPDX-License-Identifier: GPL-2.0-or-later
// Sift's search page: instant search (the word being typed matches every
// indexed word it starts), multi-select facets, pages, arrow-key
// navigation, and articles with the matched words highlighted.  Every piece of text from the server or the user is
// put into the page as text (textContent, never innerHTML); snippets are
// parsed in an inert document and only their <mark> tags are kept.
'use strict';

(() => {
  const PAGE_SIZE = 10;
  const SEARCH_DELAY_MS = 150;
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

  // A snippet's (or highlighted title's) text with its <mark> highlights,
  // and nothing else.
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
      asTyped: p.get('as_typed') === '1',
    };
  }

  function urlOf(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    for (const f of s.filters) p.append('filter', f);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.doc) p.set('doc', s.doc);
    if (s.asTyped) p.set('as_typed', '1');
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
    $('corrected').hidden = true;
    $('prefix-note').hidden = true;
    $('facets-box').hidden = true;
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
    // prefix=1: the last word, while typed, stands for the index's words
    // that start with it; facet_choices=1: counts for multi-select facets.
    const p = new URLSearchParams({ q: state.q, limit: String(PAGE_SIZE),
                                    offset: String((state.page - 1) * PAGE_SIZE), sort: state.sort,
                                    prefix: '1', facet_choices: '1' });
    for (const f of state.filters) p.append('filter', f);
    if (state.asTyped) p.set('as_typed', '1');
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
    if (r.auto_corrected) {
      // No document has every word as typed; the correction's results show.
      $('corrected-to').textContent = r.ran;
      $('as-typed').textContent = r.query;
      $('corrected').hidden = false;
    } else if (r.suggestion) {
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
    renderPrefixNote(r.prefix);
    renderFacets(r.facet_choices || r.facets);
    renderPager(r.total);
    renderExplanation(r.explanation, r.total);
    rememberMatchedWords(r);
  }

  // The words the last word being typed stood for, each a button that
  // picks just that word.
  function renderPrefixNote(prefix) {
    const note = $('prefix-note');
    const words = prefix ? prefix.completions.filter((w) => w !== prefix.word.toLowerCase()) : [];
    if (!words.length) return;
    const stem = state.q.slice(0, state.q.length - prefix.word.length);
    const buttons = words.map((w) => h('button', {
      type: 'button', className: 'word',
      onclick: () => { $('q').value = `${stem}${w} `; go({ q: `${stem}${w}`, page: 1 }); $('q').focus(); },
    }, w));
    note.replaceChildren(`“${prefix.word}” also finds `, ...buttons.flatMap((b, i) => (i ? [', ', b] : [b])));
    note.hidden = false;
  }

  // Words to highlight in an article opened from these results: what the
  // snippets marked, and what the typed prefix stood for.
  let matchedWords = { q: '', words: [] };
  function rememberMatchedWords(r) {
    const words = new Set();
    for (const hit of r.hits) {
      for (const m of hit.snippet.matchAll(/<mark>(.*?)<\/mark>/g)) {
        words.add(snippetNodes(m[1]).map((n) => n.textContent).join('').toLowerCase());
      }
    }
    for (const w of (r.prefix ? r.prefix.completions : [])) words.add(w.toLowerCase());
    matchedWords = { q: r.query, words: [...words].filter((w) => w.trim()) };
  }

  // A paragraph's text as text nodes and <mark>s around `words` (whole
  // words, any case); built with nodes, never HTML.
  function highlighted(text, words) {
    if (!words.length) return [text];
    const escaped = [...words].sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    const out = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      if (m.index > last) out.push(text.slice(last, m.index));
      out.push(h('mark', {}, m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  }

  function resultItem(hit) {
    const link = h('a', { href: urlOf({ ...state, doc: hit.id }),
                          onclick: (e) => { e.preventDefault(); go({ doc: hit.id }); } },
                   hit.title_highlighted ? snippetNodes(hit.title_highlighted)
                                         : hit.title || '(untitled)');
    const meta = [hit.date, hit.source, hit.author].filter(Boolean).join(' · ');
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

  // Phones: the filters start folded, so the first result is in view.
  const narrow = window.matchMedia('(max-width: 40rem)');
  function foldFacetsForWidth() { $('facets-box').open = !narrow.matches; }
  narrow.addEventListener('change', foldFacetsForWidth);

  // Several values of one field may be chosen (the server ORs them); the
  // counts are those of the search without that field's own filters.
  function renderFacets(facets) {
    const groups = [['source', 'Source', (v) => `source:${v}`, (v) => v, false],
                    ['author', 'Author', (v) => `author:${v}`, (v) => v, false],
                    ['tags', 'Tags', (v) => `tags:${v}`, (v) => v, false],
                    ['month', 'Month', (v) => `date:${v}`, monthLabel, true]];
    const sections = [];
    for (const [name, title, filterOf, label, newestFirst] of groups) {
      const counts = { ...(facets[name] || {}) };
      for (const f of state.filters) {  // chosen values stay on show, even at 0
        if (f.startsWith(filterOf(''))) counts[f.slice(filterOf('').length)] ??= 0;
      }
      const entries = Object.entries(counts);
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
    $('facets-box').hidden = sections.length === 0;
    $('facets-summary').textContent = state.filters.length ? `(${state.filters.length} chosen)` : '';
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
    const words = matchedWords.q === state.q ? matchedWords.words : [];
    $('article-body').replaceChildren(
      ...doc.text.split('\n').filter((p) => p.trim()).map((p) => h('p', {}, highlighted(p, words))));
    $('article-title').focus();
  }

  // ---- Wiring ----
  let searchTimer = 0;
  $('q').addEventListener('input', () => {
    const q = $('q').value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => go({ q, page: 1, doc: null, asTyped: false }, { replace: true }), SEARCH_DELAY_MS);
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(searchTimer);
    go({ q: $('q').value, page: 1, doc: null, asTyped: false });
  });
  $('sort').addEventListener('change', () => go({ sort: $('sort').value, page: 1 }));
  $('suggestion').addEventListener('click', (e) => {
    e.preventDefault();
    $('q').value = $('suggestion').textContent;
    go({ q: $('q').value, page: 1, asTyped: false });
  });
  $('as-typed').addEventListener('click', (e) => {
    e.preventDefault();
    go({ page: 1, asTyped: true });
  });
  $('home').addEventListener('click', (e) => {
    e.preventDefault();
    $('q').value = '';
    go({ q: '', filters: [], page: 1, doc: null, sort: 'relevance' });
    $('q').focus();
  });
  $('back').addEventListener('click', () => go({ doc: null }));
  // Arrow keys: from the box down into the results, and between them.
  const resultLinks = () => [...document.querySelectorAll('#results h3 a')];
  function moveThroughResults(e) {
    const links = resultLinks();
    const at = links.indexOf(document.activeElement);
    const inBox = document.activeElement === $('q');
    if (state.doc || !links.length || (!inBox && at < 0)) return false;
    if (e.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)].focus();
    else if (at > 0) links[at - 1].focus();
    else if (at === 0) $('q').focus();
    else return false;
    return true;
  }
  document.querySelector('.skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    (resultLinks()[0] || $('results')).focus();
  });
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey && !e.ctrlKey && !e.metaKey &&
        moveThroughResults(e)) {
      e.preventDefault();
    } else if (e.key === 'Escape' && state.doc) {
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
  foldFacetsForWidth();
  $('q').value = state.q;
  render();
})();
