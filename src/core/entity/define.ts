import type { Conn } from "../db/schema.ts";
/**
 * The entity spine: one declaration per entity of its fields — Chinese label, type, list
 * column, filter, form and Excel behaviour. Shared helpers (list contract, validation
 * messages, Excel import/export, web metadata) read it; each module's routes and queries
 * stay explicit code.
 */

export type FieldType =
  | "text"
  | "textarea"
  | "number"
  | "integer"
  | "money"
  | "date"
  | "boolean"
  | "enum"
  | "region"
  | "unit"
  /** An enterprise of the registry by id; forms pick it by name, lists show its name. */
  | "enterprise"
  /** A record picked from options a module endpoint lists (see FieldDef.remote). */
  | "remote";

export type FilterKind =
  | "text"
  | "enum"
  | "dateRange"
  | "region"
  | "boolean"
  | "unit"
  | "enterprise";

export interface FieldOption {
  value: string;
  label: string;
}

/**
 * Where a "remote" field's options come from: GET `url` answers `{ items: FieldRemoteOption[] }`
 * for the value of the form field `dependsOn`, sent as a query parameter of that name.
 */
export interface RemoteSource {
  url: string;
  dependsOn?: string;
  /** Key of the presented record holding the current value as readable text. */
  labelKey: string;
}

export interface FieldRemoteOption {
  value: number;
  label: string;
}

export interface FieldDef {
  label: string;
  type: FieldType;
  /** Database column used for sorting/filtering; default: the key in snake_case. */
  column?: string;
  required?: boolean;
  options?: readonly FieldOption[];
  /**
   * Options kept in a dictionary table that admins edit: loaded per request by
   * withLiveOptions() and used in place of `options` (form, filters, import, export).
   */
  liveOptions?: (db: Conn) => Promise<readonly FieldOption[]>;
  /** Shown as a list column (default true). */
  list?: boolean;
  sortable?: boolean;
  filter?: FilterKind | null;
  /** Editable in the generic form (default true). */
  form?: boolean;
  /**
   * Included in keyword search: a text column matches itself; an "enterprise" field matches
   * the linked enterprise's name or credit code.
   */
  search?: boolean;
  /** Options source of a "remote" field. */
  remote?: RemoteSource;
  /** Excel column headers this field accepts; the first is written on export. false = none. */
  excel?: readonly string[] | false;
  width?: number;
  help?: string;
}

export interface EntityDef<F extends Record<string, FieldDef> = Record<string, FieldDef>> {
  name: string;
  label: string;
  /** Table alias used in list queries for sort/filter column references. */
  table: string;
  fields: F;
  /** e.g. "-updatedAt" */
  defaultSort: string;
  /** Extra sortable keys not in fields (e.g. updatedAt), key → column. */
  extraSort?: Record<string, string>;
}

export function defineEntity<F extends Record<string, FieldDef>>(def: EntityDef<F>): EntityDef<F> {
  return def;
}

export function columnOf(key: string, field: FieldDef | undefined): string {
  return field?.column ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function excelHeaders(_key: string, field: FieldDef): readonly string[] {
  if (field.excel === false) return [];
  return field.excel ?? [field.label];
}

export function optionLabel(field: FieldDef, value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return field.options?.find((o) => o.value === value)?.label ?? value;
}

/** What the web client needs to render tables, filters and forms. */
export function entityMeta(def: EntityDef) {
  return {
    name: def.name,
    label: def.label,
    defaultSort: def.defaultSort,
    fields: Object.entries(def.fields).map(([key, f]) => ({
      key,
      label: f.label,
      type: f.type,
      required: f.required ?? false,
      options: f.options,
      list: f.list ?? true,
      sortable: f.sortable ?? false,
      filter: f.filter ?? null,
      form: f.form ?? true,
      width: f.width,
      help: f.help,
      remote: f.remote && {
        ...f.remote,
        dependsOnLabel: f.remote.dependsOn ? def.fields[f.remote.dependsOn]?.label : undefined,
      },
    })),
  };
}

/** The entity with its dictionary-backed fields' options loaded from the database. */
export async function withLiveOptions(db: Conn, def: EntityDef): Promise<EntityDef> {
  const live = Object.entries(def.fields).filter(([, f]) => f.liveOptions);
  if (live.length === 0) return def;
  const fields = { ...def.fields };
  for (const [key, f] of live) {
    if (f.liveOptions) fields[key] = { ...f, options: await f.liveOptions(db) };
  }
  return { ...def, fields };
}
