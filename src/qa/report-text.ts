import type { DocumentDiff, EntityChange } from './diff.js';
import { escapeHtml } from './html-escape.js';
import type { LooseEntity } from './load-run.js';
import { typeStyle } from './report-palette.js';

/**
 * One document's text with its entities marked: which entities to mark (with what changed against
 * a baseline), what each mark says on hover or focus, and the HTML of the text itself.
 */

export type MarkState = 'same' | 'added' | 'removed' | 'changed';

export interface Mark {
  readonly entity: LooseEntity;
  readonly state: MarkState;
  readonly change?: EntityChange;
  /** Index of the row describing this entity in the page's entity table. */
  readonly row: number;
}

const STATE_PREFIX: Readonly<Record<MarkState, string>> = { same: '', added: '+', removed: '−', changed: '~' };

/** The entities of a document, and in the diff view the baseline's removed ones, in text order. */
export function documentMarks(entities: readonly LooseEntity[], diff: DocumentDiff | undefined): Mark[] {
  const changes = new Map((diff?.changed ?? []).map((c) => [c.after, c]));
  const added = new Set(diff?.added ?? []);
  const marks: Omit<Mark, 'row'>[] = entities.map((entity) => {
    const change = changes.get(entity);
    if (change) return { entity, state: 'changed', change };
    return { entity, state: added.has(entity) ? 'added' : 'same' };
  });
  for (const entity of diff?.removed ?? []) marks.push({ entity, state: 'removed' });
  marks.sort((a, b) => a.entity.start - b.entity.start || b.entity.end - a.entity.end);
  return marks.map((mark, row) => ({ ...mark, row }));
}

/** The label printed after a highlight: its type's short name, with +, − or ~ in the diff view. */
export function markLabel(mark: Mark): string {
  return STATE_PREFIX[mark.state] + typeStyle(mark.entity.type).label;
}

const shown = (value: unknown): string => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

export function linkText(entity: LooseEntity): string {
  const link = entity.link;
  if (!link) return '—';
  return `${link.gazetteer ?? '?'}:${link.id ?? '?'} ${link.name ?? ''}${link.country ? ` (${link.country})` : ''}`.trim();
}

/** What changed, in words: `type "LOCATION" → "ORGANIZATION"`, one field after another. */
export function changeText(mark: Mark, baseline: string | undefined): string {
  if (mark.state === 'added') return `added (not in ${baseline ?? 'the baseline'})`;
  if (mark.state === 'removed') return `removed (only in ${baseline ?? 'the baseline'})`;
  const change = mark.change;
  if (!change) return '';
  return `changed: ${change.fields.map((f) => `${f} ${JSON.stringify(change.before[f]) ?? '(none)'} → ${JSON.stringify(change.after[f]) ?? '(none)'}`).join('; ')}`;
}

/** The details shown on hover or focus, one fact a line; source, confidence, link and value always. */
export function markDetails(mark: Mark, baseline: string | undefined): string {
  const e = mark.entity;
  const lines = [`${e.type} «${e.text ?? ''}» ${e.start}–${e.end}`, `source: ${shown(e.source)}`, `confidence: ${shown(e.confidence)}`, `link: ${linkText(e)}`, `value: ${shown(e.value)}`];
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

/** A piece of a mark: marks that cross are closed and reopened, so one entity may take several pieces. */
interface Piece {
  readonly mark: Mark;
  readonly first: boolean;
  last: boolean;
}

/**
 * The text (offsets are code points, not UTF-16 units) with one `<mark>` per entity. The text is
 * cut at every entity boundary; where marks cross, the inner one is closed and reopened. Only
 * the first piece of an entity takes keyboard focus (the rest carry `data-continued`, so counting
 * marks without it counts entities), and only the last carries the label, after the entity's
 * last letter.
 */
export function highlightText(text: string, marks: readonly Mark[], render: (mark: Mark) => MarkRendering): string {
  const chars = Array.from(text);
  const boundaries = [...new Set([0, chars.length, ...marks.flatMap((m) => [m.entity.start, m.entity.end])])].sort((a, b) => a - b);
  const opened = new Set<Mark>();
  const parts: (string | Piece)[] = [];
  let stack: Piece[] = [];
  const close = (count: number, at: number): void => {
    for (const piece of stack.slice(stack.length - count).reverse()) {
      piece.last = at === piece.mark.entity.end;
      parts.push('</mark>');
    }
    stack = stack.slice(0, stack.length - count);
  };
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i] as number;
    const to = boundaries[i + 1] as number;
    const covering = marks.filter((m) => m.entity.start <= from && to <= m.entity.end);
    let common = 0;
    while (common < stack.length && stack[common]?.mark === covering[common]) common++;
    close(stack.length - common, from);
    for (const mark of covering.slice(common)) {
      const piece: Piece = { mark, first: !opened.has(mark), last: false };
      opened.add(mark);
      stack.push(piece);
      parts.push(piece);
    }
    parts.push(escapeHtml(chars.slice(from, to).join('')));
  }
  close(stack.length, chars.length);
  return parts.map((part) => (typeof part === 'string' ? part : openTag(part, render(part.mark)))).join('');
}

function openTag(piece: Piece, rendering: MarkRendering): string {
  const { mark } = piece;
  const focus = piece.first ? ` tabindex="0" aria-describedby="${rendering.rowId}"` : ' data-continued=""';
  const label = piece.last ? ` data-label="${escapeHtml(markLabel(mark))}"` : '';
  return (
    `<mark class="ent ${rendering.classes}" data-type="${escapeHtml(mark.entity.type)}" data-state="${mark.state}"${focus}${label}` +
    ` data-details="${escapeHtml(rendering.details)}">`
  );
}
