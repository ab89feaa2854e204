import { parentPort, workerData } from 'node:worker_threads';
import { loadResources, type Resources } from '../pipeline/extract.js';
import { describeForTransfer, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.js';
import { renderDocument } from './render.js';

/** A pool worker: loads the resources once, then annotates one document per message. */

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of the annotator pool');
const setup = workerData as WorkerSetup;
const send = (message: FromWorker): void => port.postMessage(message);

let resources: Resources | undefined;
try {
  resources = loadResources(setup.resourceOptions);
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'fatal', error: describeForTransfer(error) });
}

port.on('message', ({ job }: ToWorker) => {
  if (!resources) return;
  try {
    send({ kind: 'done', result: renderDocument(job, setup.format, resources) });
  } catch (error) {
    send({ kind: 'failed', error: describeForTransfer(error) });
  }
});
