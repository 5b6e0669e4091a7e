/**
 * The bearer token for `lookout grafana push`, read from a file so it never appears in a shell
 * history, a process list or CI logs. No message here repeats the token, even in part.
 */
import { readFileSync } from 'node:fs';

/** The trimmed token, or what is wrong with the file (never the token itself). */
export type TokenResult = { ok: true; token: string } | { ok: false; problem: string; hint: string };

const HOW = 'write the Grafana service account token (and nothing else) into it';

/** Reads and trims the token in `file`; a missing, unreadable, empty or malformed file is a problem naming the file. */
export function readTokenFile(file: string): TokenResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return { ok: false, problem: 'the token file does not exist', hint: `create it and ${HOW}` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, problem: 'the token file cannot be read (permission denied)', hint: 'let the user running lookout read it, for example chmod 600 and own it' };
    if (code === 'EISDIR') return { ok: false, problem: 'the token file is a folder', hint: 'give --token-file the path of the file that holds the token' };
    return { ok: false, problem: `the token file cannot be read (${code ?? 'unknown error'})`, hint: 'check the path given to --token-file' };
  }
  const token = text.trim();
  if (token === '') return { ok: false, problem: 'the token file is empty', hint: HOW };
  if (/[\r\n]/.test(token)) return { ok: false, problem: 'the token file holds more than one line', hint: `a token is a single line: ${HOW}` };
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return { ok: false, problem: 'the token holds spaces or characters that cannot be sent in an HTTP header', hint: `Grafana tokens are printable ASCII without spaces: ${HOW}` };
  }
  return { ok: true, token };
}
