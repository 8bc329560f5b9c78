import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors.ts";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own: two processes opening one folder corrupt it. Hold
 * `keguan.lock` (our pid) for as long as the database is open; a stale lock whose
 * process is gone is taken over.
 */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => void {
  const file = join(dataDir, "keguan.lock");
  if (heldHere.has(file)) throw new AppError("DATA_DIR_LOCKED", { dataDir, pid: process.pid });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) {
        throw new AppError("DATA_DIR_LOCKED", { dataDir, pid });
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError("DATA_DIR_LOCKED", { dataDir, pid: 0 });
}
