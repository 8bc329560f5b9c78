import dayjs, { type Dayjs } from "dayjs";
import type { QueryValue } from "../api/client.ts";
import type { FieldMeta } from "../api/types.ts";
import { type ListView, listViewFromUrl, listViewQuery } from "./listViews.ts";

export interface UrlFilters {
  q?: string;
  /** List-contract parameters (what the server is asked). */
  filters: Record<string, QueryValue>;
  /** The same, as the filter form's values (dates as dayjs, ids as numbers). */
  formValues: Record<string, unknown>;
  /** A named selection (`?view=…&from=…&to=…`), already included in `filters`. */
  view?: ListView;
}

const ID_TYPES = new Set(["region", "unit", "enterprise"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Filters given in the page's URL (`?filedOn_from=2026-01-01&patentType=发明`), as a list
 * opens when a dashboard figure links to the records behind it, with the named view if one
 * is given (see listViews.ts). Unknown parameters and malformed dates are ignored.
 */
export function filtersFromUrl(
  fields: FieldMeta[],
  params: URLSearchParams,
  entity = "",
): UrlFilters {
  const filters: Record<string, QueryValue> = {};
  const formValues: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.filter === null) continue;
    if (f.filter === "dateRange") {
      const from = params.get(`${f.key}_from`) ?? "";
      const to = params.get(`${f.key}_to`) ?? "";
      const range: [Dayjs | null, Dayjs | null] = [null, null];
      if (DAY.test(from)) {
        filters[`${f.key}_from`] = from;
        range[0] = dayjs(from);
      }
      if (DAY.test(to)) {
        filters[`${f.key}_to`] = to;
        range[1] = dayjs(to);
      }
      if (range[0] || range[1]) formValues[f.key] = range;
      continue;
    }
    const v = params.get(f.key);
    if (v === null || v === "") continue;
    filters[f.key] = v;
    formValues[f.key] = ID_TYPES.has(f.type) && /^\d+$/.test(v) ? Number(v) : v;
  }
  const q = params.get("q")?.trim() || undefined;
  if (q) formValues.q = q;
  const view = listViewFromUrl(entity, params);
  return { q, filters: { ...filters, ...listViewQuery(view) }, formValues, view };
}
