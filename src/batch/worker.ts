import { parentPort, workerData } from 'node:worker_threads';
import { annotate, loadResources, type Resources } from '../pipeline/extract.js';
import { describeForTransfer, type FromWorker, type Task, type TaskResult, type ToWorker, type WorkerSetup } from './protocol.js';
import { renderDocument } from './render.js';
import { renderFile } from './render-file.js';

/**
 * A pool worker: loads the resources once, then does one task per message, in order. A file's
 * output bytes are moved to the main thread, which writes them.
 */

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of the annotator pool');
const setup = workerData as WorkerSetup;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const WARM_UP = 'زار وزير الخارجية بغداد يوم الخميس 5 مارس 2015 والتقى رئيس الوزراء';

let resources: Resources | undefined;
try {
  resources = loadResources(setup.resourceOptions);
  // Parts of the pipeline load on first use (the word list: half a second): done before the
  // first document, so the watchdog times documents, not this.
  annotate(WARM_UP, { id: 'warm-up', source: 'warm-up', sha256: '', encoding: 'utf-8' }, resources);
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'fatal', error: describeForTransfer(error) });
}

async function run(id: number, task: Task, loaded: Resources): Promise<TaskResult> {
  if (task.kind === 'file') return renderFile(task.job, setup.format, loaded);
  return renderDocument(task.job, setup.format, loaded, (text) => send({ kind: 'piece', id, text }));
}

port.on('message', ({ id, task }: ToWorker) => {
  if (!resources) return;
  send({ kind: 'started', id });
  run(id, task, resources).then(
    (result) => send({ kind: 'done', id, result }, 'output' in result && result.output instanceof Uint8Array ? [result.output.buffer as ArrayBuffer] : []),
    (error: unknown) => send({ kind: 'failed', id, error: describeForTransfer(error) }),
  );
});
