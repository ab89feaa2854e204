import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Annotation, Entity } from '../src/types.js';
import { ArabicNerError, describeError } from '../src/errors.js';
import { parseBratAnn, toBratAnn } from '../src/output/brat.js';
import { CONLL_LABELS, flatEntities, toConll } from '../src/output/conll.js';
import { toSpacyJson, type SpacyDocJson } from '../src/output/spacy.js';
import { parseConll, spansOf } from '../src/learn/conll.js';
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
  it('opens the document with -DOCSTART-, writes one raw token per line with IOB2 tags, and a blank line between sentences', () => {
    expect(toConll(ANNOTATION, RAW).split('\n')).toEqual([
      '-DOCSTART-\tO',
      '',
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
      '', // a line break ends a sentence
      'ثم\tO',
      'باريس\tB-LOC',
      '.\tO',
      '',
      '',
    ]);
  });

  it('writes BILOU on request: U- for one token, B- I- L- for more', () => {
    const tags = toConll(ANNOTATION, RAW, 'bilou')
      .split('\n')
      .filter((line) => line.includes('\t') && !line.endsWith('\tO'))
      .map((line) => line.split('\t')[1]);
    expect(tags).toEqual(['U-LOC', 'U-LOC', 'B-DATE', 'I-DATE', 'I-DATE', 'L-DATE', 'U-LOC']);
  });

  it('ends a sentence after . ! ? ؟ and the quote closing it, never inside an entity', () => {
    const raw = 'قال الوزير: "وصلنا إلى لندن." ثم غادر. هل يعود؟ نعم';
    const sentences = toConll({ entities: [] }, raw)
      .split('\n\n')
      .slice(1)
      .map((block) => block.split('\n').filter(Boolean).map((line) => line.split('\t')[0]).join(' '))
      .filter(Boolean);
    expect(sentences).toEqual(['قال الوزير : " وصلنا إلى لندن . "', 'ثم غادر .', 'هل يعود ؟', 'نعم']);
    const abbreviation = 'وصل د. أحمد';
    const start = abbreviation.indexOf('د.');
    const inside = toConll({ entities: [{ ...entity('PERSON', 'زار'), start, end: abbreviation.length, text: 'د. أحمد' }] }, abbreviation);
    expect(inside.split('\n\n').filter((block) => block.trim() && !block.startsWith('-DOCSTART-'))).toHaveLength(1);
  });

  it('keeps the earliest, then longest, of overlapping entities', () => {
    expect(flatEntities(ANNOTATION.entities).map((e) => e.type)).toEqual(['LOCATION', 'LOCATION', 'DATE', 'LOCATION']);
  });
});

describe('brat standoff', () => {
  it('writes a T line per entity (overlaps too) with v1 types and code point offsets, and links or values as notes', () => {
    expect(toBratAnn(ANNOTATION, RAW).split('\n')).toEqual([
      'T1\tLOCATION 13 17\tلندن',
      '#1\tAnnotatorNotes T1\tcities:Q84 London "the city" <&>',
      'T2\tLOCATION 19 25\tواشنطن',
      'T3\tDATE 26 44\tيوم 19 سبتمبر 2014',
      '#2\tAnnotatorNotes T3\tvalue 2014-09-19',
      'T4\tPERSON 33 39\tسبتمبر',
      'T5\tLOCATION 56 61\tباريس',
      '',
    ]);
  });

  const corrected = [
    'T1\tLOCATION 13 17\tلندن',
    '#1\tAnnotatorNotes T1\tcities:Q84 London',
    'T2\tORGANIZATION 19 25\tواشنطن',
    'A1\tNegated T2',
    'R1\tOrigin Arg1:T1 Arg2:T2',
    'T3\tDATE 26 44\tيوم 19 سبتمبر 2014',
    'N1\tReference T1 Wikidata:Q84\tLondon',
    '',
  ].join('\n');

  it('reads T lines back as entities, ignoring notes, attributes, relations and normalisations', () => {
    expect(parseBratAnn(corrected, 'doc.ann')).toEqual([
      { type: 'LOCATION', start: 13, end: 17, text: 'لندن' },
      { type: 'ORGANIZATION', start: 19, end: 25, text: 'واشنطن' },
      { type: 'DATE', start: 26, end: 44, text: 'يوم 19 سبتمبر 2014' },
    ]);
  });

  it.each([
    ['T4\tPERSON 33 36;37 39\tسبت بر', /^gold\/doc\.ann: line 9: T4 is a discontinuous span \(33 36;37 39\)/],
    ['T4\tPER 33 39\tسبتمبر', /^gold\/doc\.ann: line 9: T4 has type "PER"; types are PERSON, LOCATION/],
    ['T4 PERSON 33 39 سبتمبر', /^gold\/doc\.ann: line 9: expected "T<n><TAB><TYPE> <start> <end><TAB><text>"/],
  ])('refuses %j with the file and line', (line, message) => {
    expect(() => parseBratAnn(`${corrected}\n${line}\n`, 'gold/doc.ann')).toThrow(ArabicNerError);
    try {
      parseBratAnn(`${corrected}\n${line}\n`, 'gold/doc.ann');
    } catch (error) {
      expect(describeError(error)).toMatch(message);
    }
  });
});

