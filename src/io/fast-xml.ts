import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';

const requireModule = createRequire(import.meta.url);

/**
 * fast-xml-parser, loaded on first use: a run whose compiled gazetteer is cached parses no XML, and
 * only --format xml builds any, so most runs save its loading.
 */
export function fastXmlParser(): typeof FastXmlParser {
  return requireModule('fast-xml-parser') as typeof FastXmlParser;
}
