import { download, type QueryValue, request } from "./client.ts";
import type { EntityMeta, EntityRecord, ImportResult, Page } from "./types.ts";

/** Query of a list screen: paging, sort ("-updatedAt"), keyword and filter values. */
export interface ListQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  filters?: Record<string, QueryValue>;
}

export function listParams(query: ListQuery): Record<string, QueryValue> {
  return {
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    q: query.q,
    ...query.filters,
  };
}

/** Filters only (no paging): what export uses so the file matches the screen. */
export function filterParams(query: Pick<ListQuery, "q" | "filters" | "sort">) {
  return { sort: query.sort, q: query.q, ...query.filters };
}

const metaCache = new Map<string, Promise<EntityMeta>>();

export function fetchMeta(name: string): Promise<EntityMeta> {
  let p = metaCache.get(name);
  if (!p) {
    p = request<EntityMeta>(`/api/meta/entities/${encodeURIComponent(name)}`);
    p.catch(() => metaCache.delete(name));
    metaCache.set(name, p);
  }
  return p;
}

/**
 * The CRUD + Excel endpoints of one entity collection, e.g. `entityApi("/api/units")`.
 * Plain functions over the shared contract; entity-specific calls live beside the page.
 */
export function entityApi<T extends EntityRecord = EntityRecord>(base: string) {
  return {
    base,
    list: (query: ListQuery) => request<Page<T>>(base, { query: listParams(query) }),
    get: (id: number) => request<T>(`${base}/${id}`),
    create: (values: Record<string, unknown>) => request<T>(base, { method: "POST", body: values }),
    update: (id: number, values: Record<string, unknown>, version: number) =>
      request<T>(`${base}/${id}`, { method: "PUT", body: { ...values, version } }),
    remove: (id: number, version: number) =>
      request<void>(`${base}/${id}`, { method: "DELETE", query: { version } }),
    importFile: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return request<ImportResult>(`${base}/import`, { method: "POST", body: form });
    },
    exportFile: (query: Pick<ListQuery, "q" | "filters" | "sort">, fileName: string) =>
      download(`${base}/export`, filterParams(query), fileName),
    template: (fileName: string) => download(`${base}/template`, {}, fileName),
  };
}

export type EntityApi<T extends EntityRecord = EntityRecord> = ReturnType<typeof entityApi<T>>;