describe('spaCy JSON', () => {
  const doc = toSpacyJson(ANNOTATION, RAW);

  it('has the text and entities with the v1 code point offsets (Python str offsets), overlaps in the span group', () => {
    const codePoints = [...RAW];
    expect(doc.text).toBe(RAW);
    expect(doc.ents).toEqual([
      { start: 13, end: 17, label: 'LOCATION' },
      { start: 19, end: 25, label: 'LOCATION' },
      { start: 26, end: 44, label: 'DATE' },
      { start: 56, end: 61, label: 'LOCATION' },
    ]);
    expect(doc.ents.map((e) => codePoints.slice(e.start, e.end).join(''))).toEqual(['لندن', 'واشنطن', 'يوم 19 سبتمبر 2014', 'باريس']);
    expect(doc.spans['arabic-ner']).toHaveLength(5);
  });

  it('has tokens that give the text back by spaCy\'s rule (each followed by nothing or one space)', () => {
    expect(rebuildFromTokens(doc)).toBe(RAW);
    expect(doc.tokens.map((t) => [...RAW].slice(t.start, t.end).join(''))).toContain('\r\n');
    expect(doc.sents.map((s) => [...RAW].slice(s.start, s.end).join(''))).toEqual(['زار 😀 الوزير لندن وواشنطن يوم 19 سبتمبر 2014 & <b>', 'ثم \u200fباريس.']);
  });
});

/** spaCy's Doc(words, spaces) text from Doc.to_json tokens; throws on a gap spaCy cannot express. */
function rebuildFromTokens(doc: SpacyDocJson): string {
  const text = [...doc.text];
  return doc.tokens
    .map((token, i) => {
      const next = doc.tokens[i + 1]?.start ?? text.length;
      const gap = text.slice(token.end, next).join('');
      if (gap !== '' && gap !== ' ') throw new Error(`gap ${JSON.stringify(gap)} after token ${i}`);
      return text.slice(token.start, token.end).join('') + gap;
    })
    .join('');
}

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

