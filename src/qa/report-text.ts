import type { Span } from './align.js';
import type { ChangeKind, DocumentDiff, EntityChange } from './diff.js';
import { escapeHtml } from './html-escape.js';
import type { LooseEntity } from './load-run.js';
import { typeStyle } from './report-palette.js';

/**
 * One document's text with its entities marked: which entities to mark (with what changed against
 * a baseline), what each mark says on hover or focus, and the HTML of the text itself.
 */

export type MarkState = 'same' | 'added' | 'removed' | 'changed';

export interface Mark {
  /** Offsets into the text shown (the new one): a removed entity is carried across the edits. */
  readonly entity: LooseEntity;
  readonly state: MarkState;
  readonly change?: EntityChange;
  /** It touches text edited between the runs. */
  readonly inEditedText: boolean;
  /** A removed entity: its span in the baseline's text. */
  readonly baselineSpan?: Span;
  /** Index of the row describing this entity in the page's entity table. */
  readonly row: number;
}

const STATE_PREFIX: Readonly<Record<MarkState, string>> = { same: '', added: '+', removed: '−', changed: '~' };

/** The entities of a document, and in the diff view the baseline's removed ones (where their text now lies), in text order. */
export function documentMarks(entities: readonly LooseEntity[], diff: DocumentDiff | undefined): Mark[] {
  const changes = new Map((diff?.changed ?? []).map((c) => [c.after, c]));
  const added = new Map((diff?.added ?? []).map((a) => [a.entity, a]));
  const marks: Omit<Mark, 'row'>[] = entities.map((entity) => {
    const change = changes.get(entity);
    if (change) return { entity, state: 'changed', change, inEditedText: change.inEditedText };
    const lone = added.get(entity);
    return { entity, state: lone ? 'added' : 'same', inEditedText: lone?.inEditedText ?? false };
  });
  for (const { entity, at, inEditedText } of diff?.removed ?? []) {
    marks.push({ entity: { ...entity, start: at.start, end: at.end }, state: 'removed', inEditedText, baselineSpan: { start: entity.start, end: entity.end } });
  }
  marks.sort((a, b) => a.entity.start - b.entity.start || b.entity.end - a.entity.end);
  return marks.map((mark, row) => ({ ...mark, row }));
}

/** Short names of change kinds, for labels in the text. */
const KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  type: 'type',
  'span grown': 'span+',
  'span shrunk': 'span−',
  'span moved': 'moved',
  text: 'text',
  value: 'value',
  link: 'link',
  source: 'source',
  confidence: 'conf',
  other: 'other',
};

/** The label printed after a highlight: its type's short name, with +, − or ~ in the diff view. */
export function markLabel(mark: Mark): string {
  const type = typeStyle(mark.entity.type).label;
  const edited = mark.inEditedText ? ' ✎' : '';
  const change = mark.change;
  if (!change) return `${STATE_PREFIX[mark.state]}${type}${edited}`;
  const head = change.kinds.includes('type') ? `~${typeStyle(change.before.type).label}→${type}` : `~${type}`;
  const rest = change.kinds.filter((k) => k !== 'type').map((k) => KIND_LABELS[k]);
  return `${head}${rest.length ? ` ${rest.join(',')}` : ''}${edited}`;
}

/** Arabic inside a left-to-right line of details, isolated (FSI … PDI) so the offsets after it keep their order. */
const isolate = (text: string): string => `\u2068${text}\u2069`;

/** A value as a reader sees it: text as it is, anything else as JSON, a dash when absent. */
export const shown = (value: unknown): string => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

export function linkText(entity: LooseEntity): string {
  const link = entity.link;
  if (!link) return '—';
  return `${link.gazetteer ?? '?'}:${link.id ?? '?'} ${link.name ?? ''}${link.country ? ` (${link.country})` : ''}`.trim();
}

/** What changed, in words, one fact a line: the kinds, then each span or field before → after. */
export function changeText(mark: Mark, baseline: string | undefined): string {
  const edited = mark.inEditedText ? ['in edited text'] : [];
  const from = baseline ?? 'the baseline';
  if (mark.state === 'added') return [`added (not in ${from})`, ...edited].join('\n');
  if (mark.state === 'removed') {
    const at = mark.baselineSpan ? ` at ${mark.baselineSpan.start}–${mark.baselineSpan.end}` : '';
    const deleted = mark.entity.start === mark.entity.end ? ['its text was deleted'] : [];
    return [`removed (only in ${from}${at})`, ...deleted, ...edited].join('\n');
  }
  const change = mark.change;
  if (!change) return edited.join('\n');
  const { before, after } = change;
  const span = change.kinds.some((k) => k.startsWith('span') || k === 'text') ? [`span: ${before.start}–${before.end} «${isolate(before.text ?? '')}» → ${after.start}–${after.end} «${isolate(after.text ?? '')}»`] : [];
  const fields = change.fields.map((f) => `${f}: ${JSON.stringify(before[f]) ?? '(none)'} → ${JSON.stringify(after[f]) ?? '(none)'}`);
  return [`changed: ${change.kinds.join(', ')}`, ...span, ...fields, ...edited].join('\n');
}

