import { useEffect, useState } from "react";
import { fetchMeta } from "../api/entities.ts";
import type { EntityMeta } from "../api/types.ts";

export function useEntityMeta(name: string): { meta: EntityMeta | null; error: string | null } {
  const [meta, setMeta] = useState<EntityMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchMeta(name)
      .then((m) => {
        if (live) setMeta(m);
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      live = false;
    };
  }, [name]);
  return { meta, error };
}