describe('arabic-ner export: round trips on a run of the corpus', () => {
  const run = tempDir();
  expect(runCli(['extract', CORPUS, '--out', run]).status).toBe(0);
  const documents = listFiles(CORPUS).map((f) => f.replace(/\.txt$/, ''));
  const annotationOf = (document: string): Annotation => JSON.parse(readFileSync(join(run, `${document}.json`), 'utf8')) as Annotation;
  const rawOf = (document: string): string => readFileSync(join(CORPUS, `${document}.txt`), 'utf8');
  /** What a flat export must give back: type and span of each entity kept. */
  const expected = (document: string): string[] => flatEntities(annotationOf(document).entities).map((e) => `${e.type} ${e.start}-${e.end}`);
  const TYPE_OF_LABEL = new Map(Object.entries(CONLL_LABELS).map(([type, label]) => [label, type]));

  /** Code point offsets of tokens found one after another in the raw text (each token is a raw slice). */
  function tokenOffsets(raw: string, tokens: readonly string[]): { start: number; end: number }[] {
    let cursor = 0;
    return tokens.map((token) => {
      const at = raw.indexOf(token, cursor);
      if (at < 0) throw new Error(`token ${token} not found after ${cursor}`);
      cursor = at + token.length;
      const start = [...raw.slice(0, at)].length;
      return { start, end: start + [...token].length };
    });
  }

  /** A sentence of `token<TAB>tag` lines in BILOU (conlleval's IOBES, L = E and U = S) as IOB2; a chunk left open throws. */
  function bilouBlockAsIob2(block: string): string {
    const lines = block.split('\n').filter(Boolean);
    const tags = lines.map((line) => line.split('\t')[1] ?? '');
    return lines
      .map((line, i) => {
        const tag = tags[i] as string;
        const [prefix, label] = [tag.slice(0, 1), tag.slice(2)];
        const next = tags[i + 1] ?? 'O';
        if ((prefix === 'B' || prefix === 'I') && next !== `I-${label}` && next !== `L-${label}`) throw new Error(`${tag} left open before ${next}`);
        if ((prefix === 'I' || prefix === 'L') && !['B', 'I'].includes(tags[i - 1]?.slice(0, 1) ?? '')) throw new Error(`${tag} without a B-`);
        return `${line.split('\t')[0]}\t${prefix === 'U' ? `B-${label}` : prefix === 'L' ? `I-${label}` : tag}`;
      })
      .join('\n');
  }

  it.each([['iob2'], ['bilou']])('CoNLL (%s): a conlleval-style reader recovers every span, document by document', (scheme) => {
    const out = join(tempDir(), 'run.conll');
    expect(runCli(['export', run, '--to', 'conll', '--scheme', scheme, '--out', out]).status).toBe(0);
    const [before, ...parts] = readFileSync(out, 'utf8').split(/^-DOCSTART-\tO\n/m);
    expect(before).toBe('');
    expect(parts).toHaveLength(documents.length);
    parts.forEach((part, d) => {
      const document = documents[d] as string;
      // BILOU is checked chunk by chunk (every B- and I- continued, closed by L-) and read as IOB2.
      const iob2 = scheme === 'iob2' ? part : part.split('\n\n').map(bilouBlockAsIob2).join('\n\n');
      const sentences = parseConll(iob2, `${document}.conll`);
      const tokens = sentences.flatMap((s) => s.tokens);
      const offsets = tokenOffsets(rawOf(document), tokens);
      let index = 0;
      const spans: string[] = [];
      for (const sentence of sentences) {
        for (const [from, to, label] of spansOf(sentence.tags)) {
          spans.push(`${TYPE_OF_LABEL.get(label)} ${offsets[index + from]?.start}-${offsets[index + to - 1]?.end}`);
        }
        index += sentence.tokens.length;
      }
      expect(spans).toEqual(expected(document));
      expect(sentences.length).toBeGreaterThan(5);
    });
  });

  it('brat: .txt is the source text, T lines slice it, and eval reads the .ann files back as gold (corrections included)', () => {
    const out = tempDir();
    expect(runCli(['export', run, '--to', 'brat', '--out', out]).status).toBe(0);
    for (const document of documents) {
      const text = readFileSync(join(out, `${document}.txt`), 'utf8');
      expect(text).toBe(rawOf(document));
      const entities = parseBratAnn(readFileSync(join(out, `${document}.ann`), 'utf8'), `${document}.ann`);
      expect(entities.map((e) => `${e.type} ${e.start}-${e.end} ${e.text}`)).toEqual(annotationOf(document).entities.map((e) => `${e.type} ${e.start}-${e.end} ${e.text}`));
    }
    const same = JSON.parse(runCli(['eval', out, run, '--json']).stdout);
    expect(same.micro.f1).toBe(1);

    // A reviewer removes one entity and retypes another in the first document.
    const path = join(out, `${documents[0]}.ann`);
    const lines = readFileSync(path, 'utf8').split('\n');
    const tLines = lines.filter((l) => l.startsWith('T'));
    const [dropped, retyped] = [tLines[0] as string, tLines[1] as string];
    const retypedTo = retyped.split('\t')[1]?.startsWith('PERSON') ? 'ORGANIZATION' : 'PERSON';
    writeFileSync(path, lines.filter((l) => l !== dropped).map((l) => (l === retyped ? l.replace(/\t\w+ /, `\t${retypedTo} `) : l)).join('\n'));
    const corrected = JSON.parse(runCli(['eval', out, run, '--json']).stdout);
    expect(corrected.micro.tp).toBe(same.micro.tp - 2);
    expect(corrected.micro.gold).toBe(same.micro.gold - 1);
  });

  it('brat: eval refuses a discontinuous span, naming the file and line (exit 1)', () => {
    const gold = tempDir();
    writeFileSync(join(gold, `${documents[0]}.ann`), 'T1\tLOCATION 0 4\tلندن\n#1\tAnnotatorNotes T1\tnote\nT2\tPERSON 10 14;20 24\tجون كيري\n');
    const result = runCli(['eval', gold, run]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`arabic-ner eval: ${join(gold, `${documents[0]}.ann`)}: line 3: T2 is a discontinuous span (10 14;20 24); gold spans must be continuous: split it into one annotation per part, or join it\n`);
  });

  it('spaCy: text, ents and tokens as Doc.from_json reads them, with the v1 offsets', () => {
    const out = tempDir();
    expect(runCli(['export', run, '--to', 'spacy', '--out', out]).status).toBe(0);
    for (const document of documents) {
      const doc = JSON.parse(readFileSync(join(out, `${document}.json`), 'utf8')) as SpacyDocJson;
      expect(doc.text).toBe(rawOf(document));
      expect(doc.ents.map((e) => `${e.label} ${e.start}-${e.end}`)).toEqual(expected(document));
      const codePoints = [...doc.text];
      const byOffsets = new Map(annotationOf(document).entities.map((e) => [`${e.start}-${e.end}`, e.text]));
      for (const e of doc.ents) expect(codePoints.slice(e.start, e.end).join('')).toBe(byOffsets.get(`${e.start}-${e.end}`));
      expect(rebuildFromTokens(doc)).toBe(doc.text);
      // Every entity starts and ends on a token edge, so spaCy's char_span finds it.
      const starts = new Set(doc.tokens.map((t) => t.start));
      const ends = new Set(doc.tokens.map((t) => t.end));
      expect(doc.ents.filter((e) => !starts.has(e.start) || !ends.has(e.end))).toEqual([]);
    }
  });

  it('names a document whose text is missing and exports the others (exit 1)', () => {
    const input = tempDir();
    for (const document of documents.slice(1)) writeFileSync(join(input, `${document}.txt`), rawOf(document));
    const out = tempDir();
    const result = runCli(['export', run, '--to', 'brat', '--out', out, '--input', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`arabic-ner export: ${documents[0]}: text not found: ${join(input, `${documents[0]}.txt`)}\n`);
    expect(listFiles(out)).toHaveLength(2 * (documents.length - 1));
  });
});
