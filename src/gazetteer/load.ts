/**
 * Loads and validates gazetteer XML files (format: gazetteers/FORMAT.md).
 * Every error names the file and, where it can, the line of the offending element.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as FastXmlParser from 'fast-xml-parser';
import { fastXmlParser } from '../io/fast-xml.js';
import { firstInvalidUtf8 } from '../io/decode.js';

export type GazetteerKind = 'entities' | 'given-names' | 'triggers';
export type EntryType = 'PERSON' | 'LOCATION' | 'ORGANIZATION';
export type TriggerKind = 'title' | 'role' | 'org-prefix' | 'place-prefix' | 'media-prefix';

export interface GazetteerSource {
  name: string;
  url?: string;
  licence?: string;
  generated?: string;
}

export interface GazetteerEntry {
  id: string;
  type: EntryType;
  subtype: string;
  country?: string;
  ar: string;
  en: string;
  variants: string[];
  adjectives: string[];
  contexts: { before: string[] }[];
  /** Id of the gazetteer file the entry comes from. */
  gazetteer: string;
  line: number;
}

export interface GivenName {
  name: string;
  gender: 'm' | 'f' | 'u';
  origin: string;
  ambiguous: boolean;
  line: number;
}

export interface Trigger {
  text: string;
  kind: TriggerKind;
  line: number;
}

export interface GazetteerFile {
  id: string;
  kind: GazetteerKind;
  path: string;
  sources: GazetteerSource[];
  entries: GazetteerEntry[];
  givenNames: GivenName[];
  triggers: Trigger[];
}

export class GazetteerError extends Error {
  readonly code: string;
  readonly file: string;
  readonly line?: number;

  constructor(code: string, file: string, line: number | undefined, detail: string) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${detail}`);
    this.name = 'GazetteerError';
    this.code = code;
    this.file = file;
    if (line !== undefined) this.line = line;
  }
}

const KINDS: readonly GazetteerKind[] = ['entities', 'given-names', 'triggers'];
const SUBTYPES: Readonly<Record<EntryType, readonly string[]>> = {
  LOCATION: ['country', 'city', 'region', 'water', 'site'],
  ORGANIZATION: ['international', 'regional', 'armed-group', 'government', 'media', 'company', 'party', 'other'],
  PERSON: ['person'],
};
const TRIGGER_KINDS: readonly TriggerKind[] = ['title', 'role', 'org-prefix', 'place-prefix', 'media-prefix'];
const GENDERS: readonly GivenName['gender'][] = ['m', 'f', 'u'];
const ORIGINS: readonly string[] = ['arabic', 'foreign'];
/** The element each kind lists under the root. */
const ITEM_TAG: Readonly<Record<GazetteerKind, string>> = { entities: 'entry', 'given-names': 'name', triggers: 'trigger' };
/** Subtypes that always belong to a country (FORMAT.md: `country` is required for them). */
const NEEDS_COUNTRY = new Set(['country', 'city']);

const ID_PATTERN = /^(?:Q[1-9][0-9]*|[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*)$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** DTDs are refused outright: no entity can be defined, so none can expand (billion laughs). */
const DTD_PATTERN = /<!DOCTYPE|<!ENTITY/i;

/** Attributes are kept apart from child elements by the prefix; every element is an array. */
const ATTR = '@';
const TEXT = '#text';

const PARSER_OPTIONS: FastXmlParser.X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: false,
  // Only the five predefined XML entities can reach the parser (checked in scanTags).
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxExpansionDepth: 1 },
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  jPath: false, // no path strings per node: measurably faster on large files
};

type XmlNode = Record<string, unknown>;

/** Where each start tag sits, per tag name, in document order. */
interface TagLines {
  first?: number;
  byTag: Map<string, number[]>;
}

/** Reports against one file; `line` is the element's line when known. */
type Fail = (code: string, line: number | undefined, detail: string) => never;

export function parseGazetteer(xml: string, path: string): GazetteerFile {
  const fail: Fail = (code, line, detail) => {
    throw new GazetteerError(code, path, line, detail);
  };
  const dtd = DTD_PATTERN.exec(xml);
  if (dtd) fail('dtd', lineAt(xml, dtd.index), 'DOCTYPE and ENTITY declarations are not allowed in a gazetteer');
  const { XMLParser, XMLValidator } = fastXmlParser();
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail('xml', valid.err.line, `malformed XML: ${valid.err.msg}`);
  const lines = scanTags(xml, fail);
  let document: XmlNode;
  try {
    document = new XMLParser(PARSER_OPTIONS).parse(xml) as XmlNode;
  } catch (error) {
    // The parser has limits of its own (e.g. nesting depth) that the validator does not check.
    return fail('xml', undefined, `malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return readDocument(document, path, lines, fail);
}

