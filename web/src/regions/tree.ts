import type { Region } from "../api/types.ts";

export interface RegionNode {
  value: number;
  title: string;
  level: number;
  children?: RegionNode[];
}

/**
 * Build the TreeSelect data from the flat subtree the server sends. Roots are the nodes whose
 * parent is not in the list (the user's home region, or the active one after filtering).
 */
export function buildRegionTree(regions: Region[]): RegionNode[] {
  const nodes = new Map<number, RegionNode>();
  for (const r of regions) nodes.set(r.id, { value: r.id, title: r.name, level: r.level });
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.id);
    if (!node) continue;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    if (parent) {
      parent.children ??= [];
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

/** Regions inside `path` (inclusive), e.g. the active region's subtree. */
export function withinPath(regions: Region[], path: string): Region[] {
  return regions.filter((r) => r.path.startsWith(path));
}
