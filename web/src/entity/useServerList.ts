import { useCallback, useEffect, useRef, useState } from "react";
import type { QueryValue } from "../api/client.ts";
import type { ListQuery } from "../api/entities.ts";
import type { Page } from "../api/types.ts";

export interface ListState {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  filters: Record<string, QueryValue>;
}

/**
 * State and loading of one server-paged list. Out-of-order answers are dropped so a slow
 * earlier query never overwrites the latest one.
 */
export function useServerList<T>(
  fetchPage: (query: ListQuery) => Promise<Page<T>>,
  initial: Partial<ListState> = {},
) {
  const [state, setState] = useState<ListState>({
    page: 1,
    pageSize: 20,
    filters: {},
    ...initial,
  });
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await fetchRef.current(state);
      if (mine !== seq.current) return;
      // A delete can empty the last page: step back instead of showing nothing.
      if (page.items.length === 0 && page.total > 0 && state.page > 1) {
        setState((s) => ({ ...s, page: Math.max(1, Math.ceil(page.total / s.pageSize)) }));
        return;
      }
      setItems(page.items);
      setTotal(page.total);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [state]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, setState, items, total, loading, error, reload };
}
