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
  active: Generated<boolean>;
}

export interface ActivityOutputKindTable {
  code: string;
  label: string;
  unit: string;
  sort: Generated<number>;
  active: Generated<boolean>;
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

/** 知识产权质押融资 (module ip-assets); region is the pledging enterprise's. */
export interface IpPledgeTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  enterprise_id: number;
  patent_count: number;
  /** Normalised application numbers ("201710601862.3"); may list fewer than patent_count. */
  application_nos: Generated<string[]>;
  bank: string;
  /** 元. */
  amount: number;
  registered_on: string;
  term_months: number | null;
  /** Interest-subsidy payment (贷款贴息) in fund_payments. */
  payment_id: number | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 知识产权示范/优势企业, 贯标, 强县 designations (module ip-assets). */
export interface IpDesignationTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  kind: string;
  level: string;
  year: number;
  /** Null for a region's own designation (知识产权强县). */
  enterprise_id: number | null;
  recognised_on: string;
  document_no: string | null;
  status: Generated<string>;
  expires_on: string | null;
  /** Day of 撤销 (migration 170); valid up to the day before. */
  revoked_on: string | null;
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
/** 变更/备案 records on a project (migration 120). */
export interface ProjectChangeTable {
  id: Generated<number>;
  project_id: number;
  region_path: string;
  /** 负责人变更 / 研究内容变更 / 延期 / 经费调整 / 备案. */
  kind: string;
  changed_on: string;
  /** Approval document number (批复文号). */
  document_no: string | null;
  before_text: string | null;
  after_text: string | null;
  reason: string | null;
  note: string | null;
  user_id: number | null;
  created_at: DefaultTimestamp;
}
/** 招商引资/合作项目 the bureau brokers. */
export interface InvestmentProjectTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  name: string;
  kind: string;
  partner_name: string;
  partner_origin: string | null;
  enterprise_id: number | null;
  our_party: string | null;
  signed_on: string | null;
  /** 合同资金, 元. */
  contract_amount: Generated<number>;
  status: Generated<string>;
  staff: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
/** 到位资金 of an investment project, one row per dated arrival (元). */
export interface InvestmentArrivalTable {
  id: Generated<number>;
  investment_id: number;
  region_path: string;
  arrived_on: string;
  amount: number;
  note: string | null;
  created_at: DefaultTimestamp;
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

/* Platforms, cooperation, achievements, standards, awards and honours, migration 100. */
export interface PlatformTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  kind: string;
  name: string;
  level: string;
  enterprise_id: number | null;
  operator_name: string | null;
  recognised_on: string;
  doc_no: string | null;
  status: string;
  /** When a 撤销/摘牌 took effect; the platform counts as operating until then. */
  revoked_on: string | null;
  area: number | null;
  incubated: number | null;
  researchers: number | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlatformCheckTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  platform_id: number;
  year: number;
  result: string;
  note: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CoopAgreementTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  kind: string;
  title: string;
  enterprise_id: number | null;
  our_party: string;
  partner: string;
  signed_on: string;
  content: string | null;
  amount: number | null;
  status: string;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AchievementTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  kind: string;
  title: string;
  reg_no: string | null;
  achieved_on: string;
  enterprise_id: number | null;
  owner_name: string;
  level: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AchievementStandardTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  kind: string;
  title: string;
  std_no: string;
  enterprise_id: number | null;
  unit_name: string;
  role: string;
  published_on: string;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AchievementAwardTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  award: string;
  level: string;
  year: number;
  project: string;
  units: string;
  status: string;
  rank: string | null;
  nominated_on: string | null;
  result_on: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AchievementHonourTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  title: string;
  conferred_by: string;
  level: string;
  conferred_on: string;
  recipient: string;
  notes: string | null;
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

export interface AttachmentTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  owner_type: string;
  owner_id: number;
  filename: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number | null;
  created_at: DefaultTimestamp;
}

/** Target indicators (目标任务指标): a registry metric or a hand-entered figure. */
export interface TargetIndicatorTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit: string;
  /** 'metric' | 'manual' */
  kind: string;
  metric_id: string | null;
  description: string | null;
  /** Manual indicators: 'sum' (children's figures add up) | 'none' (own figure only). */
  aggregation: Generated<string>;
  builtin: Generated<boolean>;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Hand-entered year-to-date cumulative values of manual indicators. */
export interface IndicatorValueTable {
  id: Generated<number>;
  indicator_id: number;
  region_id: number;
  region_path: string;
  year: number;
  as_of: string;
  value: number;
  note: string | null;
  /** Level of the enterer's home region: a lower level cannot overwrite it. */
  entered_level: number;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** A region-year target for an indicator; assigned_level is the setter's home region level. */
export interface TargetTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  year: number;
  indicator_id: number;
  value: number;
  /** '市下达' | '省下达' | '自定' */
  set_by: string;
  note: string | null;
  assigned_level: number;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

// 督查督办 (migration 090).
export interface CalendarOverrideTable {
  date: string;
  is_workday: boolean;
  note: string | null;
  updated_at: DefaultTimestamp;
}

export interface TaskTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  title: string;
  content: string | null;
  source: string;
  source_doc: string | null;
  lead_unit_id: number;
  leader: string | null;
  assigned_on: string;
  deadline_kind: "date" | "workdays";
  deadline_workdays: number | null;
  original_due_on: string;
  due_on: string;
  remind_workdays: Generated<number>;
  status: Generated<string>;
  signed_by: number | null;
  signed_by_name: string | null;
  signed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  requested_due_on: string | null;
  request_reason: string | null;
  closing_report: string | null;
  closing_requested_on: string | null;
  completed_on: string | null;
  outcome: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface TaskUnitTable {
  task_id: number;
  unit_id: number;
  region_path: string;
}

export interface TaskMilestoneTable {
  id: Generated<number>;
  task_id: number;
  region_path: string;
  title: string;
  due_on: string;
  done_on: string | null;
  sort: Generated<number>;
}

export interface TaskTransitionTable {
  id: Generated<number>;
  task_id: number;
  region_path: string;
  action: string;
  from_status: string | null;
  to_status: string;
  occurred_on: string;
  at: DefaultTimestamp;
  user_id: number | null;
  user_name: string | null;
  note: string | null;
}

export interface TaskProgressTable {
  id: Generated<number>;
  task_id: number;
  region_path: string;
  unit_id: number;
  reported_on: string;
  text: string;
  percent: number | null;
  user_id: number | null;
  user_name: string | null;
  created_at: DefaultTimestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  region_path: string;
  user_id: number | null;
  unit_id: number | null;
  kind: string;
  task_id: number | null;
  text: string;
  dedupe_key: string | null;
  created_at: DefaultTimestamp;
}

/** Who has read which notification (a unit's notices are read per user). */
export interface NotificationReadTable {
  user_id: number;
  notification_id: number;
  read_at: DefaultTimestamp;
}

export interface ReportDraftTable {
  id: Generated<number>;
  region_id: number;
  region_path: string;
  period_code: string;
  period_from: string;
  period_to: string;
  title: string;
  generated: Json;
  edited: Json;
  changes: Json;
  current_no: Generated<number>;
  created_by: number | null;
  updated_by: number | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ReportVersionTable {
  id: Generated<number>;
  draft_id: number;
  no: number;
  generated: Json;
  edited: Json;
  note: string;
  created_by: number | null;
  created_at: DefaultTimestamp;
}

export type ImportJobState = "running" | "done" | "failed" | "interrupted";

/** A background import; progress while running is held in memory, not here. */
export interface ImportJobTable {
  id: string;
  user_id: number;
  entity: string;
  filename: string;
  state: ImportJobState;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  rows: Generated<number>;
  /** ImportCounts of a finished job. */
  result: Json | null;
  /** The AppError body a failed job answers with. */
  error: Json | null;
  region_id: number;
  region_path: string;
  /** Last time the server running the job marked it alive (PostgreSQL; see import-job-store.ts). */
  heartbeat_at: DefaultTimestamp;
}

export interface Database {
  report_drafts: ReportDraftTable;
  report_versions: ReportVersionTable;
  attachments: AttachmentTable;
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
  project_changes: ProjectChangeTable;
  investment_projects: InvestmentProjectTable;
  investment_arrivals: InvestmentArrivalTable;
  quake_approvals: QuakeApprovalTable;
  quake_points: QuakePointTable;
  quake_reports: QuakeReportTable;
  quake_terminals: QuakeTerminalTable;
  quake_shelters: QuakeShelterTable;
  quake_drills: QuakeDrillTable;
  platforms: PlatformTable;
  platform_checks: PlatformCheckTable;
  coop_agreements: CoopAgreementTable;
  achievements: AchievementTable;
  achievement_standards: AchievementStandardTable;
  achievement_awards: AchievementAwardTable;
  achievement_honours: AchievementHonourTable;
  ip_enforcement_actions: IpEnforcementActionTable;
  ip_disputes: IpDisputeTable;
  ip_pledges: IpPledgeTable;
  ip_designations: IpDesignationTable;
  target_indicators: TargetIndicatorTable;
  indicator_values: IndicatorValueTable;
  targets: TargetTable;
  calendar_overrides: CalendarOverrideTable;
  tasks: TaskTable;
  task_units: TaskUnitTable;
  task_milestones: TaskMilestoneTable;
  task_transitions: TaskTransitionTable;
  task_progress: TaskProgressTable;
  notifications: NotificationTable;
  notification_reads: NotificationReadTable;
  import_jobs: ImportJobTable;
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
export type ProjectChange = Selectable<ProjectChangeTable>;
export type InvestmentProject = Selectable<InvestmentProjectTable>;
export type InvestmentArrival = Selectable<InvestmentArrivalTable>;
export type IpEnforcementAction = Selectable<IpEnforcementActionTable>;
export type IpDispute = Selectable<IpDisputeTable>;
export type IpPledge = Selectable<IpPledgeTable>;
export type IpDesignation = Selectable<IpDesignationTable>;
export type TargetIndicator = Selectable<TargetIndicatorTable>;
export type IndicatorValue = Selectable<IndicatorValueTable>;
export type Target = Selectable<TargetTable>;
export type Task = Selectable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
export type TaskTransition = Selectable<TaskTransitionTable>;
export type TaskProgress = Selectable<TaskProgressTable>;
export type Notification = Selectable<NotificationTable>;
