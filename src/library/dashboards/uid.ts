import { createHash } from 'node:crypto';

/** Grafana's limit on a dashboard uid. */
export const MAX_UID_LENGTH = 40;
/** Characters Grafana accepts in a uid. */
export const UID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
/** What a dashboard slug may be: lower-case words joined by dashes, as alerts name dashboards. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Hex digits of the slug's SHA-256 kept in a uid: enough to keep slugs that truncate alike apart. */
const HASH_LENGTH = 10;

/**
 * The uid of the dashboard with `slug`: a readable prefix of the slug and a hash of all of it,
 * at most 40 characters. The same slug gives the same uid on every machine and every run, so
 * links into Grafana (`/d/<uid>`) survive a regeneration, and two slugs that share their first
 * 29 characters still get two uids.
 * @example
 * dashboardUid('ai-gateway-reliability') // 'ai-gateway-reliability-<10 hex digits>'
 */
export function dashboardUid(slug: string): string {
  const hash = createHash('sha256').update(slug).digest('hex').slice(0, HASH_LENGTH);
  const prefix = slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_UID_LENGTH - HASH_LENGTH - 1)
    .replace(/-+$/, '');
  return prefix ? `${prefix}-${hash}` : hash;
}

/** `My Team: SLOs` → `my-team-slos`: how a title becomes a slug when none is given. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
