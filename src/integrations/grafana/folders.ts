/**
 * The folder dashboards are pushed into, found by its title or created with a uid derived from
 * that title, so two pushes (or two machines) never create two folders of the same name.
 */
import { createHash } from 'node:crypto';
import type { GrafanaClient, GrafanaFailure } from './grafanaApi.js';

/** Grafana's limit on a folder or dashboard uid. */
export const MAX_UID_LENGTH = 40;
const PAGE_SIZE = 1000;
/** 100 pages of 1000 folders: past that a Grafana is not one lookout pushes into by title. */
const MAX_PAGES = 100;

/**
 * The folder uid lookout creates for a title: `lookout-<slug>-<hash>`, at most 40 characters.
 * The hash keeps titles that slug alike ("SLO: API" and "SLO API") apart.
 *
 * @example folderUid('Lookout SLOs') // 'lookout-lookout-slos-ca023c4b38'
 */
export function folderUid(title: string): string {
  const hash = createHash('sha256').update(title).digest('hex').slice(0, 10);
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_UID_LENGTH - 'lookout-'.length - hash.length - 1)
    .replace(/-+$/, '');
  return slug ? `lookout-${slug}-${hash}` : `lookout-${hash}`;
}

/** A folder in Grafana, and how lookout came by it. */
export interface Folder {
  uid: string;
  title: string;
  /** `created` by this push, `found` by title, or found by the uid lookout derives, under another title (renamed in Grafana). */
  how: 'created' | 'found' | 'found-by-uid';
  url?: string;
}

/** The folder, or the failed call (listing or creating) and Grafana's answer. */
export type FolderResult = { ok: true; folder: Folder } | { ok: false; action: 'list-folders' | 'create-folder'; failure: GrafanaFailure };

interface FolderEntry {
  uid?: unknown;
  title?: unknown;
  url?: unknown;
}

/**
 * Finds the top-level folder titled `title` (GET /api/folders, every page), or creates it
 * (POST /api/folders with the uid from `folderUid`).
 */
export async function findOrCreateFolder(client: GrafanaClient, title: string): Promise<FolderResult> {
  const uid = folderUid(title);
  const seen: FolderEntry[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await client.get<unknown>('api/folders', { limit: PAGE_SIZE, page });
    if (!res.ok) return { ok: false, action: 'list-folders', failure: res.failure };
    if (!Array.isArray(res.body)) {
      return { ok: false, action: 'list-folders', failure: { kind: 'not-json', status: res.status, contentType: 'JSON that is not a list of folders', bodyStart: JSON.stringify(res.body).slice(0, 200) } };
    }
    seen.push(...(res.body as FolderEntry[]));
    if (res.body.length < PAGE_SIZE) break;
  }
  const byTitle = seen.find((f) => f.title === title && typeof f.uid === 'string');
  if (byTitle) return { ok: true, folder: { uid: byTitle.uid as string, title, how: 'found', ...link(client, byTitle) } };
  const byUid = seen.find((f) => f.uid === uid);
  if (byUid) return { ok: true, folder: { uid, title: typeof byUid.title === 'string' ? byUid.title : title, how: 'found-by-uid', ...link(client, byUid) } };

  const created = await client.post<FolderEntry>('api/folders', { uid, title });
  if (!created.ok) return { ok: false, action: 'create-folder', failure: created.failure };
  const createdUid = typeof created.body.uid === 'string' ? created.body.uid : uid;
  return { ok: true, folder: { uid: createdUid, title, how: 'created', ...link(client, created.body) } };
}

function link(client: GrafanaClient, entry: FolderEntry): { url?: string } {
  return typeof entry.url === 'string' && entry.url ? { url: client.link(entry.url) } : {};
}
