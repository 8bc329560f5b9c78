import type { Run } from "../../core/report/model.ts";

export const text = (t: string): Run => ({ t: "text", text: t });

/** "甲、乙" from run groups joined by a separator. */
export const joinRuns = (parts: Run[][], sep: string): Run[] =>
  parts.flatMap((p, i) => (i > 0 ? [text(sep), ...p] : p));

/** Adjacent text runs joined and empty ones dropped, so stored documents stay compact. */
export function compactRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (r.t === "text" && last?.t === "text") out[out.length - 1] = text(last.text + r.text);
    else if (!(r.t === "text" && r.text === "")) out.push(r);
  }
  return out;
}
