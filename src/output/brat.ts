import { ENTITY_TYPES, type Annotation, type EntityType } from '../types.js';
import { ArabicNerError } from '../errors.js';
import { codePointSlicer } from '../text/normalize.js';

/**
 * brat standoff (`.ann` beside the document's `.txt`), which brat and INCEpTION open for review:
 * one `T` line per entity, `T<n><TAB><TYPE> <start> <end><TAB><text>`, with the v1 type names
 * and the v1 code point offsets (brat counts characters of the text read as UTF-8: code points);
 * an `AnnotatorNotes` line (`#<n>`) carries the link or value a reviewer checks. Every entity is
 * written, overlapping ones too (brat shows them stacked). Reading (`parseBratAnn`) takes the
 * `T` lines back as gold and ignores the rest (notes, attributes, relations, events).
 */

/** A text-bound annotation read back from a `.ann` file. */
export type BratEntity = {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
};

/** One line the note of an entity shows: its link, else its value. */
function noteOf(entity: Annotation['entities'][number]): string | undefined {
  if (entity.link) return `${entity.link.gazetteer}:${entity.link.id} ${entity.link.name}`;
  if (entity.value !== undefined) return `value ${String(entity.value)}`;
  return undefined;
}

/** brat's line format has no escape: a line break inside a span's text is written as a space. */
const oneLine = (text: string): string => text.replace(/[\r\n]/g, ' ');

export function toBratAnn(annotation: Pick<Annotation, 'entities'>, raw: string): string {
  const slice = codePointSlicer(raw);
  const lines: string[] = [];
  let notes = 0;
  annotation.entities.forEach((entity, i) => {
    const id = `T${i + 1}`;
    lines.push(`${id}\t${entity.type} ${entity.start} ${entity.end}\t${oneLine(slice(entity.start, entity.end))}`);
    const note = noteOf(entity);
    if (note !== undefined) lines.push(`#${++notes}\tAnnotatorNotes ${id}\t${oneLine(note)}`);
  });
  return lines.map((line) => line + '\n').join('');
}

const T_LINE = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/u;

function formatError(path: string, line: number, message: string): ArabicNerError {
  return new ArabicNerError('INPUT_UNREADABLE', `line ${line}: ${message}`, { file: path });
}

/** The `T` lines of a `.ann` file; a discontinuous span, an unknown type or a malformed T line is an error naming the file and line. */
export function parseBratAnn(text: string, path: string): BratEntity[] {
  const entities: BratEntity[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.startsWith('T')) return; // notes (#), attributes (A, M), relations (R, *), events (E), normalisations (N)
    const match = T_LINE.exec(line);
    if (!match) throw formatError(path, index + 1, `expected "T<n><TAB><TYPE> <start> <end><TAB><text>", got "${line.slice(0, 60)}"`);
    const [, id, type = '', offsets = '', spanText = ''] = match;
    if (offsets.includes(';')) {
      throw formatError(path, index + 1, `${id} is a discontinuous span (${offsets}); gold spans must be continuous: split it into one annotation per part, or join it`);
    }
    if (!(ENTITY_TYPES as readonly string[]).includes(type)) throw formatError(path, index + 1, `${id} has type "${type}"; types are ${ENTITY_TYPES.join(', ')}`);
    const [start = 0, end = 0] = offsets.split(' ').map(Number);
    if (end <= start) throw formatError(path, index + 1, `${id} has an empty or reversed span ${start}-${end}`);
    entities.push({ type: type as EntityType, start, end, text: spanText });
  });
  return entities.sort((a, b) => a.start - b.start || a.end - b.end);
}
