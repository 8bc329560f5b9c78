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

export interface ActivityCampaignTable {
  code: string;
  name: string;
  usual_month: number | null;
  sort: Generated<number>;
}

export interface ActivityOutputKindTable {
  code: string;
  label: string;
  unit: string;
  sort: Generated<number>;
}

export interface ActivityTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  title: string;
  type: string;
  campaign_code: string | null;
  edition: number | null;
  held_on: string;
  place: string | null;
  theme: string | null;
  organiser_unit_id: number | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ActivityPartnerTable {
  activity_id: number;
  unit_id: number;
}

export interface ActivityOutputTable {
  activity_id: number;
  kind: string;
  value: number;
}

export interface TechContractTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  reg_no: string;
  name: string;
  type: string;
  seller_name: string;
  seller_credit_code: string | null;
  /** Enterprise registry id when known; deliberately not a foreign key. */
  enterprise_id: number | null;
  buyer_name: string;
  amount: number;
  turnover: number;
  signed_on: string | null;
  registered_on: string;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IpEnforcementActionTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  held_on: string;
  place: string | null;
  name: string;
  campaign: string | null;
  partners: string | null;
  officers: Generated<number>;
  inspections: Generated<number>;
  shops: Generated<number>;
  goods: Generated<number>;
  cases_filed: Generated<number>;
  cases_closed: Generated<number>;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IpDisputeTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  case_no: string;
  type: string;
  received_on: string;
  parties: string;
  status: string;
  closed_on: string | null;
  outcome: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CommissionerTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  unit_name: string | null;
  title: string | null;
  specialty: string | null;
  phone: string | null;
  level: string;
  team: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CommissionerAssignmentTable {
  id: Generated<number>;
  commissioner_id: number;
  region_id: number;
  region_path: string;
  starts_on: string;
  ends_on: string | null;
}

export interface CommissionerServiceTable {
  id: Generated<number>;
  commissioner_id: number;
  region_id: number;
  region_path: string;
  served_on: string;
  content: string;
  people_reached: Generated<number>;
  created_at: DefaultTimestamp;
}

