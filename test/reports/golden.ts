import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/*
 * Golden files: a test's output is compared with a committed file; UPDATE_GOLDEN=1 rewrites
 * the file instead (the run then passes, and says so, so a rewrite is never silent).
 */

export const updating = process.env.UPDATE_GOLDEN === "1";

/** A readable diff: the first differing line with a few lines of context, both sides. */
export function firstDifference(expected: string, actual: string, context = 3): string | null {
  if (expected === actual) return null;
  const e = expected.split("\n");
  const a = actual.split("\n");
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const from = Math.max(0, i - context);
  const show = (lines: string[], sign: string) =>
    lines
      .slice(from, i + context + 1)
      .map((l, k) => `${from + k === i ? sign : " "} ${String(from + k + 1).padStart(4)}| ${l}`)
      .join("\n");
  return [
    `first difference at line ${i + 1} (expected ${e.length} lines, got ${a.length})`,
    "--- expected (golden file)",
    show(e, "-"),
    "+++ actual",
    show(a, "+"),
  ].join("\n");
}

/**
 * Compares `actual` with the golden file, or rewrites it under UPDATE_GOLDEN=1. Returns the
 * diff text (null when equal) so the caller's expectation carries it in its message.
 */
export function checkGolden(path: string, actual: string): string | null {
  if (updating) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    console.warn(`UPDATE_GOLDEN=1: rewrote ${path}; review the change before committing it`);
    return null;
  }
  if (!existsSync(path)) {
    return `golden file ${path} is missing; run with UPDATE_GOLDEN=1 to create it`;
  }
  return firstDifference(readFileSync(path, "utf8"), actual);
}