export function loadGazetteerDir(dir: string): GazetteerFile[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort();
  const files = names.map((name) => {
    const path = join(dir, name);
    return parseGazetteer(decodeUtf8(readFileSync(path), path), path);
  });
  checkAcrossFiles(files);
  return files;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Gazetteers are UTF-8: other bytes would turn names into U+FFFD silently, so they are refused. */
function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = 1 + bytes.subarray(0, bad).filter((byte) => byte === 0x0a).length;
    throw new GazetteerError('encoding', path, line, `not UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase()} at offset ${bad}): gazetteers must be UTF-8`);
  }
}

/** Gazetteer names and entry ids must be unique over the whole folder. */
function checkAcrossFiles(files: readonly GazetteerFile[]): void {
  const gazetteers = new Map<string, string>();
  const ids = new Map<string, { path: string; line: number }>();
  for (const file of files) {
    const other = gazetteers.get(file.id);
    if (other !== undefined) {
      throw new GazetteerError('duplicate-gazetteer', file.path, undefined, `gazetteer id "${file.id}" is also used by ${other}`);
    }
    gazetteers.set(file.id, file.path);
    for (const entry of file.entries) {
      const first = ids.get(entry.id);
      if (first !== undefined) {
        const where = `${first.path}:${first.line}`;
        throw new GazetteerError('duplicate-id', file.path, entry.line, `duplicate id "${entry.id}" (first defined at ${where})`);
      }
      ids.set(entry.id, { path: file.path, line: entry.line });
    }
  }
}

/**
 * fast-xml-parser keeps no element positions, so start tags are located here and paired with
 * the parsed elements by index. Comments, CDATA, declarations and processing instructions are
 * skipped. The same pass refuses entity references other than the five predefined ones.
 */