/** Enterprise registry (module enterprises). */
export interface EnterpriseTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  /** Name normalised for matching (全角/半角, spaces, brackets, 有限责任公司 ≡ 有限公司). */
  name_norm: string;
  credit_code: string;
  legal_rep: string | null;
  contact: string | null;
  phone: string | null;
  address: string | null;
  /** GB/T 4754 门类 letter A–T. */
  industry: string | null;
  founded_on: string | null;
  tags: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface QualificationKindTable {
  code: string;
  name: string;
  category: "hte" | "reserve" | "tsme" | "other";
  valid_years: number;
  /** Valid for calendar years (科小: its year) rather than from the issue date. */
  by_year: boolean;
  number_label: string;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface EnterpriseQualificationTable {
  id: Generated<number>;
  enterprise_id: number;
  region_id: number;
  region_path: string;
  kind_code: string;
  number: string | null;
  year: number;
  issued_on: string | null;
  expires_on: string;
  note: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EnterpriseApplicationTable {
  id: Generated<number>;
  enterprise_id: number;
  region_id: number;
  region_path: string;
  kind_code: string;
  year: number;
  batch: Generated<string>;
  applied_on: string;
  result: "申报" | "通过" | "未通过";
  decided_on: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EnterpriseYearlyTable {
  id: Generated<number>;
  enterprise_id: number;
  region_id: number;
  region_path: string;
  year: number;
  revenue: number | null;
  rd_expense: number | null;
  hitech_income: number | null;
  super_deduction: number | null;
  employees: number | null;
  st_staff: number | null;
  above_scale: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Figures entered by hand per region-year; money in 元, population in 万人. */
export interface RegionYearFigureTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  year: number;
  gdp: number | null;
  hitech_output: number | null;
  population: number | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ProjectProgrammeTable {
  code: string;
  name: string;
  sort: Generated<number>;
}
export interface ProjectTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  /** 国家 / 省 / 市 / 县. */
  level: string;
  programme_code: string;
  enterprise_id: number | null;
  undertaker_name: string;
  partners: string | null;
  task_book_no: string | null;
  /** 立项编号. */
  approval_no: string | null;
  start_on: string | null;
  end_on: string | null;
  fund_national: Generated<number>;
  fund_provincial: Generated<number>;
  fund_city: Generated<number>;
  fund_county: Generated<number>;
  fund_self: Generated<number>;
  staff: string | null;
  apply_year: number;
  /** Current lifecycle state; history in project_transitions. */
  status: Generated<string>;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
export interface ProjectTransitionTable {
  id: Generated<number>;
  project_id: number;
  region_path: string;
  from_status: string | null;
  to_status: string;
  occurred_on: string;
  note: string | null;
  user_id: number | null;
  created_at: DefaultTimestamp;
}
export interface ProjectMidtermTable {
  id: Generated<number>;
  project_id: number;
  region_path: string;
  checked_on: string;
  result: string;
  delay_reason: string | null;
  notes: string | null;
  created_at: DefaultTimestamp;
}
export interface ProjectAcceptanceTable {
  id: Generated<number>;
  project_id: number;
  region_path: string;
  accepted_on: string;
  task_conclusion: string;
  finance_conclusion: string;
  outcome: string;
  rectify_by: string | null;
  notes: string | null;
  created_at: DefaultTimestamp;
}
export interface FundPaymentTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  kind: string;
  paid_on: string;
  /** 元; negative for 追回. */
  amount: number;
  source: string;
  enterprise_id: number | null;
  payee_name: string;
  voucher_no: string | null;
  project_id: number | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
/** Patent ledger (module ip); one row per application number. */
export interface PatentTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  /** Normal form: "201710601862.3". */
  application_no: string;
  patent_type: "发明" | "实用新型" | "外观设计";
  pct: Generated<boolean>;
  title: string;
  applicants: string;
  first_applicant: string;
  enterprise_id: number | null;
  applicant_type: "企业" | "大专院校" | "科研单位" | "机关团体" | "个人";
  /** 职务发明 (true) or 非职务 (false). */
  service_invention: boolean;
  inventors: string | null;
  address: string | null;
  filed_on: string;
  granted_on: string | null;
  legal_status: "在审" | "授权" | "有效" | "失效" | "驳回" | "撤回";
  status_on: string | null;
  lapsed_on: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/* Earthquake prevention (防震减灾), migration 060. */
export interface QuakeApprovalTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  project_name: string;
  applicant: string;
  approved_on: string;
  result: string;
  fortification_level: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface QuakePointTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  observer: string;
  phone: string | null;
  type: string;
  started_on: string;
  active: Generated<boolean>;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface QuakeReportTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  point_id: number;
  /** 'YYYY-MM' */
  month: string;
  zero_report: boolean;
  anomaly: string | null;
  reported_on: string;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface QuakeTerminalTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  site: string;
  installed_on: string;
  status: string;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface QuakeShelterTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  capacity: number;
  area: number;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface QuakeDrillTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  held_on: string;
  place: string;
  organiser: string;
  participants: number;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface Database {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  enterprises: EnterpriseTable;
  qualification_kinds: QualificationKindTable;
  enterprise_qualifications: EnterpriseQualificationTable;
  enterprise_applications: EnterpriseApplicationTable;
  enterprise_yearly: EnterpriseYearlyTable;
  region_year_figures: RegionYearFigureTable;
  patents: PatentTable;
  activity_campaigns: ActivityCampaignTable;
  activity_output_kinds: ActivityOutputKindTable;
  activities: ActivityTable;
  activity_partners: ActivityPartnerTable;
  activity_outputs: ActivityOutputTable;
  tech_contracts: TechContractTable;
  commissioners: CommissionerTable;
  commissioner_assignments: CommissionerAssignmentTable;
  commissioner_services: CommissionerServiceTable;
  project_programmes: ProjectProgrammeTable;
  projects: ProjectTable;
  project_transitions: ProjectTransitionTable;
  project_midterms: ProjectMidtermTable;
  project_acceptances: ProjectAcceptanceTable;
  fund_payments: FundPaymentTable;
  quake_approvals: QuakeApprovalTable;
  quake_points: QuakePointTable;
  quake_reports: QuakeReportTable;
  quake_terminals: QuakeTerminalTable;
  quake_shelters: QuakeShelterTable;
  quake_drills: QuakeDrillTable;
  ip_enforcement_actions: IpEnforcementActionTable;
  ip_disputes: IpDisputeTable;
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
export type Activity = Selectable<ActivityTable>;
export type TechContract = Selectable<TechContractTable>;
export type Commissioner = Selectable<CommissionerTable>;
export type CommissionerAssignment = Selectable<CommissionerAssignmentTable>;
export type CommissionerService = Selectable<CommissionerServiceTable>;
export type Enterprise = Selectable<EnterpriseTable>;
export type QualificationKind = Selectable<QualificationKindTable>;
export type EnterpriseQualification = Selectable<EnterpriseQualificationTable>;
export type EnterpriseApplication = Selectable<EnterpriseApplicationTable>;
export type EnterpriseYearly = Selectable<EnterpriseYearlyTable>;
export type RegionYearFigure = Selectable<RegionYearFigureTable>;
export type Patent = Selectable<PatentTable>;
export type Project = Selectable<ProjectTable>;
export type ProjectTransition = Selectable<ProjectTransitionTable>;
export type FundPayment = Selectable<FundPaymentTable>;
export type IpEnforcementAction = Selectable<IpEnforcementActionTable>;
export type IpDispute = Selectable<IpDisputeTable>;
