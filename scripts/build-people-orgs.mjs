#!/usr/bin/env node
// Builds gazetteers/people.xml, gazetteers/organizations.xml and gazetteers/given-names.xml
// from the hand-curated sources in gazetteers/curated/ and the shared Arabic given-name lists.
// Plain Node ESM, no dependencies, deterministic output (entries sorted by id, names sorted).
//
//   node scripts/build-people-orgs.mjs            build the three XML files
//   node scripts/build-people-orgs.mjs --check    build in memory and report problems only
//
// Exit code 1 on hard errors (duplicate ids, malformed rows).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GAZ = path.join(ROOT, 'gazetteers');
const CUR = path.join(GAZ, 'curated');
const SCRIPT = 'scripts/build-people-orgs.mjs';
const NAMES_DIR = process.env.ARABIC_NAMES_DIR
  ?? (fs.existsSync(path.join(ROOT, '..', 'shared', 'data', 'arabic-given-names'))
    ? path.join(ROOT, '..', 'shared', 'data', 'arabic-given-names')
    : '/work/shared/data/arabic-given-names');
const CHECK_ONLY = process.argv.includes('--check');

const errors = [];
const warnings = [];

function esc(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Arabic normalisation used only for duplicate detection (mirrors the matcher's folding). */
function fold(s) {
  return s
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/\s+/g, ' ')
    .trim();
}

function clean(s) {
  return (s ?? '').replace(/[\u200B-\u200F\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
}

function readTsv(file, minCols) {
  const rows = [];
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t').map(clean);
    if (i === 0 || (rows.length === 0 && cols[0] === 'id')) return; // header
    if (cols.length < minCols) {
      errors.push(`${path.basename(file)}:${i + 1}: expected ${minCols} columns, got ${cols.length}`);
      return;
    }
    rows.push({ line: i + 1, cols });
  });
  return rows;
}

const ARABIC_RE = /^[\u0621-\u064A\u0660-\u0669\u0670-\u06D3\u0640\u064B-\u065F0-9 .'\-()+]+$/;

function checkArabic(file, line, s) {
  if (!ARABIC_RE.test(s)) errors.push(`${file}:${line}: not an Arabic name: "${s}"`);
}

function splitVariants(s) {
  return s ? s.split('|').map(clean).filter(Boolean) : [];
}

/** Shared entity builder: returns entries sorted by id, after duplicate checks. */
function buildEntities(file, rows, type, mapRow) {
  const byId = new Map();
  const surface = new Map(); // folded name -> id (duplicates inside this gazetteer)
  for (const { line, cols } of rows) {
    const e = mapRow(cols);
    e.line = line;
    if (!e.id) { errors.push(`${file}:${line}: missing id`); continue; }
    if (!/^(Q\d+|(person|org):[a-z0-9][a-z0-9-]*)$/.test(e.id)) errors.push(`${file}:${line}: bad id ${e.id}`);
    if (byId.has(e.id)) { errors.push(`${file}:${line}: duplicate id ${e.id} (also line ${byId.get(e.id).line})`); continue; }
    if (!e.ar || !e.en) { errors.push(`${file}:${line}: missing ar/en`); continue; }
    checkArabic(file, line, e.ar);
    e.variants.forEach((v) => checkArabic(file, line, v));
    if (e.country && !/^[A-Z]{2}$/.test(e.country)) errors.push(`${file}:${line}: bad country ${e.country}`);
    // drop variants identical (after folding) to the canonical or to each other
    const seen = new Set([fold(e.ar)]);
    e.variants = e.variants.filter((v) => {
      const f = fold(v);
      if (seen.has(f)) return false;
      seen.add(f);
      return true;
    });
    for (const f of seen) {
      const other = surface.get(f);
      if (other && other !== e.id) {
        const o = byId.get(other);
        // identical surface forms are only tolerated when at least one side is context-gated
        if (!(e.context?.length || o?.context?.length)) warnings.push(`${file}:${line}: "${f}" also names ${other} (line ${o?.line})`);
      } else surface.set(f, e.id);
    }
    byId.set(e.id, e);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function entityXml(gazId, sources, entries, type) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<gazetteer id="${gazId}" kind="entities">`];
  for (const s of sources) out.push('  ' + sourceXml(s));
  for (const e of entries) {
    const attrs = [`id="${esc(e.id)}"`, `type="${type}"`, `subtype="${esc(e.subtype)}"`];
    if (e.country) attrs.push(`country="${esc(e.country)}"`);
    out.push(`  <entry ${attrs.join(' ')}>`);
    out.push(`    <ar>${esc(e.ar)}</ar>`);
    out.push(`    <en>${esc(e.en)}</en>`);
    for (const v of e.variants) out.push(`    <variant>${esc(v)}</variant>`);
    if (e.context?.length) out.push(`    <context before="${esc(e.context.join('|'))}"/>`);
    out.push('  </entry>');
  }
  out.push('</gazetteer>', '');
  return out.join('\n');
}

function sourceXml(s) {
  const a = [`name="${esc(s.name)}"`];
  if (s.url) a.push(`url="${esc(s.url)}"`);
  a.push(`licence="${esc(s.licence)}"`);
  if (s.generated) a.push(`generated="${esc(s.generated)}"`);
  return `<source ${a.join(' ')}/>`;
}

// ---------------------------------------------------------------- people
const PERSON_SUBTYPE = 'person';
const peopleRows = readTsv(path.join(CUR, 'people.tsv'), 3);
const people = buildEntities('people.tsv', peopleRows, 'PERSON', (c) => ({
  id: c[0], en: c[1], ar: c[2], variants: splitVariants(c[3]), country: c[4] || '', role: c[5] || '',
  subtype: PERSON_SUBTYPE,
}));

// ---------------------------------------------------------------- organisations
const ORG_SUBTYPES = new Set(['international', 'regional', 'armed-group', 'government', 'media', 'company', 'party', 'other']);
const orgRows = readTsv(path.join(CUR, 'organizations.tsv'), 5);
const orgs = buildEntities('organizations.tsv', orgRows, 'ORGANIZATION', (c) => {
  const subtype = c[4];
  return {
    id: c[0], en: c[1], ar: c[2], variants: splitVariants(c[3]), subtype, country: c[5] || '',
    context: splitVariants(c[6]),
  };
});
for (const o of orgs) if (!ORG_SUBTYPES.has(o.subtype)) errors.push(`organizations.tsv:${o.line}: bad subtype ${o.subtype}`);

// ids must not collide across the two files
{
  const p = new Set(people.map((e) => e.id));
  for (const o of orgs) if (p.has(o.id)) errors.push(`id ${o.id} in both people and organizations`);
}

// ---------------------------------------------------------------- given names
// Shared lists: junk, transliteration artefacts and non-names removed by hand (see README).
const SHARED_DROP = new Set([
  'أبي', // "my father" / genitive of أبو, not a standalone given name
  'تي', 'جحا', 'برئ', 'بلبل', 'بلبلة', 'برهوم', 'حميدو', 'باذنجان', 'آمر', 'إيثار', 'أنصاري',
  'تهنيد', 'بتلاء', 'أسلية', 'بريكة', 'نابغة', 'تحفة', 'تودد', 'توسل', 'تسبيح', 'تذكار', 'تراث',
  'بيضاء', 'تلال', 'جهام', 'جهراء', 'خواطر', 'إشفاق', 'إفتكار', 'أفكار', 'أسرار', 'أسوة', 'بصيرة',
  'أمة الله', 'بنانة', 'بينة', 'ثائرة', 'حاكمة', 'بارعة', 'بريئة', 'شمائل', 'تسامح', 'بطل', 'أريحا',
  'عبد المعين', 'محمد نور', 'ثابتة',
]);
// Spelling fixes for artefacts in the shared lists.
const SHARED_FIX = new Map([
  ['حذيفه', 'حذيفة'], ['رامه', 'رامة'], ['إنتصار', 'انتصار'], ['انجي', 'إنجي'],
]);

function readList(file) {
  const p = path.join(NAMES_DIR, file);
  if (!fs.existsSync(p)) { errors.push(`missing shared list ${p}`); return []; }
  return fs.readFileSync(p, 'utf8').split(/\r?\n/).map(clean).filter(Boolean);
}

const ambiguous = new Set(
  fs.readFileSync(path.join(CUR, 'ambiguous-given-names.txt'), 'utf8')
    .split(/\r?\n/).map((l) => clean(l.replace(/#.*/, ''))).filter(Boolean).map(fold),
);

const names = new Map(); // folded -> {name, gender, origin}
function addName(raw, gender, origin, src) {
  let n = clean(raw);
  if (SHARED_FIX.has(n)) n = SHARED_FIX.get(n);
  if (!n || SHARED_DROP.has(n)) return;
  if (!ARABIC_RE.test(n)) { warnings.push(`given name dropped (${src}): "${n}"`); return; }
  const f = fold(n);
  const prev = names.get(f);
  if (prev) {
    if (prev.gender !== gender) prev.gender = 'u';
    return;
  }
  names.set(f, { name: n, gender, origin });
}
for (const n of readList('male-first--names-in-arabic.txt')) addName(n, 'm', 'arabic', 'male list');
for (const n of readList('female-first-names-in-arabic.txt')) addName(n, 'f', 'arabic', 'female list');
// extra common Arabic given names (hand-curated: the shared lists miss many frequent news names)
for (const { cols, line } of readTsv(path.join(CUR, 'given-names-arabic-extra.tsv'), 2)) {
  if (!['m', 'f', 'u'].includes(cols[1])) errors.push(`given-names-arabic-extra.tsv:${line}: bad gender ${cols[1]}`);
  addName(cols[0], cols[1], 'arabic', 'arabic extra');
}
for (const { cols, line } of readTsv(path.join(CUR, 'given-names-foreign.tsv'), 2)) {
  if (!['m', 'f', 'u'].includes(cols[1])) errors.push(`given-names-foreign.tsv:${line}: bad gender ${cols[1]}`);
  addName(cols[0], cols[1], 'foreign', 'foreign list');
}
for (const a of ambiguous) if (![...names.keys()].includes(a)) warnings.push(`ambiguous name not in any list: ${a}`);

const nameList = [...names.values()].sort((a, b) =>
  a.origin !== b.origin ? (a.origin < b.origin ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function givenNamesXml() {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<gazetteer id="given-names" kind="given-names">'];
  out.push('  ' + sourceXml({ name: 'AKhateeb/arabic-names @ 32d5ec8 (male, female lists; cleaned)', url: 'https://github.com/AKhateeb/arabic-names', licence: 'MIT', generated: SCRIPT }));
  out.push('  ' + sourceXml({ name: 'hand-curated Arabic and foreign given names (gazetteers/curated/given-names-*.tsv, ambiguous-given-names.txt)', licence: 'MIT', generated: SCRIPT }));
  for (const n of nameList) {
    const amb = ambiguous.has(fold(n.name)) ? 'true' : 'false';
    out.push(`  <name gender="${n.gender}" origin="${n.origin}" ambiguous="${amb}">${esc(n.name)}</name>`);
  }
  out.push('</gazetteer>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------- write
const CURATED = { name: 'hand-curated (gazetteers/curated)', licence: 'MIT', generated: SCRIPT };
const files = {
  'people.xml': entityXml('people', [{ ...CURATED, name: 'hand-curated people (gazetteers/curated/people.tsv)' }], people, 'PERSON'),
  'organizations.xml': entityXml('organizations', [{ ...CURATED, name: 'hand-curated organisations (gazetteers/curated/organizations.tsv)' }], orgs, 'ORGANIZATION'),
  'given-names.xml': givenNamesXml(),
};

for (const w of warnings) console.warn('warning:', w);
for (const e of errors) console.error('error:', e);
if (errors.length) process.exit(1);
if (!CHECK_ONLY) for (const [f, x] of Object.entries(files)) fs.writeFileSync(path.join(GAZ, f), x);
console.log(`people ${people.length}, organizations ${orgs.length}, given names ${nameList.length} ` +
  `(${nameList.filter((n) => ambiguous.has(fold(n.name))).length} ambiguous)` + (CHECK_ONLY ? ' [check only]' : ''));
