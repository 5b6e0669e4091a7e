import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';

/** Words teams use for "wake someone up" and for "look at it in working hours". */
const PAGE_WORDS = /^(critical|crit|urgent|emergency|high|error|sev[-_ ]?[01]|p[01])$/i;
const TICKET_WORDS = /^(warning|warn|medium|low|minor|info|notice|sev[-_ ]?[2-5]|p[2-5])$/i;
/** The SRE workbook pages on burn rates measured over up to 6 hours and opens tickets on slower ones. */
const FAST_BURN_MAX_MS = 6 * 3600_000;

/**
 * lookout's severity (page or ticket) for an AlertCondition's free-form `severity`. Only
 * `page` and `ticket` map without a word; anything else is an interpretation, so it is said.
 */
export function tierSeverity(file: SpecFile, where: Where, severity: string, lookbackMs: number, lookback: string): 'page' | 'ticket' {
  const s = severity.trim();
  if (s === 'page' || s === 'ticket') return s;
  const warn = (to: 'page' | 'ticket', why: string) => {
    file.report('warning', IMPORT_CODES.changed, where, `severity "${severity}" imported as ${to}: ${why}`, 'lookout alerts carry severity page or ticket; route on those values');
    return to;
  };
  if (PAGE_WORDS.test(s)) return warn('page', 'it reads as urgent');
  if (TICKET_WORDS.test(s)) return warn('ticket', 'it reads as not urgent');
  return lookbackMs <= FAST_BURN_MAX_MS
    ? warn('page', `it is neither page nor ticket, and a ${lookback} lookback window is a fast burn (6h or less), which the SRE workbook pages on`)
    : warn('ticket', `it is neither page nor ticket, and a ${lookback} lookback window is a slow burn (over 6h), which the SRE workbook opens a ticket for`);
}
