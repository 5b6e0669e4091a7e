import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import type { CodeBook } from '../../checks/ignore/codeBook.js';
import type { IgnoreEntry } from '../../checks/ignore/entry.js';
import { siteKey } from './entries.js';
import { notSilenceable } from '../../checks/ignore/notSilenceable.js';
import { missingReason } from '../../checks/ignore/reason.js';
import { unknownCode } from '../../checks/ignore/unknownCode.js';
import { unusedEntry } from '../../checks/ignore/unused.js';

/** A problem an `ignore` entry kept quiet, with the entry's reason and who wrote it. */
export interface SilencedFinding {
  diagnostic: Diagnostic;
  reason: string;
  owner: string;
}

/**
 * The project's `ignore` entries over one run: which are wrong (unknown code, no reason, a
 * check that cannot be silenced), which findings they silence, and which silenced nothing.
 */
export class Silencing {
  /** Problems with the entries themselves. */
  readonly problems: Diagnostic[] = [];
  readonly silenced: SilencedFinding[] = [];
  /** The sound entries by code, narrowest first: a definition's, then its group's, then the project's. */
  private readonly byCode = new Map<string, IgnoreEntry[]>();
  private readonly used = new Set<IgnoreEntry>();

  constructor(entries: readonly IgnoreEntry[], book: CodeBook) {
    for (const entry of [...entries].sort((a, b) => a.breadth - b.breadth)) {
      const problem = unknownCode(entry, book) ?? notSilenceable(entry, book) ?? missingReason(entry);
      if (problem) this.problems.push(problem);
      else this.byCode.set(entry.code, [...(this.byCode.get(entry.code) ?? []), entry]);
    }
  }

  /** The diagnostics no entry silences; the others are kept in `silenced`. */
  apply(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.filter((d) => {
      const entry = this.entryFor(d);
      if (!entry) return true;
      this.used.add(entry);
      this.silenced.push({ diagnostic: d, reason: entry.reason as string, owner: entry.owner });
      return false;
    });
  }

  /** `ignore/unused` for every entry that silenced nothing: call once the whole run's diagnostics went through apply(). */
  unused(): Diagnostic[] {
    return [...this.byCode.values()].flat().filter((e) => !this.used.has(e)).map(unusedEntry);
  }

  /** The narrowest entry covering the diagnostic. */
  private entryFor(d: Diagnostic): IgnoreEntry | undefined {
    const site = siteKey(d);
    return this.byCode.get(d.code)?.find((e) => e.covers === undefined || (d.file !== undefined && e.covers.has(site)));
  }
}
