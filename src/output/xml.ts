import type * as FastXmlParser from 'fast-xml-parser';
import { fastXmlParser } from '../io/fast-xml.js';
import type { Annotation, Entity } from '../types.js';
import { codePointSlicer } from '../text/normalize.js';
import { flatEntities } from './conll.js';

/**
 * Inline-tagged XML export: the raw text with each entity wrapped in an element named after its
 * type, e.g. `<document id="..."><LOCATION id="e4-8" link="geonames:2643743" name="London">لندن</LOCATION> ...`.
 * Removing the tags (and resolving the five escapes and &#13;) gives the raw text back exactly.
 * Like the CoNLL export it is flat: of overlapping entities the earliest, then longest, is kept.
 */

/** XML 1.0 cannot carry these characters at all, not even as references: they become U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/** Escapes text and attribute values; CR as a reference, since a parser would turn a literal CR into LF. */
function escapeXml(value: unknown): string {
  return String(value).replace(NOT_XML, '\uFFFD').replace(/[&<>\r]/g, (ch) => ESCAPES[ch] ?? ch);
}

// Escaping is ours (the builder's entity table is not in its types); the builder adds &quot; in attributes.
const BUILDER_OPTIONS: FastXmlParser.XmlBuilderOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeXml(value),
  attributeValueProcessor: (_name: string, value: unknown) => escapeXml(value),
};


function attributesOf(entity: Entity): Record<string, string> {
  const attributes: Record<string, string | number | boolean | undefined> = {
    id: entity.id,
    link: entity.link ? `${entity.link.gazetteer}:${entity.link.id}` : undefined,
    name: entity.link?.name,
    country: entity.link?.country,
    value: entity.value,
    qualifier: entity.qualifier,
    relative: entity.relative,
    source: entity.source,
    confidence: entity.confidence,
  };
  return Object.fromEntries(Object.entries(attributes).flatMap(([key, value]) => (value === undefined ? [] : [[`@_${key}`, String(value)]])));
}

export function toXml(annotation: Pick<Annotation, 'document' | 'entities'>, raw: string): string {
  const slice = codePointSlicer(raw);
  const length = [...raw].length;
  const children: object[] = [];
  let position = 0;
  for (const entity of flatEntities(annotation.entities)) {
    if (entity.start > position) children.push({ '#text': slice(position, entity.start) });
    children.push({ [entity.type]: [{ '#text': slice(entity.start, entity.end) }], ':@': attributesOf(entity) });
    position = entity.end;
  }
  if (position < length) children.push({ '#text': slice(position, length) });
  const document = { document: children, ':@': { '@_id': annotation.document.id, '@_source': annotation.document.source } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new (fastXmlParser().XMLBuilder)(BUILDER_OPTIONS).build([document]) as string}\n`;
}
