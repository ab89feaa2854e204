import { ENTITY_TYPES } from '../types.js';
import type { DocumentDiff, EntityChange, RunDiff } from './diff.js';
import type { LooseAnnotation, LooseCountry, LooseEntity, SourceText } from './load-run.js';

/**
 * The HTML report: one static page, no script and no network (a Content-Security-Policy says so),
 * right-to-left, each document's text with its entities highlighted by type, a hover title per
 * entity, and a side panel with the counts and the country table. With a baseline run it also
 * marks what was added, removed or changed. Every piece of text from the run or the documents
 * goes through `escapeHtml`: the page must stay inert whatever the documents contain.
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

type MarkState = 'same' | 'added' | 'removed' | 'changed';

interface Mark {
  readonly entity: LooseEntity;
  readonly state: MarkState;
  readonly change?: EntityChange;
}

const ARABIC_FONTS = '"Noto Naskh Arabic", "Amiri", "Scheherazade New", "Arabic Typesetting", "Traditional Arabic", "Geeza Pro", Tahoma, sans-serif';

const TYPE_COLOURS: Readonly<Record<string, string>> = {
  PERSON: '#ffd8a8',
  LOCATION: '#b2f2bb',
  ORGANIZATION: '#a5d8ff',
  DATE: '#eebefa',
  COUNTRY_COUNT: '#ffec99',
};

const TYPE_NAMES_AR: Readonly<Record<string, string>> = {
  PERSON: 'شخص',
  LOCATION: 'مكان',
  ORGANIZATION: 'منظمة',
  DATE: 'تاريخ',
  COUNTRY_COUNT: 'عدد دول',
};

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

/** File names and paths are Latin: isolated left-to-right so the RTL page does not reorder them. */
const ltr = (text: string): string => `<bdi dir="ltr">${escapeHtml(text)}</bdi>`;

