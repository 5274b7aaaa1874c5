/**
 * Keys on a remote. Files are addressed by sha256 like the cache; small files travel in packs;
 * a commit marker per dataset version is written last and is the only proof a push completed.
 *
 *   objects/sha256/ab/cdef…   one large file, or a tree (a dataset version's file list)
 *   packs/<sha256>.pack        small files back to back; named by the pack's own hash
 *   packs/<sha256>.idx         the pack's index: each file's sha256, offset and size
 *   commits/<root>.json        the commit marker: which objects and packs make up the version
 */
export const objectKey = (sha256: string) => `objects/sha256/${sha256.slice(0, 2)}/${sha256.slice(2)}`;
export const packKey = (id: string) => `packs/${id}.pack`;
export const packIndexKey = (id: string) => `packs/${id}.idx`;
export const commitKey = (root: string) => `commits/${root}.json`;

/** Files below this size are packed: per-request cost, not bandwidth, dominates them. */
export const PACK_THRESHOLD = 256 * 1024;
/** Packs close at this size or file count, so transfers stay parallel and a retry stays cheap. */
export const PACK_TARGET_BYTES = 8 * 1024 * 1024;
export const PACK_MAX_FILES = 4096;

export interface CommitMarker {
  version: 1;
  root: string;
  objects: string[];
  packs: string[];
}

export interface PackIndex {
  version: 1;
  pack: string;
  size: number;
  entries: Array<{ sha256: string; offset: number; size: number }>;
}
