/**
 * net.SplitHostPort, net.JoinHostPort and net.ParseIP (Go 1.19), the building blocks of
 * Prometheus's `stripPort` and `stripDomain`. Only validity matters for ParseIP here.
 */

/** net.SplitHostPort; undefined where Go returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return undefined;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return undefined;
    if (end + 1 === hostport.length || end + 1 !== i) return undefined;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return undefined;
  }
  if (hostport.slice(j).includes('[')) return undefined;
  if (hostport.slice(k).includes(']')) return undefined;
  return { host, port: hostport.slice(i + 1) };
}

/** net.JoinHostPort: IPv6-looking hosts get brackets. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go 1.17+ IPv4 syntax: four decimal fields 0-255 without leading zeros. */
function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  let groups = 0;
  let ellipsis = false;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = true;
    rest = rest.slice(2);
    if (rest === '') return true;
  }
  while (groups < 8) {
    const m = /^[0-9a-fA-F]+/.exec(rest);
    if (!m || parseInt(m[0].slice(0, 7), 16) > 0xffff) return false;
    if (rest[m[0].length] === '.') {
      if ((!ellipsis && groups !== 6) || groups + 2 > 8) return false;
      if (!isIPv4(rest)) return false;
      groups += 2;
      rest = '';
      break;
    }
    groups++;
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return false;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis) return false;
      ellipsis = true;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return false;
  return groups < 8 ? ellipsis : !ellipsis;
}

/** Whether net.ParseIP accepts s (the first '.' or ':' decides the family, as in Go). */
export function isIP(s: string): boolean {
  const m = /[.:]/.exec(s);
  if (!m) return false;
  return m[0] === '.' ? isIPv4(s) : isIPv6(s);
}