/** The details shown on hover or focus, one fact a line; source, confidence, link and value always. */
export function markDetails(mark: Mark, baseline: string | undefined): string {
  const e = mark.entity;
  const lines = [`${e.type} «${isolate(e.text ?? '')}» ${e.start}–${e.end}`, `source: ${shown(e.source)}`, `confidence: ${shown(e.confidence)}`, `link: ${linkText(e)}`, `value: ${shown(e.value)}`];
  if (e.qualifier !== undefined) lines.push(`qualifier: ${e.qualifier}`);
  if (e['relative'] === true) lines.push('relative date');
  const change = changeText(mark, baseline);
  if (change) lines.push(change);
  return lines.join('\n');
}

export interface MarkRendering {
  /** Classes beyond `ent`: type, source filter, state. */
  readonly classes: string;
  /** id of the entity's row in the table below the text, for `aria-describedby`. */
  readonly rowId: string;
  readonly details: string;
}

/** A stretch of the text drawn as one element: an entity's mark, or text edited since the baseline. */
interface Layer {
  readonly start: number;
  readonly end: number;
  readonly mark?: Mark;
}

/** A piece of a layer: layers that cross are closed and reopened, so one entity may take several pieces. */
interface Piece {
  readonly layer: Layer;
  readonly first: boolean;
  last: boolean;
}

/**
 * The text (offsets are code points, not UTF-16 units) with one `<mark>` per entity and, in the
 * diff view, an `<ins class="edited">` over each stretch of text edited since the baseline. The
 * text is cut at every boundary; where layers cross, the inner one is closed and reopened. Only
 * the first piece of an entity takes keyboard focus (the rest carry `data-continued`, so counting
 * marks without it counts entities), and only the last carries the label, after the entity's
 * last letter. Empty spans (a removed entity whose text was deleted) are not drawn.
 */
export function highlightText(text: string, marks: readonly Mark[], render: (mark: Mark) => MarkRendering, edited: readonly Span[] = []): string {
  const chars = Array.from(text);
  const all: Layer[] = [...edited.map((span) => ({ start: span.start, end: span.end })), ...marks.map((mark) => ({ start: mark.entity.start, end: mark.entity.end, mark }))];
  const layers = all
    .filter((layer) => layer.start < layer.end)
    // Outer first: earlier start, then longer; an edited stretch outside the entities it holds.
    .sort((a, b) => a.start - b.start || b.end - a.end || (a.mark ? 1 : 0) - (b.mark ? 1 : 0));
  const boundaries = [...new Set([0, chars.length, ...layers.flatMap((l) => [l.start, l.end])])].sort((a, b) => a - b);
  const opened = new Set<Layer>();
  const parts: (string | Piece)[] = [];
  let stack: Piece[] = [];
  const close = (count: number, at: number): void => {
    for (const piece of stack.slice(stack.length - count).reverse()) {
      piece.last = at === piece.layer.end;
      parts.push(piece.layer.mark ? '</mark>' : '</ins>');
    }
    stack = stack.slice(0, stack.length - count);
  };
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i] as number;
    const to = boundaries[i + 1] as number;
    const covering = layers.filter((l) => l.start <= from && to <= l.end);
    let common = 0;
    while (common < stack.length && stack[common]?.layer === covering[common]) common++;
    close(stack.length - common, from);
    for (const layer of covering.slice(common)) {
      const piece: Piece = { layer, first: !opened.has(layer), last: false };
      opened.add(layer);
      stack.push(piece);
      parts.push(piece);
    }
    parts.push(escapeHtml(chars.slice(from, to).join('')));
  }
  close(stack.length, chars.length);
  return parts.map((part) => (typeof part === 'string' ? part : openTag(part, render))).join('');
}

function openTag(piece: Piece, render: (mark: Mark) => MarkRendering): string {
  const mark = piece.layer.mark;
  if (!mark) return `<ins class="edited"${piece.first ? '' : ' data-continued=""'}>`;
  const rendering = render(mark);
  const focus = piece.first ? ` tabindex="0" aria-describedby="${rendering.rowId}"` : ' data-continued=""';
  const label = piece.last ? ` data-label="${escapeHtml(markLabel(mark))}"` : '';
  return (
    `<mark class="ent ${rendering.classes}" data-type="${escapeHtml(mark.entity.type)}" data-state="${mark.state}"${focus}${label}` +
    ` data-details="${escapeHtml(rendering.details)}">`
  );
}
