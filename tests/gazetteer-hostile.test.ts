import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GazetteerError, loadGazetteerDir, parseGazetteer } from '../src/gazetteer/load.js';
import { runCli, tempDir } from './helpers.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/** An entities gazetteer; `body` starts on line 4. */
function entities(body: string, id = 'hostile'): string {
  return `${HEAD}\n<gazetteer id="${id}" kind="entities">\n  <source name="test"/>\n${body}\n</gazetteer>\n`;
}

function entry(id: string, ar: string, extra = ''): string {
  return `  <entry id="${id}" type="LOCATION" subtype="city" country="GB">\n    <ar>${ar}</ar>\n    <en>Somewhere</en>${extra}\n  </entry>`;
}

function errorOf(run: () => unknown): GazetteerError {
  try {
    run();
  } catch (error) {
    if (error instanceof GazetteerError) return error;
    throw error;
  }
  throw new Error('expected a GazetteerError');
}

const BILLION_LAUGHS = `${HEAD}
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<gazetteer id="lolz" kind="entities"><source name="x"/>
${entry('Q1', '&lol9;')}
</gazetteer>`;

describe('gazetteer loader: malformed XML and data name the file and line', () => {
  it.each([
    ['an unclosed element', entities(entry('Q1', 'لندن').replace('  </entry>', '')), 8, /malformed XML: Expected closing tag 'entry'/],
    ['crossed tags', entities('  <entry id="Q1" type="LOCATION" subtype="city" country="GB">\n    <ar>لندن</en>\n  </entry>'), 5, /malformed XML/],
    ['an unknown entity type', entities(entry('Q1', 'لندن').replace('LOCATION', 'PLANET')), 4, /unknown type "PLANET"/],
    ['a bad id', entities(entry('not an id', 'لندن')), 4, /invalid id "not an id"/],
    ['a misspelt element', entities(entry('Q1', 'لندن', '\n    <varient>x</varient>')), 4, /unexpected element <varient>/],
  ])('reports %s', (_name, xml, line, message) => {
    const error = errorOf(() => parseGazetteer(xml, 'g.xml'));
    expect(error.file).toBe('g.xml');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^g\\.xml:${line}: `));
    expect(error.message).toMatch(message);
  });

  it('reports text that is not XML at all, and an empty file', () => {
    expect(errorOf(() => parseGazetteer('just some words', 'g.xml')).message).toMatch(/^g\.xml:1: malformed XML/);
    expect(errorOf(() => parseGazetteer('', 'g.xml')).message).toMatch(/^g\.xml:1: malformed XML/);
  });

  it('reports nesting beyond the parser limit with the file, not a bare parser error', () => {
    const error = errorOf(() => parseGazetteer(entities('<a>'.repeat(5000) + '</a>'.repeat(5000)), 'deep.xml'));
    expect(error.message).toMatch(/^deep\.xml: malformed XML: .*nested/);
  });

  it('refuses a file that is not UTF-8, naming the line of the first bad byte', () => {
    const dir = tempDir();
    const xml = Buffer.from(entities(entry('Q1', 'Londres')).replace('Londres', 'Londr\u00e9s'), 'latin1');
    writeFileSync(join(dir, 'latin1.xml'), xml);
    const error = errorOf(() => loadGazetteerDir(dir));
    expect(error.message).toMatch(/latin1\.xml:5: not UTF-8 \(byte 0xE9 at offset \d+\)/);
  });
});

describe('gazetteer loader: DOCTYPE and entity attacks are refused before parsing', () => {
  it('refuses billion laughs at once, at the DOCTYPE line', () => {
    const started = process.hrtime.bigint();
    const error = errorOf(() => parseGazetteer(BILLION_LAUGHS, 'lolz.xml'));
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(100);
    expect(error.code).toBe('dtd');
    expect(error.message).toMatch(/^lolz\.xml:2: DOCTYPE and ENTITY declarations are not allowed/);
  });

  it.each([
    ['an external entity (XXE)', `${HEAD}\n<!DOCTYPE g [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<gazetteer id="g" kind="entities"><source name="x"/>${entry('Q1', '&xxe;')}</gazetteer>`, 'dtd', 2],
    ['a lower-case doctype', `${HEAD}\n<!doctype gazetteer>\n<gazetteer id="g" kind="entities"><source name="x"/></gazetteer>`, 'dtd', 2],
    ['an undeclared entity reference', entities(entry('Q1', '&lol;')), 'entity', 5],
    ['a character reference', entities(entry('Q1', '&#x644;ندن')), 'entity', 5],
  ])('refuses %s', (_name, xml, code, line) => {
    const error = errorOf(() => parseGazetteer(xml, 'g.xml'));
    expect(error.code).toBe(code);
    expect(error.line).toBe(line);
  });

  it('still reads the five predefined entities', () => {
    const file = parseGazetteer(entities(entry('Q1', 'لندن').replace('Somewhere', 'Tom &amp; Jerry &lt;&gt; &quot;&apos;')), 'g.xml');
    expect(file.entries[0]?.en).toBe('Tom & Jerry <> "\'');
  });
});

describe('gazetteer loader: duplicate ids and empty names', () => {
  it('reports a duplicate id in one file with both lines', () => {
    const error = errorOf(() => parseGazetteer(entities(`${entry('Q1', 'لندن')}\n${entry('Q1', 'باريس')}`), 'dup.xml'));
    expect(error.message).toBe('dup.xml:8: duplicate id "Q1" (first defined at line 4)');
  });

  it('reports an id defined in two files with both places', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.xml'), entities(entry('Q1', 'لندن'), 'a'));
    writeFileSync(join(dir, 'b.xml'), entities(`${entry('Q2', 'باريس')}\n${entry('Q1', 'لندن')}`, 'b'));
    expect(errorOf(() => loadGazetteerDir(dir)).message).toBe(`${join(dir, 'b.xml')}:8: duplicate id "Q1" (first defined at ${join(dir, 'a.xml')}:4)`);
  });

  it.each([
    ['an empty <ar>', entities(entry('Q1', '')), /entry Q1: empty <ar>/],
    ['a whitespace-only <ar>', entities(entry('Q1', '   ')), /entry Q1: empty <ar>/],
    ['an empty <variant>', entities(entry('Q1', 'لندن', '\n    <variant> </variant>')), /entry Q1: empty <variant>/],
    ['an empty given name', `${HEAD}\n<gazetteer id="n" kind="given-names">\n  <source name="x"/>\n  <name gender="m" origin="arabic"> </name>\n</gazetteer>`, /:4: empty <name>/],
    ['an empty trigger', `${HEAD}\n<gazetteer id="t" kind="triggers">\n  <source name="x"/>\n  <trigger kind="title"/>\n</gazetteer>`, /:4: empty <trigger>/],
    ['an empty context alternative', entities(entry('Q1', 'لندن', '\n    <context before="صحيفة||جريدة"/>')), /empty alternative/],
  ])('reports %s', (_name, xml, message) => {
    expect(errorOf(() => parseGazetteer(xml, 'g.xml')).message).toMatch(message);
  });
});

describe('arabic-ner extract with a hostile gazetteer folder', () => {
  it('stops before annotating, naming the file and line', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'gaz'));
    writeFileSync(join(dir, 'gaz', 'lolz.xml'), BILLION_LAUGHS);
    const result = runCli(['extract', 'corpus', '--out', join(dir, 'out'), '--gazetteers', join(dir, 'gaz')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot load gazetteers: .*lolz\.xml:2: DOCTYPE/);
  });
});
