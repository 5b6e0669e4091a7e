import { parentPort } from 'node:worker_threads';
import { runAlertTestJob, type AlertTestJob } from '../../synthesis/job.js';

/**
 * A synthesis worker thread: runs each job it is sent and answers with its outcome, or with
 * the error a job threw (a bug in lookout: the main thread reports it).
 */
parentPort!.on('message', (message: { index: number; job: AlertTestJob }) => {
  try {
    parentPort!.postMessage({ index: message.index, outcome: runAlertTestJob(message.job) });
  } catch (e) {
    parentPort!.postMessage({ index: message.index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