/** A type name safe as a CSS class suffix (types come from files, so they are not trusted). */
const typeClass = (type: string): string => `t-${type.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function hoverTitle(mark: Mark, baseline: string | undefined): string {
  const e = mark.entity;
  const lines = [`${e.type} «${e.text ?? ''}» ${e.start}-${e.end}`];
  if (e.link) lines.push(`link: ${e.link.gazetteer ?? '?'}:${e.link.id ?? '?'} ${e.link.name ?? ''}${e.link.country ? ` (${e.link.country})` : ''}`);
  if (e.value !== undefined) lines.push(`value: ${typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}`);
  if (e.qualifier !== undefined) lines.push(`qualifier: ${e.qualifier}`);
  if (e['relative'] === true) lines.push('relative date');
  if (e.source !== undefined) lines.push(`source: ${e.source}`);
  if (e.confidence !== undefined) lines.push(`confidence: ${e.confidence}`);
  if (mark.state === 'added') lines.push(`added (not in ${baseline})`);
  if (mark.state === 'removed') lines.push(`removed (only in ${baseline})`);
  if (mark.change) lines.push(`changed: ${mark.change.fields.map((f) => `${f} ${JSON.stringify(mark.change?.before[f]) ?? '(none)'} → ${JSON.stringify(mark.change?.after[f]) ?? '(none)'}`).join('; ')}`);
  return lines.join('\n');
}

function openMark(mark: Mark, continued: boolean, baseline: string | undefined): string {
  const e = mark.entity;
  const state = mark.state === 'same' ? '' : ` ${mark.state}`;
  return (
    `<mark class="ent ${typeClass(e.type)}${state}" data-type="${escapeHtml(e.type)}" data-state="${mark.state}"` +
    `${continued ? ' data-continued=""' : ''} title="${escapeHtml(hoverTitle(mark, baseline))}">`
  );
}

/**
 * The text with marks. Marks may overlap (a removed span across an added one): the text is cut at
 * every boundary and marks are closed and reopened around crossings; a reopened mark carries
 * `data-continued`, so counting marks without it counts entities.
 */
function highlight(text: string, marks: readonly Mark[], baseline: string | undefined): string {
  const chars = Array.from(text); // offsets are code points
  const ordered = [...marks].sort((a, b) => a.entity.start - b.entity.start || b.entity.end - a.entity.end);
  const boundaries = [...new Set([0, chars.length, ...ordered.flatMap((m) => [m.entity.start, m.entity.end])])].sort((a, b) => a - b);
  const opened = new Set<Mark>();
  let stack: Mark[] = [];
  let html = '';
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i] as number;
    const to = boundaries[i + 1] as number;
    const covering = ordered.filter((m) => m.entity.start <= from && to <= m.entity.end);
    let common = 0;
    while (common < stack.length && stack[common] === covering[common]) common++;
    html += '</mark>'.repeat(stack.length - common);
    stack = stack.slice(0, common);
    for (const mark of covering.slice(common)) {
      html += openMark(mark, opened.has(mark), baseline);
      opened.add(mark);
      stack.push(mark);
    }
    html += escapeHtml(chars.slice(from, to).join(''));
  }
  return html + '</mark>'.repeat(stack.length);
}

function marksOf(document: ReportDocument): Mark[] {
  const changes = new Map((document.diff?.changed ?? []).map((c) => [c.after, c]));
  const added = new Set((document.diff?.added ?? []).map((a) => a.entity));
  const marks: Mark[] = document.annotation.entities.map((entity) => {
    const change = changes.get(entity);
    if (change) return { entity, state: 'changed', change };
    return { entity, state: added.has(entity) ? 'added' : 'same' };
  });
  for (const { entity, at } of document.diff?.removed ?? []) marks.push({ entity: { ...entity, ...at }, state: 'removed' });
  return marks;
}

function countsTable(entities: readonly LooseEntity[], id?: string): string {
  const rows = ENTITY_TYPES.map((type) => {
    const count = entities.filter((e) => e.type === type).length;
    return `<tr data-type="${type}"><th><span class="swatch ${typeClass(type)}"></span>${type}</th><td class="count">${count}</td></tr>`;
  });
  return `<table class="counts"${id ? ` id="${id}"` : ''}><tbody>${rows.join('')}</tbody></table>`;
}

function countriesTable(countries: readonly LooseCountry[]): string {
  if (countries.length === 0) return '<p class="none">لا دول · no countries</p>';
  const rows = countries.map(
    (c) =>
      `<tr data-code="${escapeHtml(c.code)}"><td>${escapeHtml(c.code)}</td><td>${escapeHtml(c.name ?? '')}</td>` +
      `<td class="mentions">${escapeHtml(c.mentions ?? 0)}</td><td class="adjectives">${escapeHtml(c.adjectiveMentions ?? 0)}</td></tr>`,
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

function diffSummary(document: ReportDocument, input: ReportInput): string {
  if (!input.against) return '';
  if (!document.diff) return '<p class="diff-summary doc-added">وثيقة جديدة · new document (not in the baseline)</p>';
  const d = document.diff;
  return (
    `<p class="diff-summary"><span class="added-count">+${d.added.length}</span> <span class="removed-count">−${d.removed.length}</span> ` +
    `<span class="changed-count">~${d.changed.length}</span>${d.textChanged ? ' · the source text changed' : ''}</p>`
  );
}

function documentSection(document: ReportDocument, index: number, input: ReportInput): string {
  const { annotation } = document;
  let body: string;
  if ('text' in document.text) {
    const length = Array.from(document.text.text).length;
    const marks = marksOf(document);
    const outside = marks.filter((m) => m.entity.end > length || m.entity.start >= m.entity.end);
    const warning = outside.length ? `<p class="text-problem">${outside.length} entities lie outside the text and are not shown.</p>` : '';
    body = `${warning}<div class="text" dir="rtl">${highlight(document.text.text, marks.filter((m) => !outside.includes(m)), input.against?.run)}</div>`;
  } else {
    const list = annotation.entities.map((e) => `<li data-type="${escapeHtml(e.type)}">${escapeHtml(e.type)} «${escapeHtml(e.text ?? '')}» ${e.start}-${e.end}</li>`);
    body = `<p class="text-problem">النص غير متوفر · ${escapeHtml(document.text.problem)}</p><ul class="entity-list">${list.join('')}</ul>`;
  }
  return (
    `<article class="doc" id="doc-${index}" data-doc="${escapeHtml(document.key)}"><h2>${ltr(document.key)}</h2>` +
    `<div class="doc-body">${body}<aside class="panel">${diffSummary(document, input)}<h3>الكيانات · entities</h3>${countsTable(annotation.entities)}` +
    `<h3>الدول · countries</h3>${countriesTable(annotation.countries)}</aside></div></article>`
  );
}

function runSummary(input: ReportInput): string {
  const entities = input.documents.flatMap((d) => d.annotation.entities);
  let diff = '';
  if (input.against) {
    const { totals, removedDocuments } = input.against.diff;
    diff =
      `<p class="diff-totals">مقارنة مع · compared with <code>${ltr(input.against.run)}</code>: ` +
      `${totals.documentsChanged} documents differ; entities +${totals.added} −${totals.removed} ~${totals.changed}; ` +
      `documents +${totals.documentsAdded} −${totals.documentsRemoved}</p>` +
      (removedDocuments.length ? `<p class="removed-documents">removed documents: ${removedDocuments.map((d) => `<code>${ltr(d)}</code>`).join(' ')}</p>` : '');
  }
  const toc = input.documents.map((d, i) => `<li><a href="#doc-${i}">${ltr(d.key)}</a> (${d.annotation.entities.length})</li>`).join('');
  return (
    `<section class="summary"><div><h2>المجموع · run totals</h2><p>${input.documents.length} documents</p>${countsTable(entities, 'run-counts')}${diff}</div>` +
    `<div><h2>الدول · countries</h2>${countriesTable(runCountries(input.documents))}</div><nav><h2>الوثائق · documents</h2><ol>${toc}</ol></nav></section>`
  );
}

function styles(): string {
  const types = ENTITY_TYPES.map(
    (t) =>
      `.${typeClass(t)}{background:${TYPE_COLOURS[t]}}` +
      `#show-${t}:not(:checked)~main mark.${typeClass(t)}{background:none;outline:none;text-decoration:none}`,
  ).join('\n');
  return `
body{font-family:${ARABIC_FONTS};margin:0;padding:0 1.5rem 2rem;background:#fafafa;color:#222;line-height:1.9}
header{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:.5rem 0;z-index:1}
h1{font-size:1.4rem;margin:.3rem 0}h2{font-size:1.15rem}h3{font-size:1rem;margin:.8rem 0 .2rem}
.toggle{position:absolute;opacity:0;pointer-events:none}
.legend label{display:inline-block;margin-inline-end:.8rem;cursor:pointer}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;margin-inline-end:.3em;vertical-align:middle}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}
.doc-body{display:grid;grid-template-columns:minmax(0,1fr) 19rem;gap:1.5rem}
.text{white-space:pre-wrap;font-size:1.15rem;unicode-bidi:plaintext}
.panel{font-size:.9rem;border-inline-start:1px solid #eee;padding-inline-start:1rem}
table{border-collapse:collapse}td,th{padding:.1rem .5rem;text-align:start;border-bottom:1px solid #eee}
mark.ent{border-radius:3px;padding:0 1px;color:inherit;cursor:help}
mark.added{outline:2px solid #2b8a3e}
mark.added::before{content:"+";color:#2b8a3e;font-weight:bold}
mark.removed{outline:2px dashed #c92a2a;text-decoration:line-through;opacity:.75}
mark.changed{outline:2px dotted #e67700}
.text-problem{color:#c92a2a;font-weight:bold}
.diff-legend mark{background:none;padding:0 .2rem}
.added-count{color:#2b8a3e}.removed-count{color:#c92a2a}.changed-count{color:#e67700}
${types}
`;
}

function legend(input: ReportInput): string {
  const types = ENTITY_TYPES.map((t) => `<label for="show-${t}"><span class="swatch ${typeClass(t)}"></span>${TYPE_NAMES_AR[t]} ${t}</label>`).join('');
  const marks = input.against ? '<span class="diff-legend"><mark class="added">جديد added</mark> <mark class="removed">محذوف removed</mark> <mark class="changed">معدَّل changed</mark></span>' : '';
  return `<div class="legend">${types}${marks}</div>`;
}

export function renderReport(input: ReportInput): string {
  const toggles = ENTITY_TYPES.map((t) => `<input type="checkbox" class="toggle" id="show-${t}" checked aria-label="show ${t}">`).join('');
  const title = `arabic-ner · ${input.run}${input.against ? ` ← ${input.against.run}` : ''}`;
  return `<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles()}</style>
</head>
<body>
${toggles}
<header><h1>تقرير الكيانات المسماة · ${ltr(title)}</h1>${legend(input)}</header>
<main>
${runSummary(input)}
${input.documents.map((d, i) => documentSection(d, i, input)).join('\n')}
</main>
</body>
</html>
`;
}