function scanTags(xml: string, fail: Fail): TagLines {
  const pattern = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<([A-Za-z_][\w.:-]*)|(&(?!(?:amp|lt|gt|quot|apos);))/g;
  const result: TagLines = { byTag: new Map() };
  let line = 1;
  let pos = 0;
  for (const match of xml.matchAll(pattern)) {
    const [, tag, ampersand] = match;
    if (tag === undefined && ampersand === undefined) continue;
    line += countNewlines(xml, pos, match.index);
    pos = match.index;
    if (ampersand !== undefined) {
      fail('entity', line, 'only &amp; &lt; &gt; &quot; &apos; are allowed: write other characters directly in UTF-8');
    }
    if (tag === undefined) continue;
    result.first ??= line;
    const list = result.byTag.get(tag);
    if (list) list.push(line);
    else result.byTag.set(tag, [line]);
  }
  return result;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function lineAt(text: string, index: number): number {
  return 1 + countNewlines(text, 0, index);
}

function tagLine(lines: TagLines, tag: string, index: number): number | undefined {
  return lines.byTag.get(tag)?.[index];
}

function readDocument(doc: XmlNode, path: string, lines: TagLines, fail: Fail): GazetteerFile {
  const roots = Object.keys(doc).filter((key) => key !== '?xml');
  const rootNodes = doc['gazetteer'];
  if (roots.length !== 1 || !Array.isArray(rootNodes) || rootNodes.length !== 1) {
    fail('root', lines.first, `the document must have a single <gazetteer> root, found ${roots.map((r) => `<${r}>`).join(', ') || 'none'}`);
  }
  const root = asNode(rootNodes[0]);
  const rootLine = tagLine(lines, 'gazetteer', 0);
  const id = requiredAttr(root, 'id', '<gazetteer>', rootLine, fail);
  const kind = requiredAttr(root, 'kind', '<gazetteer>', rootLine, fail);
  if (!isOneOf(kind, KINDS)) fail('kind', rootLine, `unknown gazetteer kind "${kind}" (expected ${KINDS.join(', ')})`);
  const itemTag = ITEM_TAG[kind];
  checkShape(root, ['id', 'kind'], ['source', itemTag], '<gazetteer>', rootLine, fail);
  const file: GazetteerFile = { id, kind, path, sources: [], entries: [], givenNames: [], triggers: [] };
  file.sources = elements(root, 'source').map((node, i) => readSource(node, tagLine(lines, 'source', i), fail));
  if (file.sources.length === 0) fail('source', rootLine, 'a gazetteer needs at least one <source>');
  const items = elements(root, itemTag);
  const lineOf = (i: number): number | undefined => tagLine(lines, itemTag, i);
  if (kind === 'entities') file.entries = readEntries(items, id, lineOf, fail);
  else if (kind === 'given-names') file.givenNames = items.map((node, i) => readGivenName(node, lineOf(i), fail));
  else file.triggers = items.map((node, i) => readTrigger(node, lineOf(i), fail));
  return file;
}

function readSource(value: unknown, line: number | undefined, fail: Fail): GazetteerSource {
  const node = asNode(value);
  checkShape(node, ['name', 'url', 'licence', 'generated'], [], '<source>', line, fail);
  const source: GazetteerSource = { name: requiredAttr(node, 'name', '<source>', line, fail) };
  for (const key of ['url', 'licence', 'generated'] as const) {
    const attrValue = optionalAttr(node, key);
    if (attrValue !== undefined) source[key] = attrValue;
  }
  return source;
}

function readEntries(items: unknown[], gazetteer: string, lineOf: (i: number) => number | undefined, fail: Fail): GazetteerEntry[] {
  const seen = new Map<string, number | undefined>();
  return items.map((value, i) => {
    const line = lineOf(i);
    const entry = readEntry(asNode(value), gazetteer, line, fail);
    if (seen.has(entry.id)) fail('duplicate-id', line, `duplicate id "${entry.id}" (first defined at line ${seen.get(entry.id) ?? '?'})`);
    seen.set(entry.id, line);
    return entry;
  });
}

const ENTRY_ATTRS = ['id', 'type', 'subtype', 'country'];
const ENTRY_CHILDREN = ['ar', 'en', 'variant', 'adjective', 'context'];

function readEntry(node: XmlNode, gazetteer: string, line: number | undefined, fail: Fail): GazetteerEntry {
  const where = '<entry>';
  checkShape(node, ENTRY_ATTRS, ENTRY_CHILDREN, where, line, fail);
  const id = requiredAttr(node, 'id', where, line, fail);
  if (!ID_PATTERN.test(id)) fail('id', line, `invalid id "${id}" (expected a Wikidata QID or prefix:slug, e.g. place:lancaster-house)`);
  const type = requiredAttr(node, 'type', where, line, fail);
  if (!isOneOf(type, Object.keys(SUBTYPES) as EntryType[])) fail('type', line, `unknown type "${type}" in entry ${id}`);
  const subtype = requiredAttr(node, 'subtype', where, line, fail);
  if (!SUBTYPES[type].includes(subtype)) fail('subtype', line, `unknown subtype "${subtype}" for ${type} in entry ${id}`);
  const entry: GazetteerEntry = {
    id,
    type,
    subtype,
    ar: singleText(node, 'ar', id, line, fail),
    en: singleText(node, 'en', id, line, fail),
    variants: texts(node, 'variant', id, line, fail),
    adjectives: texts(node, 'adjective', id, line, fail),
    contexts: elements(node, 'context').map((ctx) => readContext(ctx, id, line, fail)),
    gazetteer,
    line: line ?? 0,
  };
  const country = optionalAttr(node, 'country');
  if (country !== undefined && !COUNTRY_PATTERN.test(country)) fail('country', line, `invalid country "${country}" in entry ${id} (ISO 3166-1 alpha-2, e.g. IQ)`);
  if (country === undefined && NEEDS_COUNTRY.has(subtype)) fail('country', line, `entry ${id} (${subtype}) needs a country attribute`);
  if (country !== undefined) entry.country = country;
  if (entry.adjectives.length > 0 && subtype !== 'country') fail('adjective', line, `entry ${id}: <adjective> is for countries only`);
  return entry;
}

function readContext(value: unknown, id: string, line: number | undefined, fail: Fail): { before: string[] } {
  const node = asNode(value);
  checkShape(node, ['before'], [], '<context>', line, fail);
  const before = requiredAttr(node, 'before', '<context>', line, fail).split('|').map((word) => word.trim());
  if (before.some((word) => word === '')) fail('empty', line, `entry ${id}: <context before> has an empty alternative`);
  return { before };
}

function readGivenName(value: unknown, line: number | undefined, fail: Fail): GivenName {
  const node = asNode(value);
  const where = '<name>';
  checkShape(node, ['gender', 'origin', 'ambiguous'], [], where, line, fail);
  const name = nodeText(node);
  if (name === '') fail('empty', line, 'empty <name>');
  const gender = requiredAttr(node, 'gender', where, line, fail);
  if (!isOneOf(gender, GENDERS)) fail('gender', line, `invalid gender "${gender}" for ${name} (m, f or u)`);
  const origin = requiredAttr(node, 'origin', where, line, fail);
  if (!ORIGINS.includes(origin)) fail('origin', line, `invalid origin "${origin}" for ${name} (${ORIGINS.join(' or ')})`);
  const ambiguous = optionalAttr(node, 'ambiguous') ?? 'false';
  if (ambiguous !== 'true' && ambiguous !== 'false') fail('ambiguous', line, `ambiguous must be true or false for ${name}`);
  return { name, gender, origin, ambiguous: ambiguous === 'true', line: line ?? 0 };
}

function readTrigger(value: unknown, line: number | undefined, fail: Fail): Trigger {
  const node = asNode(value);
  checkShape(node, ['kind'], [], '<trigger>', line, fail);
  const text = nodeText(node);
  if (text === '') fail('empty', line, 'empty <trigger>');
  const kind = requiredAttr(node, 'kind', '<trigger>', line, fail);
  if (!isOneOf(kind, TRIGGER_KINDS)) fail('trigger-kind', line, `unknown trigger kind "${kind}" for ${text} (expected ${TRIGGER_KINDS.join(', ')})`);
  return { text, kind, line: line ?? 0 };
}

/** An element without attributes or children is parsed as a bare string. */
function asNode(value: unknown): XmlNode {
  if (typeof value === 'string') return value === '' ? {} : { [TEXT]: value };
  return value as XmlNode;
}

function elements(node: XmlNode, tag: string): unknown[] {
  const value = node[tag];
  return Array.isArray(value) ? value : [];
}

function nodeText(node: XmlNode): string {
  const value = node[TEXT];
  return typeof value === 'string' ? value : '';
}

/** Rejects attributes and child elements the format does not define (catches typos like <varient>). */
function checkShape(node: XmlNode, attrs: readonly string[], children: readonly string[], where: string, line: number | undefined, fail: Fail): void {
  for (const key of Object.keys(node)) {
    if (key === TEXT) {
      if (children.length > 0) fail('element', line, `unexpected text inside ${where}`);
    } else if (key.startsWith(ATTR)) {
      if (!attrs.includes(key.slice(ATTR.length))) fail('attribute', line, `unknown attribute "${key.slice(ATTR.length)}" on ${where}`);
    } else if (!children.includes(key)) {
      fail('element', line, `unexpected element <${key}> in ${where}`);
    }
  }
}

function optionalAttr(node: XmlNode, name: string): string | undefined {
  const value = node[ATTR + name];
  return typeof value === 'string' ? value.trim() : undefined;
}

function requiredAttr(node: XmlNode, name: string, where: string, line: number | undefined, fail: Fail): string {
  const value = optionalAttr(node, name);
  if (value === undefined || value === '') fail('missing', line, `${where} needs a non-empty ${name} attribute`);
  return value;
}

/** Text of the leaf children `tag`; each must be plain, non-empty text. */
function texts(node: XmlNode, tag: string, id: string, line: number | undefined, fail: Fail): string[] {
  return elements(node, tag).map((value) => {
    if (typeof value !== 'string') fail('element', line, `entry ${id}: <${tag}> takes text only`);
    if (value === '') fail('empty', line, `entry ${id}: empty <${tag}>`);
    return value;
  });
}

function singleText(node: XmlNode, tag: string, id: string, line: number | undefined, fail: Fail): string {
  const values = texts(node, tag, id, line, fail);
  if (values.length !== 1 || values[0] === undefined) {
    fail('missing', line, `entry ${id} needs exactly one <${tag}>, found ${values.length}`);
  }
  return values[0];
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}
