export {
  type BackupOptions,
  type BackupResult,
  backupDatabase,
  backupToFile,
  type ProgressFn,
} from "./backup.ts";
export type { BackupHeader } from "./format.ts";
export {
  type RestoreOptions,
  type RestoreResult,
  restoreDatabase,
  restoreFromFile,
} from "./restore.ts";
