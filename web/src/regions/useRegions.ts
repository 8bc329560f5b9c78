import { useEffect, useState } from "react";
import { authApi } from "../api/auth.ts";
import type { Region } from "../api/types.ts";
import { useMe } from "../auth/AuthContext.tsx";

// The subtree depends on who is signed in, so the cache is keyed by user as well as depth.
const cache = new Map<string, Promise<Region[]>>();

function load(userId: number, maxLevel: number): Promise<Region[]> {
  const key = `${userId}:${maxLevel}`;
  let p = cache.get(key);
  if (!p) {
    p = authApi.regions(maxLevel);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The signed-in user's whole region subtree down to `maxLevel`, flat. */
export function useRegions(maxLevel = 5, enabled = true): { regions: Region[]; loading: boolean } {
  const me = useMe();
  const [regions, setRegions] = useState<Region[]>([]);
  const [loading, setLoading] = useState(enabled);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    load(me.id, maxLevel)
      .then((r) => {
        if (live) setRegions(r);
      })
      .catch(() => {
        if (live) setRegions([]);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [me.id, maxLevel, enabled]);
  return { regions, loading };
}
