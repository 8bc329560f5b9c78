import { AppError } from "../errors.ts";
import { parseIsoDate } from "../metrics/period.ts";

/**
 * A named selection a list understands besides its field filters (`?view=hte_valid&from=…
 * &to=…`): the records a dashboard figure counts, where a plain field filter cannot say it
 * (a stock at a date, a status reached within a period). Each module declares its views and
 * applies them with the same predicate its metric uses.
 */
export interface ListView<V extends string = string> {
  name: V;
  /** First day of the period (flow views). */
  from: string;
  /** Last day of the period, or the "as at" day of a stock view. */
  to: string;
}

function day(raw: unknown, field: string, label: string): string {
  if (typeof raw === "string" && parseIsoDate(raw)) return raw;
  throw new AppError("VALIDATION", {
    fields: [{ field, label, message: "日期格式应为 YYYY-MM-DD" }],
  });
}

/** Reads `view`, `from`, `to` from a list's query string; undefined when no view is asked. */
export function readListView<V extends string>(
  raw: Record<string, unknown>,
  names: readonly V[],
): ListView<V> | undefined {
  const name = raw.view;
  if (name === undefined || name === "") return undefined;
  const known = names.find((n) => n === name);
  if (!known) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "view", label: "筛选视图", message: "不是可选的筛选视图" }],
    });
  }
  const to = day(raw.to, "to", "截至日期");
  const from = raw.from === undefined || raw.from === "" ? to : day(raw.from, "from", "起始日期");
  if (from > to) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "from", label: "起始日期", message: "不能晚于截至日期" }],
    });
  }
  return { name: known, from, to };
}

/** The query-string form of a view, for links. */
export function listViewParams(view: ListView): Record<string, string> {
  return { view: view.name, from: view.from, to: view.to };
}
