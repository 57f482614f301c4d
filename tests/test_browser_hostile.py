"""The hostile-but-valid corpus in a real browser, with traps set: nothing runs, nothing leaves.

One site is built (strict MkDocs, Mermaid served locally) from the base tree and every
``outcome: builds`` folder case of tests/adversarial/ laid over it together: HTML and event
handlers in every text field, Markdown, Mermaid syntax in labels, YAML look-alikes, Unicode. It is
served on 127.0.0.1 and every page of the hostile agencies, the regional pages, the indexes and a
redirect page are opened in Chromium (the reader of tests/browsing.py) with a trap installed before
any script of the page runs:

- ``pwn`` (what every payload calls), ``alert``, ``confirm``, ``prompt``, ``print`` and
  ``window.open`` record each call; ``eval`` and ``Function`` record calls whose source mentions a
  payload; ``fetch`` records requests that would leave the machine; a CSP violation is recorded;
- every request is watched, and one that would leave localhost is aborted and recorded.

On every page: no trap fired, no console or page error, no payload element or attribute exists in
the DOM (Mermaid's shadow roots included), every diagram rendered an ``svg`` without "Syntax
error" inside its ``.pohon-diagram`` box (wide diagrams scroll inside the box, nothing sticks out
of it or of the article). Material's search is used with payload words too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mkdocs_pohon_plugin.core import check_trees
from tests import corpus
from tests.browsing import DESKTOP, Reader
from tests.sites import build_site
from tests.treebuilder import base_files, write_tree

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TRAP = """
(() => {
  const calls = [];
  Object.defineProperty(window, '__pohonTrap', {value: calls});
  const note = (name, args) => calls.push([name, String(args[0]).slice(0, 160), location.pathname]);
  const payload = (text) => /pwn|alert|evil\\.example/.test(String(text));
  window.pwn = function (...args) { note('pwn', args); };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = function (...args) { note(name, args); };
  }
  window.open = function (...args) { note('open', args); return null; };
  const realEval = window.eval;
  window.eval = function (source) {
    if (payload(source)) note('eval', [source]);
    return realEval(source);
  };
  const RealFunction = window.Function;
  window.Function = new Proxy(RealFunction, {
    apply(target, self, args) {
      if (payload(args.join(' '))) note('Function', args);
      return Reflect.apply(target, self, args);
    },
    construct(target, args) {
      if (payload(args.join(' '))) note('Function', args);
      return Reflect.construct(target, args);
    },
  });
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.hostname !== location.hostname) note('fetch', [url.href]);
    return realFetch.call(this, input, init);
  };
  document.addEventListener('securitypolicyviolation',
    (e) => note('csp', [e.violatedDirective + ' ' + e.blockedURI]));
})();
"""

# Elements and attributes a payload would have created, in the page and in Mermaid's shadow roots.
INJECTED = """
() => {
  const roots = [document, ...(window.__pohonShadows || []).map(([host, root]) => root)];
  const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'xlink:href',
                         'srcdoc', 'poster', 'background', 'style', 'content'];
  const bad = /pwn\\(|evil\\.example|^\\s*javascript:/i;
  const found = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if ((name.startsWith('on') || urlAttributes.includes(name)) && bad.test(attr.value)) {
          found.push(`<${tag} ${name}="${attr.value.slice(0, 80)}">`);
        }
      }
      const raw = tag === 'script' || tag === 'style';
      if (raw && /pwn|display:\\s*none\\s*}/.test(el.textContent)) {
        found.push(`<${tag}>${el.textContent.slice(0, 80)}`);
      }
      if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'img' && el.getAttribute('src') === 'x') found.push('<img src=x>');
    }
  }
  return found;
}
"""

# Each rendered diagram: where its svg lives and whether it stays in its box.
CONTAINMENT = """
() => {
  const roots = new Map(window.__pohonShadows || []);
  return Array.from(document.querySelectorAll('div.mermaid')).map((host) => {
    const wrapper = host.closest('.pohon-diagram');
    const article = host.closest('article');
    const root = roots.get(host);
    const svg = root ? root.querySelector('svg') : null;
    if (!wrapper || !article || !svg) {
      return {ok: false, why: `wrapper ${!!wrapper}, article ${!!article}, svg ${!!svg}`};
    }
    const w = wrapper.getBoundingClientRect();
    const a = article.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    const overflowX = getComputedStyle(wrapper).overflowX;
    const problems = [];
    if (svg.getRootNode() !== root) problems.push('svg outside the diagram\\'s shadow root');
    if (s.top < w.top - 1 || s.bottom > w.bottom + 1) problems.push('svg taller than its box');
    // Measured from where the box's content starts (pohon.js may scroll it to the page's node).
    if (s.left + wrapper.scrollLeft < w.left - 1) problems.push('svg starts left of its box');
    if (s.right > w.right + 1 && !['auto', 'scroll'].includes(overflowX)) {
      problems.push(`svg wider than its box, which does not scroll (${overflowX})`);
    }
    if (w.left < a.left - 1 || w.right > a.right + 1) problems.push('box wider than the article');
    // Nothing Mermaid drew lies outside the svg (labels are foreignObject HTML).
    for (const el of root.querySelectorAll('g.node, foreignObject, .label')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      const out = b.left < s.left - 2 || b.right > s.right + 2;
      if (out || b.top < s.top - 2 || b.bottom > s.bottom + 2) {
        problems.push(`${el.tagName} outside the svg: ${el.textContent.slice(0, 40)}`);
      }
    }
    return {ok: problems.length === 0, why: problems.join('; '), wide: s.width > w.width};
  });
}
"""

BUILT = [c for c in corpus.folder_cases() if c.expect.outcome == "builds"]
SEARCHES = ["pwn", "onerror"]


def combined_tree() -> dict[str, str | bytes]:
    """The base tree with every hostile-but-valid folder case laid over it (no two cases may
    replace the same file)."""
    base = base_files()
    files: dict[str, str | bytes] = dict(base)
    owner: dict[str, str] = {}
    for case in BUILT:
        for name, content in case.files().items():
            if content == base.get(name):
                continue
            assert name not in owner, f"{case.name} and {owner[name]} both write {name}"
            owner[name] = case.name
            files[name] = content
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, mermaid_js: Path) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    write_tree(project / "trees", combined_tree())
    result = check_trees(project / "trees")
    assert result.errors == [], "\n".join(d.format() for d in result.errors)
    return build_site(project, None, corpus.SITE.with_options(mermaid_js=mermaid_js))


HOSTILE_OPDS = ("xss", "md", "mm", "kutip", "unikode")


def pages_to_visit(site: Path) -> list[str]:
    """Every kind of page that shows hostile text, each hostile node once: Home, the agency list,
    the indexes and the Mutu Pohon page; every page kind of the agency with HTML in every field; the other hostile
    agencies' pages; every node page of the hostile agencies and the regional sasaran above them;
    the indicator pages of the HTML, Markdown, YAML and Unicode cases and one of the Mermaid case
    (its indicators carry no hostile text but "end"). Redirect pages have their own test."""
    pages = ["", "opd/", "indeks/indikator/", "indeks/iku/", "indeks/crosscutting/", "indeks/kode/"]
    pages += ["indeks/mutu/"]
    pages += ["opd/xss/", "opd/xss/cascading/", "opd/xss/sasaran_program/", "opd/xss/mutu/"]
    pages += sorted(
        f"opd/xss/{p.parent.name}/" for p in (site / "opd" / "xss").glob("pk-*/index.html")
    )[:1]
    pages += [f"opd/{opd}/" for opd in HOSTILE_OPDS[1:]]
    pages.append("node/sasaran/")
    for page in sorted((site / "node").glob("*/index.html")):
        redirect = 'http-equiv="refresh"' in page.read_text("utf-8")
        if page.parent.name.split("-")[0] in HOSTILE_OPDS and not redirect:
            pages.append(f"node/{page.parent.name}/")
    for page in sorted((site / "indikator").glob("*/index.html")):
        name = page.parent.name
        if name.split("-")[0] in ("xss", "md", "kutip", "unikode") or name == "mm-ss-i1":
            pages.append(f"indikator/{name}/")
    return pages


@pytest.fixture(scope="module")
def reader(browser: Browser, base_url: str, site: Path) -> Iterator[Reader]:
    reader = Reader(browser, base_url, DESKTOP, site)
    reader.context.add_init_script(TRAP)
    try:
        yield reader
    finally:
        reader.close()


def _assert_clean(reader: Reader, where: str) -> None:
    page = reader.page
    fired = page.evaluate("() => window.__pohonTrap")
    assert fired == [], f"{where}: traps fired: {fired}"
    injected = page.evaluate(INJECTED)
    assert injected == [], f"{where}: payload markup in the DOM: {injected}"


TABS = 3
"""Pages are loaded three at a time (one tab each): Chromium renders them in parallel."""


def test_hostile_pages_run_no_script_and_keep_diagrams_in_their_boxes(
    reader: Reader, site: Path
) -> None:
    pages = pages_to_visit(site)
    assert len(pages) > 30
    main = reader.page
    tabs = [main] + [reader.watch.watch(reader.context.new_page()) for _ in range(TABS - 1)]
    diagrams = 0
    try:
        for start in range(0, len(pages), TABS):
            batch = list(zip(tabs, pages[start : start + TABS], strict=False))
            for tab, path in batch:
                tab.goto(reader.url(path), wait_until="commit")
            for tab, path in batch:
                reader.page = tab  # the reader's checks look at its current tab
                reader.check_diagrams()  # every diagram an svg, none says "Syntax error"
                _assert_clean(reader, path)
                boxes = tab.evaluate(CONTAINMENT)
                assert all(b["ok"] for b in boxes), (path, [b["why"] for b in boxes if not b["ok"]])
                diagrams += len(boxes)
    finally:
        reader.page = main
        for tab in tabs[1:]:
            tab.close()
    assert diagrams >= 20
    reader.watch.assert_no_errors()
    assert reader.watch.external == [], f"requests that left localhost: {reader.watch.external}"


def test_redirect_page_of_a_hostile_node_runs_nothing(reader: Reader) -> None:
    # node/xss-old/ is a static redirect (id_lama) whose title is a hostile statement.
    reader.page.goto(reader.url("node/xss-old/"))
    reader.page.wait_for_url(lambda url: url.rstrip("/").endswith("node/xss-ss"))
    reader.check_diagrams()
    _assert_clean(reader, "node/xss-old/ → node/xss-ss/")
    assert reader.watch.external == []


@pytest.mark.parametrize("query", SEARCHES)
def test_search_for_payload_words_shows_text_only(reader: Reader, query: str) -> None:
    page = reader.page
    reader.open("")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    results = page.locator(".md-search-result__list > li")
    results.first.wait_for(timeout=20_000)
    page.wait_for_timeout(500)  # the list is re-rendered as the worker answers
    assert results.count() > 0
    _assert_clean(reader, f"search {query!r}")
    text = page.locator(".md-search-result").inner_text()
    assert query in text.lower()
    box.fill("")
    reader.watch.assert_no_errors()
    assert reader.watch.external == []
