import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Annotation, Entity } from '../src/types.js';
import { flatEntities, toConll } from '../src/output/conll.js';
import { toXml } from '../src/output/xml.js';
import { CORPUS, listFiles, runCli, tempDir } from './helpers.js';

const RAW = 'زار 😀 الوزير لندن وواشنطن يوم 19 سبتمبر 2014 & <b>\r\nثم \u200fباريس.'; // U+200F: dropped from tokens

function entity(type: Entity['type'], text: string, extra: Partial<Entity> = {}): Entity {
  const units = RAW.indexOf(text);
  const start = [...RAW.slice(0, units)].length; // code points: the emoji counts once
  return { id: `e${start}-${start + text.length}`, type, start, end: start + text.length, text, normalized: text, source: 'rule:test', confidence: 0.9, ...extra };
}

const ANNOTATION: Annotation = {
  schema: 'arabic-ner/annotation/v1',
  document: { id: 'doc/1', source: 'doc/1.txt', sha256: '0'.repeat(64), length: [...RAW].length, encoding: 'utf-8' },
  entities: [
    entity('LOCATION', 'لندن', { link: { gazetteer: 'cities', id: 'Q84', name: 'London "the city" <&>', country: 'GB' } }),
    entity('LOCATION', 'واشنطن'), // after the proclitic و, inside the token وواشنطن
    entity('DATE', 'يوم 19 سبتمبر 2014', { value: '2014-09-19' }),
    entity('PERSON', 'سبتمبر'), // overlaps the DATE: dropped from the flat exports
    entity('LOCATION', 'باريس'),
  ],
  countries: [],
};

/** The text of parsed preserve-order XML, elements removed. */
function textOf(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes.map((node: Record<string, unknown>) => (typeof node['#text'] === 'string' ? node['#text'] : Object.entries(node).filter(([k]) => k !== ':@').map(([, v]) => textOf(v)).join(''))).join('');
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, parseTagValue: false, parseAttributeValue: false, htmlEntities: true });

describe('CoNLL export', () => {
  const lines = toConll(ANNOTATION, RAW).split('\n');

  it('writes one raw token per line with BIO tags, the document framed by a comment and a blank line', () => {
    expect(lines[0]).toBe('# doc_id = doc/1');
    expect(lines.slice(-2)).toEqual(['', '']);
    expect(lines.slice(1, -2)).toEqual([
      'زار\tO',
      '😀\tO',
      'الوزير\tO',
      'لندن\tB-LOC',
      'و\tO', // the proclitic is split off and stays outside
      'واشنطن\tB-LOC',
      'يوم\tB-DATE',
      '19\tI-DATE',
      'سبتمبر\tI-DATE',
      '2014\tI-DATE',
      '&\tO',
      '<\tO',
      'b\tO',
      '>\tO',
      'ثم\tO',
      'باريس\tB-LOC',
      '.\tO',
    ]);
  });

  it('keeps the earliest, then longest, of overlapping entities', () => {
    expect(flatEntities(ANNOTATION.entities).map((e) => e.type)).toEqual(['LOCATION', 'LOCATION', 'DATE', 'LOCATION']);
  });
});

describe('XML export', () => {
  const xml = toXml(ANNOTATION, RAW);

  it('is well-formed, with entities as elements carrying their link and value', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<LOCATION id="e13-17" link="cities:Q84" name="London &quot;the city&quot; &lt;&amp;&gt;" country="GB" source="rule:test" confidence="0.9">لندن</LOCATION>');
    expect(xml).toContain('value="2014-09-19"');
    expect(xml).not.toContain('<PERSON');
  });

  it('gives the raw text back, CR included, when the tags are removed', () => {
    const [, document] = parser.parse(xml) as [unknown, { document: unknown }];
    expect(textOf(document.document)).toBe(RAW);
  });
});

describe('arabic-ner extract --format', () => {
  it.each([['conll'], ['xml']])('writes %s files beside nothing else, one per document, consistent with the JSON', (format) => {
    const json = tempDir();
    const out = tempDir();
    expect(runCli(['extract', CORPUS, '--out', json]).status).toBe(0);
    const result = runCli(['extract', CORPUS, '--out', out, '--format', format]);
    expect(result.status).toBe(0);
    const documents = listFiles(CORPUS).map((f) => f.replace(/\.txt$/, ''));
    expect(listFiles(out).filter((f) => !f.startsWith('.'))).toEqual(documents.map((d) => `${d}.${format}`));
    for (const document of documents) {
      const annotation = JSON.parse(readFileSync(join(json, `${document}.json`), 'utf8')) as Annotation;
      const raw = readFileSync(join(CORPUS, `${document}.txt`), 'utf8');
      const exported = readFileSync(join(out, `${document}.${format}`), 'utf8');
      const flat = flatEntities(annotation.entities);
      if (format === 'conll') {
        expect(exported.match(/\tB-/g)?.length ?? 0).toBe(flat.length);
      } else {
        const [, parsed] = parser.parse(exported) as [unknown, { document: unknown }];
        expect(textOf(parsed.document)).toBe(raw);
        expect(exported.match(/<(PERSON|LOCATION|ORGANIZATION|DATE|COUNTRY_COUNT) /g)?.length ?? 0).toBe(flat.length);
      }
    }
  });

  it('prints the chosen format in stdin mode', () => {
    const result = runCli(['extract', '-', '--format', 'xml', '--id', 'note'], 'وصل الوزير إلى لندن.');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<document id="note" source="-">وصل الوزير إلى /);
  });

  it('refuses an unknown format (exit 2)', () => {
    const result = runCli(['extract', '-', '--format', 'csv']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^arabic-ner extract: option --format <format> argument csv is invalid. Allowed choices are json, conll, xml.\n/);
  });
});
