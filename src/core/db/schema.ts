import type {
  ColumnType,
  Generated,
  Insertable,
  Kysely,
  Selectable,
  Transaction,
  Updateable,
} from "kysely";

/**
 * The database schema as seen by the application. Kept in step with migrations/ by
 * `schema.test.ts`, which compares these declarations against information_schema.
 *
 * Driver conventions (both PGlite and pg are configured alike in src/core/db/):
 *   DATE        -> "YYYY-MM-DD" string
 *   int8        -> number
 *   numeric     -> number
 *   timestamptz -> Date
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp column with a database default (now()). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface RegionTable {
  id: Generated<number>;
  parent_id: number | null;
  /** GB/T 2260 code for province/city/county; statistical code for town/village. */
  code: string;
  name: string;
  /** 1 province, 2 city, 3 county/district, 4 town/street, 5 village/community. */
  level: number;
  /** Materialised ancestor path of ids, e.g. "/1/3/17/"; subtree = path LIKE prefix || '%'. */
  path: string;
  sort: Generated<number>;
  created_at: DefaultTimestamp;
}

export interface UnitTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  short_name: string | null;
  kind: string;
  contact: string | null;
  phone: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type Role = "admin" | "editor" | "viewer";

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  region_id: number;
  region_path: string;
  unit_id: number | null;
  phone: string | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  /** The region the user is looking at (inside their own subtree). */
  active_region_id: number;
  ip: string | null;
  user_agent: string | null;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  record_id: string | null;
  region_path: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: DefaultTimestamp;
}

export interface Database {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repository functions accept either a plain connection or a transaction. */
export type Conn = Db | Trx;

export type Region = Selectable<RegionTable>;
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
