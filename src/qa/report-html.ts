import { posix } from 'node:path';
import { ENTITY_TYPES } from '../types.js';
import type { DocumentDiff, RunDiff } from './diff.js';
import { escapeHtml, ltr } from './html-escape.js';
import type { LooseAnnotation, LooseCountry, LooseEntity, SourceText } from './load-run.js';
import { MARK_TEXT_COLOUR, typeStyle } from './report-palette.js';
import { changeText, documentMarks, highlightText, linkText, markDetails, markLabel, shown, type Mark } from './report-text.js';

/**
 * The HTML report, as static pages: no script and no network (a Content-Security-Policy says so),
 * right-to-left. A document's page opens on its text with every entity highlighted and labelled
 * by type; hovering or focusing (Tab) an entity shows its source, confidence, link and value;
 * check boxes filter by type, by source and, in the diff view, hide unchanged entities (CSS
 * `:has()`, no script); the counts and the country table are in a side panel and every entity is
 * listed in a table after the text (what print and screen readers get). A run is an index page
 * plus one page per document, so a run of thousands opens as fast as one document; a single page
 * holding every document is kept for small runs. Every piece of text from the run or the
 * documents goes through `escapeHtml`: the pages stay inert whatever the documents contain.
 */

export interface ReportDocument {
  readonly key: string;
  readonly annotation: LooseAnnotation;
  readonly text: SourceText;
  /** Diff view: what changed against the baseline; `undefined` for a document the baseline lacks. */
  readonly diff?: DocumentDiff;
}

export interface ReportInput {
  readonly run: string;
  readonly documents: readonly ReportDocument[];
  /** Diff view: the baseline run and the run-level diff. */
  readonly against?: { readonly run: string; readonly diff: RunDiff };
}

/** One file of a report folder: its path below the folder ('/' separators) and its HTML. */
export interface ReportPage {
  readonly path: string;
  readonly html: string;
}

export const INDEX_PAGE = 'index.html';

/** Where a document's page lives in a report folder: its key (its path in the run) below `docs/`. */
export const documentPagePath = (key: string): string => `docs/${key}.html`;

