import type { ImportProgress } from "../core/entity/import.ts";

const LOG_EVERY_MS = 5000;
const REDRAW_MS = 200;

/** "已读取 120,000 行（35%）"; the percentage only when the file's size is known. */
export function progressLine(p: ImportProgress): string {
  const rows = p.rows.toLocaleString("en-US");
  const pct =
    p.totalBytes && p.bytes !== undefined
      ? `（${Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100))}%）`
      : "";
  return `已读取 ${rows} 行${pct}`;
}

/**
 * Import progress on stderr, out of the way of stdout's result: on a terminal one line
 * rewritten in place; in a log (not a TTY) a line every five seconds, so a long import
 * leaves a readable trail instead of thousands of lines.
 */
export function progressPrinter(out: NodeJS.WriteStream = process.stderr) {
  const tty = out.isTTY === true;
  const every = tty ? REDRAW_MS : LOG_EVERY_MS;
  let shownAt = tty ? 0 : Date.now();
  let last: ImportProgress | null = null;
  let shown: ImportProgress | null = null;
  const show = (p: ImportProgress) => {
    shown = p;
    out.write(tty ? `\r\x1b[K${progressLine(p)}` : `${progressLine(p)}\n`);
  };
  return {
    update(p: ImportProgress): void {
      last = p;
      if (Date.now() - shownAt < every) return;
      shownAt = Date.now();
      show(p);
    },
    /** Ends the progress display with where reading stopped. */
    finish(): void {
      if (last && last !== shown) show(last);
      if (tty && last) out.write("\n");
    },
  };
}
