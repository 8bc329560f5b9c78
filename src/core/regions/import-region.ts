import type { Conn, Region } from "../db/schema.ts";
import type { Scope } from "../scope.ts";
import { listSubtree } from "./regions.repository.ts";

export interface RegionCellResolver {
  /** Regions that rows may name, by id. */
  byId: Map<number, Region>;
  /**
   * Replaces the row's region cell (a name or a code, under `regionId`) by the id of the one
   * region in scope it names; a blank cell means the importer's current region. Returns
   * the problems for readImport's row report.
   */
  resolve: (row: Record<string, unknown>) => Promise<{ key: string; message: string }[]>;
}

/**
 * The region column of an import, resolved against the caller's subtree once per file, so
 * a row can never name a region outside the scope.
 */
export async function regionCellResolver(
  db: Conn,
  scope: Scope,
  opts: { minLevel?: number; maxLevel?: number; noun?: string } = {},
): Promise<RegionCellResolver> {
  const regions = (await listSubtree(db, scope.regionPath, opts.maxLevel ?? 5)).filter(
    (r) => r.level >= (opts.minLevel ?? 1),
  );
  const byKey = new Map<string, Region[]>();
  for (const r of regions) {
    for (const k of [r.name, r.code]) byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const noun = opts.noun ?? "地区";
  return {
    byId: new Map(regions.map((r) => [r.id, r])),
    resolve: async (row) => {
      const given = row.regionId;
      if (given === undefined) {
        row.regionId = scope.regionId;
        return [];
      }
      const hits = byKey.get(String(given)) ?? [];
      if (hits.length === 1 && hits[0]) {
        row.regionId = hits[0].id;
        return [];
      }
      const message =
        hits.length === 0
          ? `“${String(given)}”不是您数据范围内的${noun}`
          : `“${String(given)}”有重名地区，请填写地区代码`;
      return [{ key: "regionId", message }];
    },
  };
}