/** A relative link from one page of the folder to another, each path segment URL-encoded. */
function href(fromPage: string, toPage: string): string {
  return posix
    .relative(posix.dirname(fromPage), toPage)
    .split('/')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

const ARABIC_FONTS = '"Noto Naskh Arabic", "Amiri", "Scheherazade New", "Arabic Typesetting", "Traditional Arabic", "Geeza Pro", Tahoma, sans-serif';
const UI_FONTS = 'system-ui, "DejaVu Sans", sans-serif';

/** A type name safe as a CSS class suffix (types come from files, so they are not trusted). */
const typeClass = (type: string): string => `t-${type.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const sourceOf = (entity: LooseEntity): string => entity.source ?? '(none)';

/** The sources a page filters by, each with its class index (sources come from files: never a class name themselves). */
type SourceIndex = ReadonlyMap<string, number>;

function sourceIndex(documents: readonly ReportDocument[]): SourceIndex {
  const sources = new Set(documents.flatMap((d) => [...d.annotation.entities, ...(d.diff?.removed ?? []).map((r) => r.entity)].map(sourceOf)));
  return new Map([...sources].sort().map((source, i) => [source, i]));
}

/** Types shown in the legend and the filters: the five v1 types, then any other the run names. */
function pageTypes(documents: readonly ReportDocument[]): string[] {
  const named = new Set(documents.flatMap((d) => d.annotation.entities.map((e) => e.type)));
  return [...ENTITY_TYPES, ...[...named].filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t)).sort()];
}

function styles(types: readonly string[], sources: SourceIndex): string {
  const colours = types.map((t) => `.${typeClass(t)}{--type:${typeStyle(t).colour}}`).join('');
  const filters: [string, string][] = [
    ...types.map((t): [string, string] => [`#f-${typeClass(t)}`, typeClass(t)]),
    ...[...sources.values()].map((i): [string, string] => [`#f-s-${i}`, `s-${i}`]),
    ['#f-unchanged', 'st-same'],
  ];
  const off = (element: string, pseudo = ''): string => filters.map(([box, cls]) => `body:has(${box}:not(:checked)) ${element}.${cls}${pseudo}`).join(',');
  return `
*{box-sizing:border-box}
body{font-family:${ARABIC_FONTS};margin:0;padding:0 1.5rem 2rem;background:#fafafa;color:#222;line-height:2}
header{border-bottom:1px solid #ddd;padding:.4rem 0;font-family:${UI_FONTS};font-size:.9rem;line-height:1.6}
header h1{font-size:1.2rem;margin:.2rem 0}h2{font-size:1.1rem}h3{font-size:1rem;margin:.8rem 0 .2rem}
nav.pager a{margin-inline-end:1rem}
.filters{display:flex;flex-wrap:wrap;gap:.2rem 1rem;align-items:baseline}
.filters label{white-space:nowrap;cursor:pointer}
.filters details{display:inline-block}.filters details label{display:block}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #666;margin-inline-end:.3em;vertical-align:middle;background:var(--type)}
.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}
.doc-body{display:grid;grid-template-columns:minmax(0,1fr) 21rem;gap:1.5rem}
@media (max-width:60rem){.doc-body{grid-template-columns:1fr}}
.text{white-space:pre-wrap;font-size:1.2rem;unicode-bidi:plaintext}
.panel{font-size:.85rem;border-inline-start:1px solid #eee;padding-inline-start:1rem;font-family:${UI_FONTS};overflow-x:auto}
.panel table{font-size:.85rem}
table{border-collapse:collapse;font-family:${UI_FONTS};font-size:.9rem}td,th{padding:.1rem .5rem;text-align:start;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:end;font-variant-numeric:tabular-nums}
mark.ent{position:relative;background:var(--type);color:${MARK_TEXT_COLOUR};border-radius:3px;padding:0 1px;cursor:help;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.ent[data-label]::after{content:attr(data-label);font:600 .6rem/1 ${UI_FONTS};direction:ltr;unicode-bidi:isolate;vertical-align:super;margin-inline-start:2px;padding:1px 2px;border:1px solid #444;border-radius:2px;background:#fff;color:#222}
mark.ent:focus{outline:none;box-shadow:0 0 0 3px #1864ab}
mark.ent:is(:hover,:focus):not(:has(mark.ent:hover))::before{content:attr(data-details);position:absolute;top:100%;inset-inline-start:0;z-index:3;width:max-content;max-width:32rem;white-space:pre-wrap;direction:ltr;unicode-bidi:plaintext;text-align:left;background:#222;color:#fff;font:.85rem/1.5 ${UI_FONTS};padding:.4rem .6rem;border-radius:4px;pointer-events:none}
mark.st-added{outline:2px solid #2b8a3e}
mark.st-removed{outline:2px dashed #c92a2a;text-decoration:line-through;opacity:.8}
mark.st-changed{outline:2px dotted #e67700}
ins.edited{text-decoration:none;background:repeating-linear-gradient(-45deg,transparent 0 5px,#adb5bd 5px 7px);-webkit-print-color-adjust:exact;print-color-adjust:exact}
ul.kinds{margin:.2rem 0;padding-inline-start:1.2rem}
${off('mark')}{background:none;outline:none;box-shadow:none;text-decoration:none;opacity:1;cursor:auto}
${off('mark', '::after')},${off('mark', '::before')}{content:none}
${off('.entities tr')}{display:none}
.text-problem{color:#c92a2a;font-weight:bold}
.added-count{color:#2b8a3e}.removed-count{color:#c92a2a}.changed-count{color:#e67700}
${colours}
`;
}

