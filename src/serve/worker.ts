import { Piscina } from 'piscina';
import { ArabicNerError, createAnnotator, toJson, type AnnotatorOptions } from '../index.js';
import type { AnnotateRequest, DocumentOutcome } from './threads.js';

/**
 * One thread of the service's pool: holds one annotator (loaded once, when the thread starts) and
 * turns a request into the compact annotation `arabic-ner jsonl` writes, or into the failure as a
 * value (an Error loses its code on its way between threads).
 */

const annotator = createAnnotator(Piscina.workerData as AnnotatorOptions);

export default function annotateRequest({ text, id, documentDate }: AnnotateRequest): DocumentOutcome {
  try {
    const annotation = annotator.annotate(text, { ...(id !== undefined ? { id } : {}), ...(documentDate !== undefined ? { documentDate } : {}) });
    return { ok: true, json: toJson(annotation, { compact: true }) };
  } catch (error) {
    if (error instanceof ArabicNerError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  }
}
