import { createHash } from 'node:crypto';

/**
 * The one stylesheet, served by the app (no external fonts or files). It lives in a module rather
 * than a .css file so that the compiler carries it into dist/ and the container image with
 * everything else. Colours keep WCAG AA contrast on white (4.5:1 and more); focus is always visible.
 */
export const STYLESHEET = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --ok: #1d6b2f; --warn: #8a4b00; --bad: #a4161a; --bg-soft: #f2f5f8; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; line-height: 1.45; color: var(--ink); background: #fff; }
body { margin: 0; }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: #fff; padding: 0.5rem 0.75rem; border: 2px solid var(--accent); z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.site-header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); background: var(--bg-soft); }
.brand { font-weight: 700; color: var(--ink); text-decoration: none; }
.site-header nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 0.75rem; flex-wrap: wrap; }
.site-header a[aria-current] { font-weight: 700; color: var(--ink); }
.account { display: flex; gap: 0.75rem; align-items: center; margin-left: auto; flex-wrap: wrap; }
.account p { margin: 0; color: var(--muted); }
main { padding: 1rem; max-width: 80rem; margin: 0 auto; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
button, input, select { font: inherit; }
button { background: var(--accent); color: #fff; border: 2px solid var(--accent); border-radius: 4px; padding: 0.35rem 0.9rem; cursor: pointer; }
button.quiet { background: #fff; color: var(--accent); }
a.button { display: inline-block; background: var(--accent); color: #fff; border-radius: 4px; padding: 0.35rem 0.9rem; text-decoration: none; }
input, select { border: 1px solid #767676; border-radius: 4px; padding: 0.3rem 0.45rem; background: #fff; color: var(--ink); }
label { display: block; font-weight: 600; }
.hint { display: block; font-weight: 400; color: var(--muted); font-size: 0.9rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; border: 1px solid var(--line); padding: 0.75rem 1rem; margin: 0 0 1rem; }
.filters legend { font-weight: 700; padding: 0 0.25rem; }
.table-wrap { overflow-x: auto; }
/* On a phone a table scrolls sideways rather than squeezing its columns to a word each. */
.table-wrap > table { min-width: 36rem; }
td code.hash { word-break: normal; white-space: nowrap; }
/* Focusable (tabindex=0) so that the keyboard can scroll a table wider than a phone. */
.table-wrap:focus-visible { outline-offset: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.55rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); background: var(--bg-soft); }
tbody th { font-weight: 600; }
.badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 999px; border: 1px solid currentColor; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); } .muted { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
.facts dt { font-weight: 600; } .facts dd { margin: 0; }
.as-of { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; margin: 0 0 1rem; }
.decision-detail, .others { margin: 0.15rem 0 0; padding: 0; list-style: none; font-size: 0.9rem; color: var(--muted); }
.timeline { list-style: none; margin: 0; padding: 0; }
.timeline > li { margin: 0 0 0.75rem; }
.track { position: relative; height: 0.9rem; background: var(--bg-soft); border: 1px solid var(--line); border-radius: 3px; margin: 0.25rem 0; }
.bar { position: absolute; top: 0; bottom: 0; background: var(--ok); border-radius: 2px; min-width: 3px; }
.bar.open { background: var(--accent); }
.timeline-scale { display: flex; justify-content: space-between; font-size: 0.85rem; color: var(--muted); }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; word-break: break-all; }
.notice { border-left: 4px solid var(--accent); background: var(--bg-soft); padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
.notice.bad { border-left-color: var(--bad); }
.pager { display: flex; gap: 1rem; margin: 0.75rem 0; }
.sign-in { max-width: 32rem; }
.sign-in input { width: 100%; margin: 0.25rem 0 0.75rem; }
@media (max-width: 40rem) { .facts { grid-template-columns: 1fr; } th, td { padding: 0.35rem; } }
@media print {
  @page { size: A4; margin: 10mm; }
  html { font-size: 8pt; line-height: 1.3; }
  .skip-link, .site-header, .as-of, .no-print, .pager, .filters, .timeline-intro { display: none !important; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 13pt; margin: 0 0 4pt; } h2 { font-size: 10pt; margin: 6pt 0 2pt; }
  .facts { grid-template-columns: max-content 1fr max-content 1fr; margin-bottom: 4pt; }
  a { color: inherit; text-decoration: none; }
  th, td { padding: 1.5pt 3pt; }
  .badge { padding: 0 3pt; }
  .track { height: 6pt; border-color: #888; } .bar { background: #555 !important; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .table-wrap > table { min-width: 0; }
  tr, .timeline > li { break-inside: avoid; }
}
`;

/** The URL carries the content's hash, so browsers may keep the file for a year and still see a change at once. */
export const STYLESHEET_FILE = `dashboard.${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12)}.css`;
