import { Session } from 'node:inspector';
import type { Worker } from 'node:worker_threads';
import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';

/** The global the compiler's thread answers "where are you in the project's code?" with. */
export const WHERE = Symbol.for('lookout.where');

/**
 * Where in the project's own files `worker` is running now, found by pausing it through the
 * inspector: a thread stuck in a loop cannot answer a message, but V8 can interrupt it. The
 * paused thread evaluates its WHERE function, which reads its own stack through the source
 * maps. Undefined when the inspector is not available, the thread is not in the project's code,
 * or no answer came within `withinMs`.
 */
export async function pausedAt(worker: Worker, withinMs: number): Promise<SourceLocation | undefined> {
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch {
    return undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<SourceLocation | undefined>((resolve) => {
      let id = 0;
      let resumed: number | undefined;
      let resume: (() => number) | undefined;
      timer = setTimeout(() => {
        // Paused but silent: resume it anyway (terminating it needs that), briefly waited for.
        resumed = resume?.();
        timer = setTimeout(() => resolve(undefined), resumed === undefined ? 0 : 500);
      }, withinMs);
      session.on('NodeWorker.attachedToWorker', ({ params }) => {
        // The inspector numbers workers its own way; their title carries the thread id.
        if (!params.workerInfo.title.endsWith(`[worker ${worker.threadId}]`)) return;
        const send = (method: string, p: object = {}): number => {
          session.post('NodeWorker.sendMessageToWorker', { sessionId: params.sessionId, message: JSON.stringify({ id: ++id, method, params: p }) }, () => undefined);
          return id;
        };
        resume = () => send('Debugger.resume');
        let found: SourceLocation | undefined;
        session.on('NodeWorker.receivedMessageFromWorker', ({ params: m }) => {
          if (m.sessionId !== params.sessionId) return;
          const message = JSON.parse(m.message) as { id?: number; method?: string; params?: { callFrames?: Array<{ callFrameId: string }> }; result?: { result?: { value?: unknown } } };
          const frame = message.method === 'Debugger.paused' ? message.params?.callFrames?.[0] : undefined;
          if (frame) send('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: 'globalThis[Symbol.for("lookout.where")]?.()', returnByValue: true });
          const value = message.result?.result?.value;
          if (typeof value === 'string') {
            found = (JSON.parse(value) as SourceLocation | null) ?? undefined;
            // A thread paused in the debugger cannot be terminated: let it run again first.
            resumed = resume!();
          }
          if (message.id !== undefined && message.id === resumed) resolve(found);
        });
        send('Debugger.enable');
        send('Debugger.pause');
      });
      session.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, (e) => e && resolve(undefined));
    });
  } finally {
    clearTimeout(timer);
    session.disconnect();
  }
}
