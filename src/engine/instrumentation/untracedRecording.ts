import { defineCheck, diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { RecordingCall } from './emissions.js';
import { sourceOf } from './program.js';

export const untracedRecording = defineCheck({
  id: 'lint/untraced-recording',
  severity: 'warning',
  title: 'Every recording call can be traced to the catalog entry it records',
  why: 'The lint proves a metric is emitted by following the instrument from `instrument(catalog)` to the call; an instrument passed through an untyped path cannot be followed, so its metric may be reported as never emitted. Type it as `Instruments<typeof catalog>[\'key\']`.',
});

/** Recording calls whose instrument could not be followed back to a catalog entry on every path. */
export function checkUntracedRecordings(calls: readonly RecordingCall[]): Diagnostic[] {
  return calls
    .filter((c) => !c.trace.complete)
    .map((c) => {
      const receiver = c.call.getExpression().getText().replace(/\s+/g, ' ');
      const found = [...c.trace.entries].map((e) => e.key);
      return diagnose(untracedRecording, {
        path: '',
        source: sourceOf(c.call),
        message: `cannot tell which catalog metric ${receiver}() records${found.length ? ` beyond ${found.join(', ')}` : ''}`,
        hint: "read the instrument off instrument(catalog), or type the value that holds it as Instruments<typeof catalog>['key']",
      });
    });
}
