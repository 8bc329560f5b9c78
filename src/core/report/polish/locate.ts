import type { DateRun, NameRun, NumberRun, Run } from "../model.ts";

/** A run that states a fact: a traced figure, a named record or a date. */
export type FactRun = NumberRun | NameRun | DateRun;

export interface Placement {
  start: number;
  end: number;
  run: FactRun;
}

export function isFact(run: Run): run is FactRun {
  return run.t !== "text" && run.text.length > 0;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** "28件" must not be found inside "128件", nor "3.5" inside "13.5" or "3.56". */
function boundaryOk(text: string, start: number, fact: string): boolean {
  const before = text[start - 1];
  const after = text[start + fact.length];
  if (isDigit(fact[0]) && (isDigit(before) || (before === "." && isDigit(text[start - 2]))))
    return false;
  if (
    isDigit(fact.at(-1)) &&
    (isDigit(after) || (after === "." && isDigit(text[start + fact.length + 1])))
  )
    return false;
  return true;
}

/**
 * Finds each fact run of the original in the rewritten text. Longer facts claim their place
 * first so a short one is never matched inside a longer one; runs with the same wording keep
 * their original order, so two different "11项" stay attached to their own metrics.
 */
export function locateFacts(
  original: readonly Run[],
  text: string,
): { placed: Placement[]; missing: FactRun[] } {
  const groups = new Map<string, FactRun[]>();
  for (const r of original) {
    if (!isFact(r)) continue;
    const g = groups.get(r.text);
    if (g) g.push(r);
    else groups.set(r.text, [r]);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[0].length - a[0].length);
  const placed: Placement[] = [];
  const missing: FactRun[] = [];
  const free = (start: number, end: number) =>
    placed.every((p) => end <= p.start || start >= p.end);
  for (const [fact, runs] of ordered) {
    let queue = runs;
    let from = 0;
    while (queue.length > 0) {
      const at = text.indexOf(fact, from);
      if (at < 0) break;
      const end = at + fact.length;
      if (boundaryOk(text, at, fact) && free(at, end)) {
        const [run, ...rest] = queue;
        if (run) placed.push({ start: at, end, run });
        queue = rest;
        from = end;
      } else {
        from = at + 1;
      }
    }
    missing.push(...queue);
  }
  return { placed: placed.sort((a, b) => a.start - b.start), missing };
}

/**
 * The rewritten text as runs: each original fact run back where its wording now stands
 * (with its trace), plain text in between. Facts not found are dropped, so callers rebuild
 * only rewrites that passed the check.
 */
export function rebuildRuns(original: readonly Run[], text: string): Run[] {
  const { placed } = locateFacts(original, text);
  const out: Run[] = [];
  const pushText = (s: string) => {
    if (s) out.push({ t: "text", text: s });
  };
  let at = 0;
  for (const p of placed) {
    pushText(text.slice(at, p.start));
    out.push(structuredClone(p.run));
    at = p.end;
  }
  pushText(text.slice(at));
  return out;
}
