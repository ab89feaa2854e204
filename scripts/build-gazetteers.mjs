#!/usr/bin/env node
/**
 * Regenerates the place gazetteers (countries.xml, cities.xml, regions.xml) from their sources
 * and the hand-curated input in gazetteers/curated/. Output is deterministic: same input, same bytes.
 *
 *   node scripts/build-gazetteers.mjs
 *
 * Sources: CLDR region names through Node's ICU (Intl.DisplayNames), the world-cities-ar data set
 * (../shared/data/world-cities-ar, override with WORLD_CITIES=path), and gazetteers/curated/*.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'gazetteers');
const CURATED = join(OUT, 'curated');
const CITIES_JSONL = process.env.WORLD_CITIES ?? join(ROOT, '..', 'shared', 'data', 'world-cities-ar', 'world-cities.jsonl');
const SCRIPT = 'scripts/build-gazetteers.mjs';

const CLDR_SOURCE = { name: `Unicode CLDR region names via Node ICU ${process.versions.icu} (Intl.DisplayNames ar, en)`, url: 'https://cldr.unicode.org', licence: 'Unicode-3.0', generated: SCRIPT };
const WORLD_CITIES_SOURCE = {
  name: 'world-cities-translations by Jamshaid Kamran, Wikidata-derived, CC BY 4.0 (filtered and cleaned)',
  url: 'https://github.com/jamsshhayd/world-cities-translations/tree/4f746eb',
  licence: 'CC-BY-4.0',
  generated: SCRIPT,
};
const curatedSource = (file) => ({ name: `hand-curated: gazetteers/curated/${file}`, licence: 'MIT', generated: SCRIPT });

/** Imported cities: everything this large, and smaller towns in the region Arabic news covers closely. */
const MIN_POPULATION = 200_000;
const MIN_POPULATION_NEAR = 40_000;
const NEAR_COUNTRIES = new Set('AE BH DZ EG IQ IL JO KW LB LY MA MR OM PS QA SA SD SO SY TN TR YE IR AF PK'.split(' '));
/** Below this English/Arabic consonant agreement the Arabic label is usually another item's (Mosul -> a drug name). */
const MIN_SKELETON_AGREEMENT = 0.5;

/** ISO-like codes ICU knows that are not countries: groupings, deprecated aliases, CLDR-only areas. */
const NOT_COUNTRIES = new Set([
  'EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', // groupings and pseudo-regions
  'AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR', // deprecated aliases
  'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA', // CLDR-only areas outside ISO 3166-1
  'AQ', // Antarctica is a continent: regions.tsv
]);

// ---------------------------------------------------------------- text helpers

/** The matcher's folding (FORMAT.md): alef/hamza seats, ya, ta marbuta, diacritics, tatweel. */
function fold(text) {
  return text
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Arabic press prefers no diacritics; names keep hamza and ta marbuta. */
function stripDiacritics(text) {
  return text.replace(/[\u064B-\u0652\u0670\u0640\u200E\u200F]/g, '').replace(/\s+/g, ' ').trim();
}

function slug(english) {
  return english
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function splitList(field) {
  return (field ?? '').split('|').map((item) => item.trim()).filter(Boolean);
}

function unique(items) {
  return [...new Set(items)];
}

/** Rows of a curated TSV: `#` comments and blank lines skipped; a wrong column count stops the build. */
function readTsv(file, minColumns, maxColumns) {
  const path = join(CURATED, file);
  const rows = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const cells = line.split('\t').map((cell) => cell.trim());
    if (cells.length < minColumns || cells.length > maxColumns) {
      throw new Error(`${relative(ROOT, path)}:${index + 1}: expected ${minColumns}-${maxColumns} columns, found ${cells.length}`);
    }
    rows.push({ cells, line: index + 1, file });
  });
  return rows;
}

