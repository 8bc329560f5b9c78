import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import type { PhaseBreakdown } from "./phases.ts";

export interface CaseResult {
  name: string;
  rows: number;
  seconds: number;
  /** Import seconds over the same engine's COPY seconds; 1 for the COPY row itself. */
  ratio: number;
  peakMb: number;
  deltaMb: number;
  note?: string;
}

export interface PhaseRow {
  name: string;
  phases: PhaseBreakdown;
}

export function machine(): string[] {
  let model = cpus()[0]?.model ?? "?";
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) model = line.split(":")[1]?.trim() ?? model;
  } catch {
    // Not Linux: os.cpus() already gave a model name.
  }
  return [
    `CPU: ${model}, nproc ${cpus().length}`,
    `Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `Node: ${process.version}`,
    `Load average (1/5/15 min) when the report was written: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  ];
}

const fmt = (n: number, digits: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const HEADER = [
  "case",
  "rows",
  "seconds",
  "rows/s",
  "ratio to COPY",
  "peak RSS MB",
  "RSS delta MB",
];

function caseCells(r: CaseResult): string[] {
  return [
    r.note ? `${r.name} (${r.note})` : r.name,
    fmt(r.rows, 0),
    fmt(r.seconds, 2),
    fmt(r.rows / r.seconds, 0),
    Number.isNaN(r.ratio) ? "—" : `${fmt(r.ratio, 1)}×`,
    fmt(r.peakMb, 0),
    fmt(r.deltaMb, 0),
  ];
}

/** Fixed-width text table for the terminal. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells.map((c, i) => c + " ".repeat((widths[i] ?? 0) - width(c))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export const caseTable = (results: CaseResult[], md: boolean) =>
  (md ? markdownTable : textTable)(HEADER, results.map(caseCells));

const PHASE_HEADER = [
  "case",
  "total s",
  "regions+read+validate s",
  "SQL by statement",
  "JS in tx s",
  "COMMIT s",
];

export function phaseTable(rows: PhaseRow[], md: boolean): string {
  const s = (ms: number) => fmt(ms / 1000, 2);
  const cells = rows.map(({ name, phases: p }) => [
    name,
    s(p.total),
    s(p.readValidate),
    p.queries.map((q) => `${q.label} ×${q.count}: ${s(q.ms)}`).join("; "),
    s(p.jsInTransaction),
    s(p.commit),
  ]);
  return (md ? markdownTable : textTable)(PHASE_HEADER, cells);
}
