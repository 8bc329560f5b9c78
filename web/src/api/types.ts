/** Shapes of the keguan HTTP API, mirrored by hand from the server contract. */

export type Role = "admin" | "editor" | "viewer";

export interface Region {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  /** 1 province, 2 city, 3 county/district, 4 town/street, 5 village/community. */
  level: number;
  path: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  mustChangePassword: boolean;
  homeRegion: Region;
  activeRegion: Region;
  canWriteLedgers: boolean;
}

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
  | "enterprise"
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

export interface FieldMeta {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: FieldOption[];
  list: boolean;
  sortable: boolean;
  filter: FilterKind | null;
  form: boolean;
  width?: number;
  help?: string;
  /** Options source of a "remote" field; see RemoteFieldSelect. */
  remote?: RemoteSource;
}

export interface RemoteSource {
  /** GET answering { items: { value, label }[] }. */
  url: string;
  /** Form field whose value is sent as the query parameter of that name. */
  dependsOn?: string;
  dependsOnLabel?: string;
  /** Record key holding the current value as readable text. */
  labelKey: string;
}

export interface EntityMeta {
  name: string;
  label: string;
  fields: FieldMeta[];
  defaultSort: string;
}

/** Every list endpoint pages on the server and answers this shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A record as lists and forms see it: metadata-keyed values plus identity and version. */
export interface EntityRecord {
  id: number;
  version: number;
  [key: string]: unknown;
}

export interface ImportResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  recordId: string | null;
  regionPath: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export const roleLabels: Record<Role, string> = {
  admin: "管理员",
  editor: "科员",
  viewer: "领导",
};
