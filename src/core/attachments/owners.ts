import type { Conn } from "../db/schema.ts";
import type { Scope } from "../scope.ts";

/**
 * A kind of record files can be attached to. Modules declare one per kind and list it in
 * attachmentOwners (src/server/registry.ts); the generic attachment routes ask it where the
 * record lives and whether the caller may change its files.
 */
export interface AttachmentOwner {
  /** Stable id used in URLs and rows, e.g. "project", "task-progress". */
  type: string;
  /** Chinese name of the record kind, for messages ("项目"). */
  label: string;
  /** The record's region if it exists in the caller's scope, else null (→ 404). */
  locate(db: Conn, scope: Scope, ownerId: number): Promise<OwnerLocation | null>;
  /** Whether the caller may add or remove files on the record (false → 403). */
  canWrite(db: Conn, scope: Scope, ownerId: number): Promise<boolean>;
}

export interface OwnerLocation {
  regionId: number;
  regionPath: string;
}

export type AttachmentOwners = ReadonlyMap<string, AttachmentOwner>;

export function attachmentOwnerMap(owners: readonly AttachmentOwner[]): AttachmentOwners {
  const map = new Map<string, AttachmentOwner>();
  for (const o of owners) {
    if (map.has(o.type)) throw new Error(`Attachment owner "${o.type}" is registered twice`);
    map.set(o.type, o);
  }
  return map;
}
