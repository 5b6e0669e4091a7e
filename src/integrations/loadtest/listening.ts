import type { Readable } from 'node:stream';

/** What a server of this repository prints on stdout once it listens (the gateway, the mock, the ledger, the benchmark's servers). */
export interface Listening {
  readonly url: string;
  readonly pid: number;
}

/**
 * Resolves with the JSON `listening` line a child process prints on `stdout`; rejects when
 * `exited` settles first or `timeoutMs` passes, with `log()` (its stderr so far) in the message.
 */
export function awaitListening(stdout: Readable, exited: Promise<unknown>, o: { what: string; timeoutMs: number; log: () => string }): Promise<Listening> {
  return new Promise<Listening>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${o.what} did not print "listening" within ${o.timeoutMs} ms:\n${o.log().slice(-2000)}`)), o.timeoutMs);
    stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as Listening);
    });
    void exited.then(
      () => {
        clearTimeout(timer);
        reject(new Error(`${o.what} exited before listening:\n${o.log().slice(-2000)}`));
      },
      () => {
        clearTimeout(timer);
        reject(new Error(`${o.what} could not be started:\n${o.log().slice(-2000)}`));
      },
    );
  });
}