function page(title: string, body: string, types: readonly string[], sources: SourceIndex): string {
  return `<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles(types, sources)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The check boxes: one per type (with its swatch and label: the legend), one per source, and in the diff view one for unchanged entities. */
function filters(types: readonly string[], sources: SourceIndex, diffView: boolean): string {
  const typeBoxes = types
    .map((t) => {
      const style = typeStyle(t);
      return `<label class="${typeClass(t)}"><input type="checkbox" id="f-${typeClass(t)}" checked><span class="swatch"></span>${escapeHtml(style.arabic)} <bdi dir="ltr">${escapeHtml(style.label)}</bdi></label>`;
    })
    .join('');
  const sourceBoxes = [...sources].map(([source, i]) => `<label><input type="checkbox" id="f-s-${i}" checked>${ltr(source)}</label>`).join('');
  const diff = diffView
    ? '<label><input type="checkbox" id="f-unchanged" checked>غير المعدَّل · unchanged</label> <span class="diff-legend">+ جديد added · − محذوف removed · ~ معدَّل changed · ✎ <ins class="edited">نص معدَّل edited text</ins></span>'
    : '';
  return `<div class="filters" role="group" aria-label="filters"><span>الأنواع · types:</span>${typeBoxes}<details><summary>المصادر · sources (${sources.size})</summary>${sourceBoxes}</details>${diff}</div>`;
}

function countsTable(entities: readonly LooseEntity[], id?: string): string {
  const rows = ENTITY_TYPES.map((type) => {
    const count = entities.filter((e) => e.type === type).length;
    return `<tr data-type="${type}" class="${typeClass(type)}"><th><span class="swatch"></span>${type}</th><td class="count n">${count}</td></tr>`;
  });
  return `<table class="counts"${id ? ` id="${id}"` : ''}><tbody>${rows.join('')}</tbody></table>`;
}

function countriesTable(countries: readonly LooseCountry[]): string {
  if (countries.length === 0) return '<p class="none">لا دول · no countries</p>';
  const rows = countries.map(
    (c) =>
      `<tr data-code="${escapeHtml(c.code)}"><td>${escapeHtml(c.code)}</td><td>${escapeHtml(c.name ?? '')}</td>` +
      `<td class="mentions n">${escapeHtml(c.mentions ?? 0)}</td><td class="adjectives n">${escapeHtml(c.adjectiveMentions ?? 0)}</td></tr>`,
  );
  return `<table class="countries"><thead><tr><th>code</th><th>name</th><th title="LOCATION entities linked to the country">mentions</th><th title="nationality adjectives">adjectives</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The whole run's countries: mentions summed per code. */
function runCountries(documents: readonly ReportDocument[]): LooseCountry[] {
  const byCode = new Map<string, { code: string; name: string; mentions: number; adjectiveMentions: number }>();
  for (const c of documents.flatMap((d) => d.annotation.countries)) {
    const total = byCode.get(c.code) ?? { code: c.code, name: c.name ?? '', mentions: 0, adjectiveMentions: 0 };
    total.mentions += c.mentions ?? 0;
    total.adjectiveMentions += c.adjectiveMentions ?? 0;
    byCode.set(c.code, total);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Counts of a change summary as `kind n` items, the zero ones left out. */
function kindCounts(counts: Readonly<Record<string, number>>): string {
  const items = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `<li data-kind="${escapeHtml(kind)}">${escapeHtml(kind)} <span class="n">${n}</span></li>`);
  return items.length ? `<ul class="kinds">${items.join('')}</ul>` : '';
}

/** What changed in a document, by kind (each entity counted once per kind it shows). */
function documentKinds(diff: DocumentDiff): Record<string, number> {
  const counts: Record<string, number> = { added: diff.added.length, removed: diff.removed.length };
  for (const change of diff.changed) for (const kind of change.kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  counts['in edited text'] = [...diff.added, ...diff.removed, ...diff.changed].filter((c) => c.inEditedText).length;
  return counts;
}

function textStatus(diff: DocumentDiff): string {
  if (diff.text.status === 'aligned') return '<p class="text-status">✎ the source text was edited: the edited stretches are hatched, entities matched across them</p>';
  if (diff.text.status === 'unaligned') return `<p class="text-status text-problem">the source text changed and was not aligned (${escapeHtml(diff.text.problem)}): entities matched by offsets only</p>`;
  return '';
}

function diffSummary(document: ReportDocument, input: ReportInput): string {
  if (!input.against) return '';
  if (!document.diff) return '<p class="diff-summary doc-added">وثيقة جديدة · new document (not in the baseline)</p>';
  const d = document.diff;
  return (
    `<p class="diff-summary"><span class="added-count">+${d.added.length}</span> <span class="removed-count">−${d.removed.length}</span> ` +
    `<span class="changed-count">~${d.changed.length}</span></p>${kindCounts(documentKinds(d))}${textStatus(d)}`
  );
}

/** Every entity of the document in a table after the text: what the hover shows, for print and screen readers. */
function entityTable(marks: readonly Mark[], rowId: (mark: Mark) => string, classes: (mark: Mark) => string, baseline: string | undefined): string {
  const rows = marks.map((mark) => {
    const e = mark.entity;
    const change = baseline !== undefined ? `<td>${escapeHtml(changeText(mark, baseline))}</td>` : '';
    return (
      `<tr id="${rowId(mark)}" class="${classes(mark)}" data-type="${escapeHtml(e.type)}"><td><span class="swatch"></span><bdi dir="ltr">${escapeHtml(markLabel(mark))}</bdi></td>` +
      `<td dir="rtl">${escapeHtml(e.text ?? '')}</td><td class="n">${e.start}–${e.end}</td><td>${ltr(sourceOf(e))}</td><td class="n">${escapeHtml(e.confidence ?? '—')}</td>` +
      `<td>${ltr(linkText(e))}</td><td>${ltr(shown(e.value))}</td>${change}</tr>`
    );
  });
  const changeHead = baseline !== undefined ? '<th>change</th>' : '';
  return `<table class="entities"><thead><tr><th>type</th><th>text</th><th>offsets</th><th>source</th><th>confidence</th><th>link</th><th>value</th>${changeHead}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One document: its text with highlights first, the panel beside it, the entity table after. `idPrefix` keeps ids unique on a page of several documents. */
function documentSection(document: ReportDocument, input: ReportInput, sources: SourceIndex, idPrefix: string, heading: string): string {
  const { annotation } = document;
  const baseline = input.against?.run;
  const marks = documentMarks(annotation.entities, document.diff);
  const rowId = (mark: Mark): string => `${idPrefix}x${mark.row}`;
  const classes = (mark: Mark): string => `${typeClass(mark.entity.type)} s-${sources.get(sourceOf(mark.entity)) ?? 0} st-${mark.state}`;
  let text: string;
  if ('text' in document.text) {
    const length = Array.from(document.text.text).length;
    // A removed entity whose text was deleted has an empty span: the table lists it, the text cannot show it.
    const deleted: Mark[] = [];
    const outside: Mark[] = [];
    const inside: Mark[] = [];
    for (const m of marks) {
      if (m.state === 'removed' && m.entity.start === m.entity.end && m.entity.end <= length) deleted.push(m);
      else if (m.entity.end > length || m.entity.start >= m.entity.end) outside.push(m);
      else inside.push(m);
    }
    const warning = outside.length ? `<p class="text-problem">${outside.length} entities lie outside the text and are not highlighted.</p>` : '';
    const gone = deleted.length ? `<p class="text-status">${deleted.length} removed entities lay in deleted text: listed in the table below.</p>` : '';
    const edits = document.diff?.text.status === 'aligned' ? document.diff.text.edits.map((edit) => edit.after) : [];
    const highlighted = highlightText(document.text.text, inside, (mark) => ({ classes: classes(mark), rowId: rowId(mark), details: markDetails(mark, baseline) }), edits);
    text = `${warning}${gone}<div class="text" dir="rtl">${highlighted}</div>`;
  } else {
    text = `<p class="text-problem">النص غير متوفر · ${escapeHtml(document.text.problem)}</p>`;
  }
  return (
    `<article class="doc" data-doc="${escapeHtml(document.key)}">${heading}` +
    `<div class="doc-body"><div class="main-column">${text}</div><aside class="panel">${diffSummary(document, input)}<h3>الكيانات · entities</h3>${countsTable(annotation.entities)}` +
    `<h3>الدول · countries</h3>${countriesTable(annotation.countries)}</aside></div>` +
    `<section class="entity-list"><h3>كل الكيانات · every entity</h3>${entityTable(marks, rowId, classes, baseline)}</section></article>`
  );
}

const reportTitle = (input: ReportInput): string => `arabic-ner · ${input.run}${input.against ? ` ← ${input.against.run}` : ''}`;

function runTotals(input: ReportInput): string {
  const entities = input.documents.flatMap((d) => d.annotation.entities);
  let diff = '';
  if (input.against) {
    const { totals, removedDocuments } = input.against.diff;
    diff =
      `<p class="diff-totals">مقارنة مع · compared with <code>${ltr(input.against.run)}</code>: ` +
      `${totals.documentsChanged} documents differ; entities +${totals.added} −${totals.removed} ~${totals.changed}; ` +
      `documents +${totals.documentsAdded} −${totals.documentsRemoved}</p>${kindCounts(input.against.diff.summary.byKind)}` +
      (removedDocuments.length ? `<p class="removed-documents">removed documents: ${removedDocuments.map((d) => `<code>${ltr(d)}</code>`).join(' ')}</p>` : '');
  }
  return `<div class="totals"><p><bdi dir="ltr">${input.documents.length} documents, ${entities.length} entities</bdi></p>${countsTable(entities, 'run-counts')}${diff}</div>`;
}

/** A document's own page in a report folder: links back to the index and to its neighbours, then the document. */
function documentPage(input: ReportInput, index: number): string {
  const document = input.documents[index] as ReportDocument;
  const path = documentPagePath(document.key);
  const link = (target: ReportDocument | undefined, text: string, rel: string): string =>
    target ? `<a rel="${rel}" href="${escapeHtml(href(path, documentPagePath(target.key)))}">${text}</a>` : '';
  const nav =
    `<nav class="pager"><a rel="index" href="${escapeHtml(href(path, INDEX_PAGE))}">الفهرس · index</a>` +
    `${link(input.documents[index - 1], '→ السابق · previous', 'prev')}${link(input.documents[index + 1], 'التالي · next ←', 'next')}` +
    `<span>${index + 1} / ${input.documents.length}</span></nav>`;
  const single: readonly ReportDocument[] = [document];
  const sources = sourceIndex(single);
  const types = pageTypes(single);
  const header = `<header>${nav}<h1>${ltr(document.key)}</h1>${filters(types, sources, input.against !== undefined)}</header>`;
  return page(`${document.key} · ${reportTitle(input)}`, `${header}<main>${documentSection(document, input, sources, '', '')}</main>`, types, sources);
}

/** The index of a report folder: the run's totals, one row per document with its counts, the run's countries. */
function indexPage(input: ReportInput): string {
  const diffView = input.against !== undefined;
  const rows = input.documents.map((d) => {
    const counts = ENTITY_TYPES.map((t) => `<td class="n" data-type="${t}">${d.annotation.entities.filter((e) => e.type === t).length}</td>`).join('');
    const diff = diffView
      ? d.diff
        ? `<td class="n added-count">+${d.diff.added.length}</td><td class="n removed-count">−${d.diff.removed.length}</td><td class="n changed-count">~${d.diff.changed.length}</td>`
        : '<td colspan="3">new document</td>'
      : '';
    const note = 'problem' in d.text ? escapeHtml(d.text.problem) : '';
    return `<tr data-doc="${escapeHtml(d.key)}"><td><a href="${escapeHtml(href(INDEX_PAGE, documentPagePath(d.key)))}">${ltr(d.key)}</a></td><td class="n">${d.annotation.entities.length}</td>${counts}${diff}<td class="note">${note}</td></tr>`;
  });
  const typeHeads = ENTITY_TYPES.map((t) => `<th class="${typeClass(t)}"><span class="swatch"></span><bdi dir="ltr">${typeStyle(t).label}</bdi></th>`).join('');
  const diffHeads = diffView ? '<th colspan="3">changes</th>' : '';
  const table = `<table class="documents"><thead><tr><th>document</th><th>entities</th>${typeHeads}${diffHeads}<th>note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const body =
    `<header><h1>تقرير الكيانات المسماة · ${ltr(reportTitle(input))}</h1>${runTotals(input)}</header>` +
    `<main><h2>الوثائق · documents</h2>${table}<h2>الدول · countries</h2>${countriesTable(runCountries(input.documents))}</main>`;
  return page(reportTitle(input), body, ENTITY_TYPES, new Map());
}

/** A report folder: `index.html`, then one page per document under `docs/`, in the run's order. */
export function* reportPages(input: ReportInput): Generator<ReportPage> {
  yield { path: INDEX_PAGE, html: indexPage(input) };
  for (let i = 0; i < input.documents.length; i++) yield { path: documentPagePath((input.documents[i] as ReportDocument).key), html: documentPage(input, i) };
}

/** Every document on one page (for a few documents: a page to attach to a review), the run's totals and countries after them. */
export function renderSinglePage(input: ReportInput): string {
  const sources = sourceIndex(input.documents);
  const types = pageTypes(input.documents);
  const header = `<header><h1>تقرير الكيانات المسماة · ${ltr(reportTitle(input))}</h1><nav class="pager"><a href="#run">المجموع · run totals</a></nav>${filters(types, sources, input.against !== undefined)}</header>`;
  const sections = input.documents.map((d, i) => documentSection(d, input, sources, `d${i}-`, `<h2 id="doc-${i}">${ltr(d.key)}</h2>`)).join('\n');
  const toc = input.documents.map((d, i) => `<li><a href="#doc-${i}">${ltr(d.key)}</a> (${d.annotation.entities.length})</li>`).join('');
  const summary = `<section class="summary" id="run"><h2>المجموع · run totals</h2>${runTotals(input)}<h2>الدول · countries</h2>${countriesTable(runCountries(input.documents))}<h2>الوثائق · documents</h2><ol>${toc}</ol></section>`;
  return page(reportTitle(input), `${header}<main>${sections}${summary}</main>`, types, sources);
}
