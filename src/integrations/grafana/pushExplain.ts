/**
 * Grafana's error answers, told in words a user can act on. A bare "412 Precondition Failed"
 * says nothing about a clashing title in a folder; the user needs to know what clashed, what
 * `overwrite` would do about it, and which setting or permission to change.
 */
import type { GrafanaFailure } from './grafanaApi.js';

/** What lookout was doing when the failure came, to say what failed and what to change. */
export interface ExplainContext {
  action: 'list-folders' | 'create-folder' | 'save-dashboard';
  /** The `--url` as given. */
  url: string;
  tokenFile: string;
  timeoutMs: number;
  overwrite: boolean;
  folder?: { title: string; uid: string };
  dashboard?: { uid: string; title: string };
}

/** A failure explained: what happened, what Grafana itself said, and what to do. */
export interface Explanation {
  /** `401 Unauthorized`, `connection refused`: the short tag the summary line shows. */
  status: string;
  headline: string;
  /** Grafana's own `message` (and `status`, trace id), verbatim. */
  grafanaSaid?: string;
  hint: string;
  /**
   * The next call would fail the same way (bad token, wrong URL, nothing listening), so the
   * remaining dashboards are not sent; a 412 or 400 concerns one dashboard only.
   */
  fatal: boolean;
}

const REASONS: Record<number, string> = {
  301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  412: 'Precondition Failed', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

function what(ctx: ExplainContext): string {
  if (ctx.action === 'list-folders') return 'list the folders';
  if (ctx.action === 'create-folder') return `create the folder "${ctx.folder?.title}"`;
  return `save dashboard "${ctx.dashboard?.title}" (uid ${ctx.dashboard?.uid})`;
}

function inFolder(ctx: ExplainContext): string {
  return ctx.folder ? `the folder "${ctx.folder.title}"` : 'the root level (no --folder)';
}

/** Explains a failed call; `ctx` says which call it was. */
export function explainFailure(failure: GrafanaFailure, ctx: ExplainContext): Explanation {
  if (failure.kind === 'transport') return explainTransport(failure, ctx);
  if (failure.kind === 'not-json') {
    return {
      status: `${failure.status} but not JSON`,
      headline: `${ctx.url} answered with ${failure.contentType || 'a body'} that is not Grafana's JSON API (it starts "${failure.bodyStart}")`,
      hint: 'point --url at Grafana itself: the address you open in a browser, including any sub-path such as https://host/grafana; a login page of a proxy in front of Grafana also looks like this',
      fatal: true,
    };
  }
  const { status } = failure;
  const saidParts = [failure.grafanaMessage && `"${failure.grafanaMessage}"`, failure.grafanaStatus && `(status ${failure.grafanaStatus})`, failure.traceId && `traceID ${failure.traceId}`].filter(Boolean);
  const grafanaSaid = saidParts.length > 0 ? saidParts.join(' ') : failure.bodyStart ? `(not JSON) ${failure.bodyStart}` : undefined;
  const tag = `${status}${REASONS[status] ? ` ${REASONS[status]}` : ''}`;
  const base = { status: tag, ...(grafanaSaid ? { grafanaSaid } : {}) };
  const message = (failure.grafanaMessage ?? '').toLowerCase();

  if (status >= 300 && status < 400) {
    return {
      ...base,
      headline: `Grafana's address redirects${failure.location ? ` to ${failure.location}` : ''} instead of answering the API`,
      hint: 'use the address it redirects to as --url (often https:// instead of http://); a redirect to a login page means a proxy in front of Grafana wants its own sign-in, which a Grafana token cannot pass',
      fatal: true,
    };
  }
  if (status === 401) {
    return {
      ...base,
      headline: `Grafana did not accept the token in ${ctx.tokenFile}: it is missing, invalid, revoked or expired, or it belongs to another Grafana instance or organization`,
      hint: 'create a service account token in Grafana (Administration > Users and access > Service accounts > Add service account token) and write it, alone, into the token file',
      fatal: true,
    };
  }
  if (status === 403) {
    const need =
      ctx.action === 'create-folder'
        ? 'creating a folder needs the Editor or Admin role in the organization (the folders:create permission)'
        : ctx.action === 'list-folders'
          ? 'reading folders needs at least the Viewer role'
          : `saving a dashboard needs Edit permission on ${inFolder(ctx)}: the Editor role, or Edit granted on that folder`;
    return {
      ...base,
      headline: `the token is valid but not allowed to ${what(ctx)}`,
      hint: `${need}; give the service account the Editor role (Administration > Users and access > Service accounts), or grant it Edit on the folder in the folder's Permissions`,
      fatal: true,
    };
  }
  if ((status === 404 || status === 400) && message.includes('folder') && message.includes('not found')) {
    return {
      ...base,
      headline: `Grafana has no folder with uid ${ctx.folder?.uid ?? '(none)'} to save dashboard "${ctx.dashboard?.title}" in; it was probably deleted after lookout looked it up`,
      hint: 'run the push again: lookout finds the folder by its title and creates it when it is missing',
      fatal: true,
    };
  }
  if (status === 404) {
    return {
      ...base,
      headline: `there is no Grafana HTTP API at ${ctx.url} (${new URL(ctx.action === 'save-dashboard' ? 'api/dashboards/db' : 'api/folders', ctx.url.endsWith('/') ? ctx.url : `${ctx.url}/`).pathname} was not found)`,
      hint: 'check --url: it is the address you open Grafana at in a browser; when Grafana is served under a sub-path (its root_url is like https://host/grafana/), include the sub-path: --url https://host/grafana',
      fatal: true,
    };
  }
  if (status === 409 && ctx.action === 'create-folder') {
    return {
      ...base,
      headline: `a folder with the uid ${ctx.folder?.uid} or the title "${ctx.folder?.title}" already exists, but the token cannot see it in the folder list`,
      hint: 'grant the service account View (or Edit) permission on that folder, or push to another --folder',
      fatal: true,
    };
  }
  if (status === 412) return explainPrecondition(failure.grafanaStatus, base, ctx);
  if (status === 400 || status === 422) {
    if (message.includes('provisioned')) {
      return {
        ...base,
        headline: `dashboard "${ctx.dashboard?.title}" (uid ${ctx.dashboard?.uid}) is provisioned from files on the Grafana server, so Grafana refuses to save it through the API`,
        hint: 'change it where it is provisioned (generated/grafana holds a file provisioning config), or remove it from the provisioning and push again',
        fatal: false,
      };
    }
    return {
      ...base,
      headline: `Grafana rejected the request to ${what(ctx)} as invalid (bad JSON, or a missing or invalid field)`,
      hint:
        ctx.action === 'save-dashboard'
          ? 'Grafana\'s message names the field; fix the dashboard definition and run npm run generate again (a uid is at most 40 characters of letters, digits, - and _)'
          : 'Grafana\'s message names the field; a folder uid is at most 40 characters of letters, digits, - and _',
      fatal: false,
    };
  }
  if (status === 429) {
    return { ...base, headline: `Grafana is rate-limiting requests and refused to ${what(ctx)}`, hint: 'wait a minute and push again', fatal: false };
  }
  if (status === 502 || status === 503 || status === 504) {
    return {
      ...base,
      headline: `a proxy or load balancer in front of Grafana got no good answer from Grafana when asked to ${what(ctx)}: Grafana is down, restarting or overloaded`,
      hint: "check that Grafana is running (GET /api/health answers {\"database\": \"ok\"}) and push again",
      fatal: false,
    };
  }
  if (status >= 500) {
    return {
      ...base,
      headline: `Grafana failed on its side while trying to ${what(ctx)}`,
      hint: `Grafana's server log has the reason${failure.traceId ? ` (search it for traceID ${failure.traceId})` : ''}; often its database is locked or unreachable. Push again once it is healthy`,
      fatal: false,
    };
  }
  return { ...base, headline: `Grafana refused to ${what(ctx)}`, hint: 'Grafana\'s message above says why', fatal: false };
}

function explainPrecondition(grafanaStatus: string | undefined, base: { status: string; grafanaSaid?: string }, ctx: ExplainContext): Explanation {
  const d = ctx.dashboard ?? { uid: '?', title: '?' };
  const overwriteNote = ctx.overwrite
    ? 'lookout already sent overwrite: true, which replaces a dashboard with the same uid, or the same title in the folder, whatever its version'
    : 'this push ran with --no-overwrite; without it lookout sends overwrite: true, which makes Grafana replace that dashboard with the generated one (its earlier versions stay in the dashboard\'s version history)';
  if (grafanaStatus === 'version-mismatch') {
    return {
      ...base,
      headline: `Grafana holds dashboard uid ${d.uid} at another version than the one sent: it was changed in Grafana since, or pushed before`,
      hint: `${overwriteNote}. To keep a change made in Grafana, copy it into the definition first`,
      fatal: false,
    };
  }
  if (grafanaStatus === 'name-exists') {
    return {
      ...base,
      headline: `another dashboard in ${inFolder(ctx)} already has the title "${d.title}" (or the uid ${d.uid} is taken there)`,
      hint: `${overwriteNote}. If that other dashboard must stay, rename one of the two or push to another --folder`,
      fatal: false,
    };
  }
  if (grafanaStatus === 'plugin-dashboard') {
    return {
      ...base,
      headline: `the uid ${d.uid} belongs to a dashboard installed by a Grafana plugin`,
      hint: 'give the lookout dashboard another uid, or remove the plugin\'s dashboard in Grafana',
      fatal: false,
    };
  }
  return { ...base, headline: `Grafana refused to save dashboard "${d.title}" (uid ${d.uid}): a precondition failed`, hint: overwriteNote, fatal: false };
}

function explainTransport(failure: Extract<GrafanaFailure, { kind: 'transport' }>, ctx: ExplainContext): Explanation {
  const { code } = failure;
  const url = new URL(ctx.url);
  const seconds = `${ctx.timeoutMs / 1000} s`;
  const base = { fatal: true };
  if (code === 'ECONNREFUSED') {
    return { ...base, status: 'connection refused', headline: `nothing is listening at ${url.host} (connection refused)`, hint: 'check that Grafana is running and that --url has the right host and port (Grafana listens on 3000 unless configured otherwise)' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { ...base, status: 'unknown host', headline: `the host name ${url.hostname} does not resolve`, hint: 'check the host name in --url, and this machine\'s DNS' };
  }
  if (code === 'TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return {
      ...base,
      status: 'timeout',
      headline: `no answer from ${url.host} within ${seconds} while trying to ${what(ctx)}`,
      hint: 'Grafana, or a proxy or firewall on the way, is not answering; check it is reachable from here (a firewall that drops packets looks like this), or give a slow Grafana longer with --timeout',
    };
  }
  if (TLS_CODES.test(code)) {
    return {
      ...base,
      status: 'TLS error',
      headline: `the TLS certificate of ${url.host} is not trusted (${code})`,
      hint: 'if Grafana uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its PEM file; check the host name in --url matches the certificate',
    };
  }
  if (code === 'EPROTO' || code.includes('SSL')) {
    return { ...base, status: 'TLS error', headline: `TLS failed with ${url.host} (${failure.detail})`, hint: 'the port may speak plain HTTP: try http:// in --url' };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return {
      ...base,
      status: 'connection reset',
      headline: `${url.host} closed the connection without answering`,
      hint: 'Grafana may be restarting, or the port expects https while --url says http: check the scheme and port',
    };
  }
  return { ...base, status: code, headline: `could not reach ${url.host}: ${failure.detail}`, hint: 'check --url and that Grafana is reachable from this machine' };
}
