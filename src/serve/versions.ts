import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANNOTATION_SCHEMA_ID, VERSION } from '../index.js';

/**
 * What `GET /version` answers: the tool's and the schema's versions, and a content version (the
 * first 16 hex digits of a SHA-256) of the gazetteers and of each model file, so a client can
 * tell whether two servers annotate alike.
 */
export interface ServiceVersions {
  readonly tool: string;
  readonly version: string;
  readonly schema: string;
  readonly gazetteers: { readonly files: number; readonly sha256: string };
  readonly models: { readonly tagger: string | null; readonly segmenter: string };
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface VersionSources {
  readonly gazetteerDir?: string;
  /** false: the service runs without the tagger (no model version to give). */
  readonly model?: boolean;
}

export function serviceVersions(sources: VersionSources = {}): ServiceVersions {
  const gazetteerDir = sources.gazetteerDir ?? join(PACKAGE_ROOT, 'gazetteers');
  const names = readdirSync(gazetteerDir).filter((name) => name.endsWith('.xml')).sort();
  const gazetteers = createHash('sha256');
  for (const name of names) gazetteers.update(`${name}\n`).update(readFileSync(join(gazetteerDir, name))).update('\n');
  return {
    tool: 'arabic-ner',
    version: VERSION,
    schema: ANNOTATION_SCHEMA_ID,
    gazetteers: { files: names.length, sha256: gazetteers.digest('hex').slice(0, 16) },
    models: {
      tagger: sources.model === false ? null : fileVersion(join(PACKAGE_ROOT, 'models', 'tagger', 'ner.model')),
      segmenter: fileVersion(join(PACKAGE_ROOT, 'models', 'segmenter', 'segmenter.tsv')),
    },
  };
}

function fileVersion(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
}
