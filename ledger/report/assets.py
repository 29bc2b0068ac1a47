"""The report's inline stylesheet and script: no external assets, so the site opens from file://.
The pages' Content-Security-Policy allows exactly these two by hash and nothing else (no other
script, style, image, font, frame, form or connection), so even markup that slipped past escaping
could not run or fetch anything."""
import base64
import hashlib

CSS = """
:root { --error: #f8c9c4; --error-ink: #9b1c10; --warning: #fbe3b0; --warning-ink: #8a5300;
        --info: #cfe3f7; --info-ink: #1d4f80; --plain: #eeeadb; --ink: #1f2328; --muted: #5f6b76; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
       background: #fafaf7; }
header { padding: 1rem 1.5rem .6rem; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { margin: .1rem 0 .3rem; font-size: 1.35rem; }
header .meta, .muted { color: var(--muted); font-size: .9rem; }
nav a, a { color: #1d4f80; }
main { padding: 1rem 1.5rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e4e4e0; vertical-align: top; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 1.6em; padding: 0 .4em; border-radius: .7em; font-size: .8rem;
         text-align: center; font-weight: 600; }
.badge.error { background: var(--error); color: var(--error-ink); }
.badge.warning { background: var(--warning); color: var(--warning-ink); }
.badge.info { background: var(--info); color: var(--info-ink); }
.badge.zero { background: transparent; color: #b5b5b0; font-weight: 400; }
.badge.waived { background: #e4e4de; color: #55554f; }
.waiver { font-style: italic; color: #55554f; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.5rem; }
.text { white-space: pre-wrap; background: #fff; padding: 1rem 1.25rem; border: 1px solid #e4e4e0;
        border-radius: 6px; font: 16px/1.7 Georgia, "Times New Roman", serif; overflow-wrap: anywhere; }
mark { background: var(--plain); color: inherit; border-radius: 2px; cursor: pointer;
       border-bottom: 2px solid #c9c2a6; padding: 0 1px; }
mark.error { background: var(--error); border-bottom-color: var(--error-ink); }
mark.warning { background: var(--warning); border-bottom-color: var(--warning-ink); }
mark.info { background: var(--info); border-bottom-color: var(--info-ink); }
mark mark { border-bottom-style: double; border-bottom-width: 4px; }
mark.active { outline: 2px solid var(--ink); }
mark:focus-visible { outline: 2px dashed var(--ink); }
aside { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
aside h2, main h2 { font-size: 1rem; margin: .2rem 0 .6rem; }
details.item { background: #fff; border: 1px solid #e4e4e0; border-left: 4px solid #c9c2a6;
               border-radius: 6px; margin-bottom: .5rem; padding: .4rem .7rem; }
details.item.error { border-left-color: var(--error-ink); }
details.item.warning { border-left-color: var(--warning-ink); }
details.item.info { border-left-color: var(--info-ink); }
details.item.active { box-shadow: 0 0 0 2px var(--ink); }
details.item summary { cursor: pointer; font-weight: 600; }
details.item .kind { color: var(--muted); font-weight: 400; font-size: .85rem; }
.quote { font-style: italic; color: #3b434b; margin: .3rem 0; }
.finding { margin: .45rem 0; padding: .4rem .55rem; border-radius: 4px; background: #f6f6f3; }
.finding .rule { font-weight: 700; font-family: ui-monospace, monospace; }
.finding .loc, dl, .loc { font-size: .82rem; color: var(--muted); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: .4rem 0; }
dt { font-weight: 600; } dd { margin: 0; color: var(--ink); }
.cluster { background: #fff; border: 1px solid #e4e4e0; border-radius: 6px; padding: .5rem .8rem;
           margin-bottom: .6rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
"""

# Clicking (or pressing Enter on) a highlight opens its item's panel and marks both as active.
JS = """
(function () {
  function activate(mark) {
    var panel = document.getElementById(mark.getAttribute('data-panel'));
    if (!panel) { return; }
    document.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    document.querySelectorAll('mark[data-panel="' + panel.id + '"]').forEach(function (m) {
      m.classList.add('active');
    });
    panel.open = true;
    panel.classList.add('active');
    panel.scrollIntoView({block: 'nearest'});
  }
  document.addEventListener('click', function (ev) {
    var mark = ev.target.closest('mark[data-panel]');
    if (mark) { activate(mark); }
  });
  document.addEventListener('keydown', function (ev) {
    var mark = ev.target.closest && ev.target.closest('mark[data-panel]');
    if (mark && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); activate(mark); }
  });
})();
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (f"default-src 'none'; script-src {_sha256(JS)}; style-src {_sha256(CSS)}; "
       "base-uri 'none'; form-action 'none'")
