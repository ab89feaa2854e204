import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GazetteerError, loadGazetteerDir, parseGazetteer } from '../src/gazetteer/load.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const SOURCE = '  <source name="hand-curated" licence="MIT"/>';

/** An entities gazetteer whose entries start on line 4. */
function entities(body: string, id = 'test'): string {
  return `${HEAD}\n<gazetteer id="${id}" kind="entities">\n${SOURCE}\n${body}\n</gazetteer>\n`;
}

const LONDON = `  <entry id="Q84" type="LOCATION" subtype="city" country="GB">
    <ar>لندن</ar>
    <en>London</en>
  </entry>`;

function errorOf(run: () => unknown): GazetteerError {
  try {
    run();
  } catch (error) {
    if (error instanceof GazetteerError) return error;
    throw error;
  }
  throw new Error('expected a GazetteerError');
}

describe('parseGazetteer', () => {
  it('reads entries, variants, adjectives, contexts and sources', () => {
    const xml = entities(`  <!-- a comment with <entry> inside is skipped -->
  <entry id="Q30" type="LOCATION" subtype="country" country="US">
    <ar>الولايات المتحدة</ar>
    <en>United States</en>
    <variant>الولايات المتحدة الأمريكية</variant>
    <variant>أمريكا</variant>
    <adjective>أمريكي</adjective>
    <adjective>أميركي</adjective>
  </entry>
  <entry id="org:asharq-al-awsat" type="ORGANIZATION" subtype="media" country="SA">
    <ar>  الشرق الأوسط  </ar>
    <en>Asharq Al-Awsat</en>
    <context before="صحيفة|جريدة"/>
  </entry>
  <entry id="place:lancaster-house" type="LOCATION" subtype="site" country="GB"><ar>لانكستر هاوس</ar><en>Lancaster House &amp; Gardens</en></entry>`);
    const file = parseGazetteer(xml, 'countries.xml');
    expect(file).toMatchObject({ id: 'test', kind: 'entities', path: 'countries.xml', givenNames: [], triggers: [] });
    expect(file.sources).toEqual([{ name: 'hand-curated', licence: 'MIT' }]);
    expect(file.entries).toEqual([
      {
        id: 'Q30', type: 'LOCATION', subtype: 'country', country: 'US', ar: 'الولايات المتحدة', en: 'United States',
        variants: ['الولايات المتحدة الأمريكية', 'أمريكا'], adjectives: ['أمريكي', 'أميركي'], contexts: [], gazetteer: 'test', line: 5,
      },
      {
        id: 'org:asharq-al-awsat', type: 'ORGANIZATION', subtype: 'media', country: 'SA', ar: 'الشرق الأوسط', en: 'Asharq Al-Awsat',
        variants: [], adjectives: [], contexts: [{ before: ['صحيفة', 'جريدة'] }], gazetteer: 'test', line: 13,
      },
      {
        id: 'place:lancaster-house', type: 'LOCATION', subtype: 'site', country: 'GB', ar: 'لانكستر هاوس', en: 'Lancaster House & Gardens',
        variants: [], adjectives: [], contexts: [], gazetteer: 'test', line: 18,
      },
    ]);
  });

  it('reads given names and triggers', () => {
    const names = parseGazetteer(`${HEAD}
<gazetteer id="given-names" kind="given-names">
${SOURCE}
  <name gender="m" origin="arabic" ambiguous="false">محمد</name>
  <name gender="f" origin="arabic" ambiguous="true">أمل</name>
  <name gender="m" origin="foreign">فيليب</name>
</gazetteer>`, 'given-names.xml');
    expect(names.givenNames).toEqual([
      { name: 'محمد', gender: 'm', origin: 'arabic', ambiguous: false, line: 4 },
      { name: 'أمل', gender: 'f', origin: 'arabic', ambiguous: true, line: 5 },
      { name: 'فيليب', gender: 'm', origin: 'foreign', ambiguous: false, line: 6 },
    ]);
    const triggers = parseGazetteer(`${HEAD}
<gazetteer id="triggers" kind="triggers">
${SOURCE}
  <trigger kind="title">وزير الخارجية</trigger>
  <trigger kind="media-prefix">صحيفة</trigger>
</gazetteer>`, 'triggers.xml');
    expect(triggers.triggers).toEqual([
      { text: 'وزير الخارجية', kind: 'title', line: 4 },
      { text: 'صحيفة', kind: 'media-prefix', line: 5 },
    ]);
  });

  const entryWith = (attrs: string, inner = '<ar>لندن</ar><en>London</en>'): string =>
    entities(`${LONDON}\n  <entry ${attrs}>${inner}</entry>`);

  it.each([
    ['unknown type', entryWith('id="Q90" type="PLACE" subtype="city" country="FR"'), 'type', /unknown type "PLACE"/],
    ['unknown subtype', entryWith('id="Q90" type="LOCATION" subtype="town" country="FR"'), 'subtype', /unknown subtype "town"/],
    ['missing ar', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<en>Paris</en>'), 'missing', /exactly one <ar>/],
    ['missing en', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<ar>باريس</ar>'), 'missing', /exactly one <en>/],
    ['two ar', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<ar>باريس</ar><ar>باريز</ar><en>Paris</en>'), 'missing', /exactly one <ar>/],
    ['empty ar', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<ar>  </ar><en>Paris</en>'), 'empty', /empty <ar>/],
    ['empty variant', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<ar>باريس</ar><en>Paris</en><variant/>'), 'empty', /empty <variant>/],
    ['lower-case country', entryWith('id="Q90" type="LOCATION" subtype="city" country="fr"'), 'country', /invalid country "fr"/],
    ['three-letter country', entryWith('id="Q90" type="LOCATION" subtype="city" country="FRA"'), 'country', /invalid country "FRA"/],
    ['city without country', entryWith('id="Q90" type="LOCATION" subtype="city"'), 'country', /needs a country/],
    ['missing id', entryWith('type="LOCATION" subtype="city" country="FR"'), 'missing', /id attribute/],
    ['malformed id', entryWith('id="paris" type="LOCATION" subtype="city" country="FR"'), 'id', /invalid id "paris"/],
    ['duplicate id', entryWith('id="Q84" type="LOCATION" subtype="city" country="GB"'), 'duplicate-id', /duplicate id "Q84" \(first defined at line 4\)/],
    ['misspelt element', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<ar>باريس</ar><en>Paris</en><varient>باريز</varient>'), 'element', /<varient>/],
    ['unknown attribute', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR" lang="ar"'), 'attribute', /"lang"/],
    ['adjective on a city', entryWith('id="Q90" type="LOCATION" subtype="city" country="FR"', '<ar>باريس</ar><en>Paris</en><adjective>باريسي</adjective>'), 'adjective', /countries only/],
  ])('%s: names the file and the line of the <entry>', (_case, xml, code, message) => {
    const error = errorOf(() => parseGazetteer(xml, 'gazetteers/cities.xml'));
    expect(error).toMatchObject({ code, file: 'gazetteers/cities.xml', line: 8 });
    expect(error.message).toMatch(/^gazetteers\/cities\.xml:8: /);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['unknown root', `${HEAD}\n<places id="x" kind="entities">\n${SOURCE}\n</places>`, 'root', 2],
    ['two roots', `${HEAD}\n<gazetteer id="a" kind="triggers">${SOURCE}</gazetteer>\n<gazetteer id="b" kind="triggers">${SOURCE}</gazetteer>`, 'xml', 3],
    ['unknown kind', `${HEAD}\n\n<gazetteer id="x" kind="places">\n${SOURCE}\n</gazetteer>`, 'kind', 3],
    ['no source', `${HEAD}\n<gazetteer id="x" kind="entities">\n${LONDON}\n</gazetteer>`, 'source', 2],
    ['item of another kind', `${HEAD}\n<gazetteer id="x" kind="triggers">\n${SOURCE}\n${LONDON}\n</gazetteer>`, 'element', 2],
    ['bad gender', `${HEAD}\n<gazetteer id="x" kind="given-names">\n${SOURCE}\n  <name gender="x" origin="arabic">محمد</name>\n</gazetteer>`, 'gender', 4],
    ['empty given name', `${HEAD}\n<gazetteer id="x" kind="given-names">\n${SOURCE}\n<name gender="m" origin="arabic"/>\n</gazetteer>`, 'empty', 4],
    ['bad trigger kind', `${HEAD}\n<gazetteer id="x" kind="triggers">\n${SOURCE}\n\n  <trigger kind="honorific">الشيخ</trigger>\n</gazetteer>`, 'trigger-kind', 5],
  ])('%s is reported with its line', (_case, xml, code, line) => {
    const error = errorOf(() => parseGazetteer(xml, 'g.xml'));
    expect(error).toMatchObject({ code, file: 'g.xml', line });
    expect(error.message.startsWith(`g.xml:${line}: `)).toBe(true);
  });

  it('reports malformed XML with the validator line', () => {
    const xml = entities(`${LONDON}\n  <entry id="Q90" type="LOCATION" subtype="city" country="FR">\n    <ar>باريس</ar>\n    <en>Paris</ar>\n  </entry>`);
    const error = errorOf(() => parseGazetteer(xml, 'cities.xml'));
    expect(error).toMatchObject({ code: 'xml', file: 'cities.xml', line: 10 });
    expect(error.message).toMatch(/^cities\.xml:10: malformed XML/);
  });

  it('refuses DOCTYPE and entity definitions before parsing (billion laughs)', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `${HEAD}\n<!DOCTYPE gazetteer [\n<!ENTITY lol0 "lol">\n${lol}\n]>\n<gazetteer id="x" kind="triggers">${SOURCE}<trigger kind="title">&lol9;</trigger></gazetteer>`;
    expect(errorOf(() => parseGazetteer(bomb, 'bomb.xml'))).toMatchObject({ code: 'dtd', file: 'bomb.xml', line: 2 });
    const entityOnly = `${HEAD}\n<gazetteer id="x" kind="triggers">\n<!ENTITY x "y">\n</gazetteer>`;
    expect(errorOf(() => parseGazetteer(entityOnly, 'e.xml'))).toMatchObject({ code: 'dtd', line: 3 });
  });

  it('refuses entity references other than the predefined five', () => {
    const xml = entities(`${LONDON}\n  <entry id="Q90" type="LOCATION" subtype="city" country="FR"><ar>باريس&nbsp;</ar><en>Paris</en></entry>`);
    expect(errorOf(() => parseGazetteer(xml, 'c.xml'))).toMatchObject({ code: 'entity', line: 8 });
    const numeric = entities(`  <entry id="Q90" type="LOCATION" subtype="city" country="FR"><ar>&#1576;اريس</ar><en>Paris</en></entry>`);
    expect(errorOf(() => parseGazetteer(numeric, 'c.xml'))).toMatchObject({ code: 'entity', line: 4 });
  });
});

describe('loadGazetteerDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gazetteers-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every *.xml sorted by name', () => {
    writeFileSync(join(dir, 'b-cities.xml'), entities(LONDON, 'cities'));
    writeFileSync(join(dir, 'a-countries.xml'), entities('  <entry id="Q145" type="LOCATION" subtype="country" country="GB"><ar>المملكة المتحدة</ar><en>United Kingdom</en><variant>بريطانيا</variant><adjective>بريطاني</adjective></entry>', 'countries'));
    writeFileSync(join(dir, 'notes.txt'), 'not a gazetteer');
    const files = loadGazetteerDir(dir);
    expect(files.map((file) => file.id)).toEqual(['countries', 'cities']);
    expect(files[0]?.path).toBe(join(dir, 'a-countries.xml'));
  });

  it('reports an id defined in two files with both places', () => {
    writeFileSync(join(dir, 'cities.xml'), entities(LONDON, 'cities'));
    writeFileSync(join(dir, 'regions.xml'), entities(`\n${LONDON}`, 'regions'));
    const error = errorOf(() => loadGazetteerDir(dir));
    expect(error).toMatchObject({ code: 'duplicate-id', file: join(dir, 'regions.xml'), line: 5 });
    expect(error.message).toContain(`first defined at ${join(dir, 'cities.xml')}:4`);
  });

  it('reports two files with the same gazetteer id', () => {
    writeFileSync(join(dir, 'a.xml'), entities(LONDON, 'places'));
    writeFileSync(join(dir, 'b.xml'), entities('', 'places'));
    expect(errorOf(() => loadGazetteerDir(dir))).toMatchObject({ code: 'duplicate-gazetteer', file: join(dir, 'b.xml') });
  });

  it('loads the real gazetteers/ folder', () => {
    const files = loadGazetteerDir(join(process.cwd(), 'gazetteers'));
    const ids = files.map((file) => file.id);
    expect(ids).toEqual(expect.arrayContaining(['countries', 'cities', 'regions']));
    const countries = files.find((file) => file.id === 'countries');
    const us = countries?.entries.find((entry) => entry.id === 'Q30');
    expect(us).toMatchObject({ ar: 'الولايات المتحدة', country: 'US' });
    expect(us?.adjectives).toEqual(expect.arrayContaining(['أمريكي', 'أميركي']));
  });
});
