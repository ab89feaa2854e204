import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, in a registry of its own (two services in one process, as in
 * the tests, count apart): requests by route and status, their latency, documents annotated or
 * failed, text bytes received, errors by code, requests in flight, and the process's own.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'route'>;
  readonly documents: Counter<'outcome'>;
  readonly bytes: Counter;
  readonly errors: Counter<'code'>;
  readonly inFlight: Gauge;
}

export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'arabic_ner_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: 'arabic_ner_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'], registers }),
    latency: new Histogram({
      name: 'arabic_ner_http_request_duration_seconds',
      help: 'Time from request to the end of the response, by route',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    documents: new Counter({ name: 'arabic_ner_documents_total', help: 'Documents annotated (ok) or not (failed)', labelNames: ['outcome'], registers }),
    bytes: new Counter({ name: 'arabic_ner_document_bytes_total', help: 'UTF-8 bytes of document text received', registers }),
    errors: new Counter({ name: 'arabic_ner_errors_total', help: 'Error answers and failed NDJSON lines, by code', labelNames: ['code'], registers }),
    inFlight: new Gauge({ name: 'arabic_ner_annotate_in_flight', help: 'POST /v1/annotate requests being served', registers }),
  };
}