function readLines(file) {
  return readFileSync(join(CURATED, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

// ---------------------------------------------------------------- XML output

function renderEntry(entry) {
  const country = entry.country ? ` country="${entry.country}"` : '';
  const lines = [`  <entry id="${escapeXml(entry.id)}" type="LOCATION" subtype="${entry.subtype}"${country}>`];
  lines.push(`    <ar>${escapeXml(entry.ar)}</ar>`, `    <en>${escapeXml(entry.en)}</en>`);
  for (const variant of entry.variants) lines.push(`    <variant>${escapeXml(variant)}</variant>`);
  for (const adjective of entry.adjectives ?? []) lines.push(`    <adjective>${escapeXml(adjective)}</adjective>`);
  lines.push('  </entry>');
  return lines.join('\n');
}

function renderSource(source) {
  const attrs = ['name', 'url', 'licence', 'generated'].filter((key) => source[key]).map((key) => `${key}="${escapeXml(source[key])}"`);
  return `  <source ${attrs.join(' ')}/>`;
}

function writeGazetteer(id, sources, entries) {
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- GENERATED by ${SCRIPT}: do not edit; curate gazetteers/curated/* and rebuild. -->`,
    `<gazetteer id="${id}" kind="entities">`,
    ...sources.map(renderSource),
    ...entries.map(renderEntry),
    '</gazetteer>',
    '',
  ].join('\n');
  writeFileSync(join(OUT, `${id}.xml`), body);
  console.log(`gazetteers/${id}.xml: ${entries.length} entries`);
}

/** Variants minus the canonical name and minus spellings the matcher folds together anyway. */
function distinctVariants(ar, variants) {
  const seen = new Set([fold(ar)]);
  return variants.filter((variant) => {
    const key = fold(variant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- countries

const arRegion = new Intl.DisplayNames(['ar'], { type: 'region', fallback: 'none' });
const enRegion = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

function icuRegionCodes() {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [];
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (!NOT_COUNTRIES.has(code) && enRegion.of(code) && arRegion.of(code)) codes.push(code);
    }
  }
  return codes;
}

/** CLDR adds qualifiers news never writes: `جزر كوكوس (كيلينغ)`, `St. Lucia`, `Antigua & Barbuda`. */
function cleanCldrArabic(name) {
  return stripDiacritics(name.replace(/\s*\(.*\)\s*$/, ''));
}

function cleanCldrEnglish(name) {
  return name.replace(/\s*\(.*\)\s*$/, '').replace(/&/g, 'and').replace(/^St\. /, 'Saint ');
}

function buildCountries() {
  const qids = new Map(readTsv('country-qids.tsv', 2, 2).map(({ cells }) => [cells[0], cells[1]]));
  const curated = new Map(readTsv('countries.tsv', 1, 5).map(({ cells }) => [cells[0], cells]));
  const codes = icuRegionCodes();
  for (const code of [...curated.keys(), ...qids.keys()]) {
    if (!codes.includes(code)) throw new Error(`gazetteers/curated: ${code} is not a country code ICU knows`);
  }
  return codes.map((code) => {
    const [, variants, adjectives, ar, en] = curated.get(code) ?? [];
    const cldrAr = cleanCldrArabic(arRegion.of(code));
    const canonical = ar || cldrAr;
    // Oman's CLDR name is bare عمان, which news uses for Amman: keep it out (see countries.tsv).
    const cldrVariant = code === 'OM' || /[()]/.test(arRegion.of(code)) ? [] : [cldrAr];
    return {
      id: qids.get(code) ?? `place:country-${code.toLowerCase()}`,
      subtype: 'country',
      country: code,
      ar: canonical,
      en: en || cleanCldrEnglish(enRegion.of(code)),
      variants: distinctVariants(canonical, [...cldrVariant, ...splitList(variants)]),
      adjectives: unique(splitList(adjectives)),
    };
  });
}

// ---------------------------------------------------------------- regions

function buildRegions() {
  return readTsv('regions.tsv', 4, 6)
    .map(({ cells, line }) => {
      const [id, subtype, ar, en, country, variants] = cells;
      if (!['region', 'water', 'site'].includes(subtype)) throw new Error(`regions.tsv:${line}: bad subtype ${subtype}`);
      return { id, subtype, ar, en, country: country || undefined, variants: distinctVariants(ar, splitList(variants)) };
    })
    .sort((a, b) => a.subtype.localeCompare(b.subtype) || a.en.localeCompare(b.en));
}

// ---------------------------------------------------------------- cities

/** Consonant skeletons of the English and Arabic names, in one coarse Latin alphabet. */
const AR_SKELETON = { ب: 'b', پ: 'b', ت: 't', ث: 't', ج: 'g', چ: 's', خ: 'k', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 's', ص: 's', ض: 'd', ط: 't', ظ: 'z', غ: 'g', ف: 'f', ڤ: 'f', ق: 'k', ك: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n' };
const EN_SKELETON = { b: 'b', p: 'b', t: 't', d: 'd', j: 'g', g: 'g', k: 'k', q: 'k', c: 'k', f: 'f', l: 'l', m: 'm', n: 'n', r: 'r', s: 's', z: 'z' };
const EN_ARTICLE = /^(al|el|ar|as|ad|an|at|az|ash|ath|adh|ez|es|et|en|er)$/;

function arabicSkeleton(name) {
  const letters = name.split(' ').map((word) => word.replace(/^ال/, '')).join('');
  return [...letters].map((ch) => AR_SKELETON[ch] ?? '').join('').replace(/(.)\1+/g, '$1');
}

function englishSkeleton(name) {
  const words = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[\s-]+/);
  const text = words.filter((word) => words.length === 1 || !EN_ARTICLE.test(word)).join(' ')
    .replace(/dj/g, 'g').replace(/tch|tsch|sch|ch|sh/g, 's').replace(/([kgtdz])h/g, '$1').replace(/ph/g, 'f')
    .replace(/c(?=[eiy])/g, 's').replace(/ck/g, 'k').replace(/x/g, 'ks');
  return [...text].map((ch) => EN_SKELETON[ch] ?? '').join('').replace(/(.)\1+/g, '$1');
}

function commonSubsequence(a, b) {
  const row = new Array(b.length + 1).fill(0);
  for (const ch of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = ch === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

/** How well the Arabic label transliterates the English name (0..1). */
function skeletonAgreement(english, arabic) {
  const en = englishSkeleton(english);
  const ar = arabicSkeleton(arabic);
  if (en === '' || ar === '') return 0;
  return commonSubsequence(en, ar) / Math.max(en.length, ar.length);
}

/** Labels that name an administrative unit or another kind of thing, not the city. */
const ADMIN_PREFIX = /^(ولاية|محافظة|منطقة|مديرية|مركز|قسم|بلدية|دائرة|لواء|ناحية|إقليم|اقليم|قضاء|معتمدية|شعبية|عزلة|مقاطعة|إدارة|أوبلاست|كونتية|مقاطعه)[\s_]/;
const NOT_A_CITY = /(^|\s)(ملعب|نادي|مطار|جامعة|مستشفى|مستشفي|ميناء|قلعة|معركة|الكلية|كلية|نهر|متحف|المتحف|مجلس|التجمع|جماعة|خليج|جزيرة|بحيرة|جبل|وادي ال)(\s|$)/;

/** The city's own Arabic label, or why it is unusable. Wikipedia disambiguators (`X، Y`, `X (Y)`) are cut. */
function cleanCityLabel(raw, english) {
  let label = stripDiacritics(raw).replace(/\s*\([^)]*\)\s*$/, '').replace(/،.*$/, '').trim();
  if (/^مدينة /.test(label) && !/^(madinat|medina)/i.test(english)) label = label.slice('مدينة '.length);
  if (/[A-Za-z0-9]/.test(label)) return { reason: 'latin' };
  if (/[^\u0621-\u064A\u0671-\u06D3 ]/.test(label)) return { reason: 'punctuation' };
  if (ADMIN_PREFIX.test(label)) return { reason: 'province' };
  if (NOT_A_CITY.test(label)) return { reason: 'not a city' };
  if (label.split(' ').length > 3) return { reason: 'long' };
  if (label.replace(/^ال/, '').replace(/ /g, '').length <= 2) return { reason: 'short' };
  return { label };
}

/** English country names in world-cities that ICU spells differently. */
const DATASET_COUNTRY = {
  'Bosnia and Herzevina': 'BA', 'Fiji Islands': 'FJ', 'Hong Kong S.A.R.': 'HK', 'Man (Isle of)': 'IM',
  'Palestinian Territory Occupied': 'PS', 'Timor-Leste': 'TL', 'Antigua and Barbuda': 'AG', 'Trinidad and Tobago': 'TT',
  'Saint Vincent and the Grenadines': 'VC', 'Sao Tome and Principe': 'ST', 'Turkey': 'TR', 'Czech Republic': 'CZ',
  'Saint Lucia': 'LC', 'Macedonia': 'MK', 'Swaziland': 'SZ', 'Ivory Coast': 'CI', 'Myanmar': 'MM', 'Burma': 'MM',
};

function countryCodeIndex() {
  const index = new Map(Object.entries(DATASET_COUNTRY));
  for (const code of icuRegionCodes()) index.set(enRegion.of(code), code);
  return index;
}

function readWorldCities() {
  const codes = countryCodeIndex();
  return readFileSync(CITIES_JSONL, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line);
      const country = codes.get(row.Country);
      if (!country) throw new Error(`world-cities: unknown country ${row.Country}`);
      return { en: row.CityNameEn.trim(), arRaw: row.CityNameAr, country, population: Number(row.Population) || 0 };
    });
}

/** Imported cities that pass every filter; `taken` holds folded names already used by other places. */
function importCities(taken, stopwords, curatedKeys) {
  const kept = new Map();
  const dropped = {};
  const drop = (reason) => (dropped[reason] = (dropped[reason] ?? 0) + 1);
  const rows = readWorldCities().sort((a, b) => b.population - a.population || a.en.localeCompare(b.en));
  for (const row of rows) {
    const threshold = NEAR_COUNTRIES.has(row.country) ? MIN_POPULATION_NEAR : MIN_POPULATION;
    if (row.population < threshold) { drop('population'); continue; }
    if (curatedKeys.has(`${row.country}:${row.en.toLowerCase()}`)) { drop('curated'); continue; }
    const { label, reason } = cleanCityLabel(row.arRaw, row.en);
    if (!label) { drop(reason); continue; }
    const key = fold(label);
    if (stopwords.has(key)) { drop('stopword'); continue; }
    if (taken.has(key)) { drop('name taken'); continue; }
    if (skeletonAgreement(row.en, label) < MIN_SKELETON_AGREEMENT) { drop('mistranslated'); continue; }
    // Homonyms across countries: the most populous city is the default reading (rows are sorted).
    if (kept.has(key)) { drop('homonym'); continue; }
    kept.set(key, { subtype: 'city', ar: label, en: row.en, country: row.country, variants: [] });
  }
  console.log('world-cities dropped:', JSON.stringify(dropped));
  return [...kept.values()];
}

function readCuratedCities(taken) {
  // Names deliberately shared by a city and a country (عمان: Amman and Oman), read by context.
  const shared = new Set(readLines('shared-place-names.txt').map(fold));
  return readTsv('cities.tsv', 4, 5).map(({ cells, line }) => {
    const [id, ar, en, country, variants] = cells;
    if (!/^[A-Z]{2}$/.test(country)) throw new Error(`cities.tsv:${line}: bad country ${country}`);
    for (const name of [ar, ...splitList(variants)]) {
      if (taken.has(fold(name)) && !shared.has(fold(name))) throw new Error(`cities.tsv:${line}: ${name} is already a country or region name (list it in shared-place-names.txt if both readings are real)`);
    }
    return { id: id || undefined, subtype: 'city', ar, en, country, variants: distinctVariants(ar, splitList(variants)) };
  });
}

/** `place:city-<slug>`; the country code is added only where two cities share an English name. */
function assignCityIds(cities) {
  const count = new Map();
  for (const city of cities) if (!city.id) count.set(slug(city.en), (count.get(slug(city.en)) ?? 0) + 1);
  for (const city of cities) {
    if (city.id) continue;
    const base = slug(city.en);
    city.id = `place:city-${base}${count.get(base) > 1 ? `-${city.country.toLowerCase()}` : ''}`;
  }
}

function buildCities(countries, regions) {
  const taken = new Set();
  for (const place of [...countries, ...regions]) for (const name of [place.ar, ...place.variants]) taken.add(fold(name));
  const curated = readCuratedCities(taken);
  const curatedKeys = new Set(curated.map((city) => `${city.country}:${city.en.toLowerCase()}`));
  for (const city of curated) for (const name of [city.ar, ...city.variants]) taken.add(fold(name));
  const stopwords = new Set(readLines('city-stopwords.txt').map(fold));
  const cities = [...curated, ...importCities(taken, stopwords, curatedKeys)];
  cities.sort((a, b) => a.country.localeCompare(b.country) || a.en.localeCompare(b.en) || a.ar.localeCompare(b.ar));
  assignCityIds(cities);
  return cities;
}

// ---------------------------------------------------------------- main

function main() {
  const countries = buildCountries();
  const regions = buildRegions();
  const cities = buildCities(countries, regions);
  writeGazetteer('countries', [CLDR_SOURCE, curatedSource('countries.tsv'), curatedSource('country-qids.tsv')], countries);
  writeGazetteer('cities', [WORLD_CITIES_SOURCE, curatedSource('cities.tsv'), curatedSource('city-stopwords.txt')], cities);
  writeGazetteer('regions', [curatedSource('regions.tsv')], regions);
}

main();
