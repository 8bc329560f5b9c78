/**
 * The one error catalogue. Every failure a user can see is an AppError with a code from
 * here; the HTTP error handler (src/server/error-handler.ts) maps codes to statuses and
 * never leaks driver messages.
 */

export interface FieldIssue {
  /** Path of the field, e.g. "name" or "items.2.amount". */
  field: string;
  /** Chinese label of the field where known. */
  label?: string;
  message: string;
}

export interface RowIssue {
  /** 1-based row number as shown in Excel. */
  row: number;
  /** Column header (as found in the file) or field label. */
  column: string;
  message: string;
}

interface Details {
  VALIDATION: { fields: FieldIssue[] };
  UNAUTHENTICATED: Record<string, never>;
  SESSION_EXPIRED: Record<string, never>;
  FORBIDDEN: { reason?: string };
  CSRF: Record<string, never>;
  NOT_FOUND: { entity: string };
  OUT_OF_SCOPE: { what?: string };
  VERSION_CONFLICT: { entity: string };
  DUPLICATE: { what: string };
  REFERENCED: { what?: string };
  LOGIN_FAILED: Record<string, never>;
  ACCOUNT_LOCKED: { minutes: number };
  ACCOUNT_DISABLED: Record<string, never>;
  RATE_LIMITED: { seconds: number };
  PASSWORD_WEAK: { reason: string };
  IMPORT_INVALID: { rows: RowIssue[]; total: number };
  IMPORT_BUSY: { rows: number };
  IMPORT_INTERRUPTED: Record<string, never>;
  FILE_UNREADABLE: { reason: string };
  FILE_TOO_LARGE: { maxMb: number };
  FILE_TYPE: { reason: string };
  BAD_STATE: { message: string };
  NOT_CONFIGURED: { what: string };
  DATA_DIR_LOCKED: { dataDir: string; pid: number };
  INTERNAL: Record<string, never>;
}

export type ErrorCode = keyof Details;

const catalogue: { [C in ErrorCode]: { status: number; message: (d: Details[C]) => string } } = {
  VALIDATION: {
    status: 400,
    message: (d) =>
      d.fields.length === 0
        ? "提交的数据不正确"
        : d.fields.map((f) => `${f.label ?? f.field}：${f.message}`).join("；"),
  },
  UNAUTHENTICATED: { status: 401, message: () => "请先登录" },
  SESSION_EXPIRED: { status: 401, message: () => "登录已过期，请重新登录" },
  FORBIDDEN: { status: 403, message: (d) => d.reason ?? "您没有执行此操作的权限" },
  CSRF: { status: 403, message: () => "请求校验失败，请刷新页面后重试" },
  NOT_FOUND: { status: 404, message: (d) => `${d.entity}不存在，或不在您的数据范围内` },
  OUT_OF_SCOPE: {
    status: 403,
    message: (d) => `${d.what ?? "所选地区"}不在您的数据范围内`,
  },
  VERSION_CONFLICT: {
    status: 409,
    message: (d) => `该${d.entity}已被他人修改，您的修改未保存。请刷新后重新编辑`,
  },
  DUPLICATE: { status: 409, message: (d) => `${d.what}已存在，不能重复` },
  REFERENCED: {
    status: 409,
    message: (d) => `${d.what ?? "该记录"}仍被其他数据引用，不能删除`,
  },
  LOGIN_FAILED: { status: 401, message: () => "用户名或密码错误" },
  ACCOUNT_LOCKED: {
    status: 423,
    message: (d) => `密码错误次数过多，账号已锁定，请 ${d.minutes} 分钟后再试`,
  },
  ACCOUNT_DISABLED: { status: 403, message: () => "账号已停用，请联系管理员" },
  RATE_LIMITED: { status: 429, message: (d) => `尝试过于频繁，请 ${d.seconds} 秒后再试` },
  PASSWORD_WEAK: { status: 400, message: (d) => `密码不符合要求：${d.reason}` },
  IMPORT_INVALID: {
    status: 422,
    message: (d) => `导入失败：共 ${d.total} 行，其中 ${d.rows.length} 处错误，未写入任何数据`,
  },
  IMPORT_BUSY: {
    status: 409,
    message: (d) => `您已有一个导入正在进行（已读取 ${d.rows} 行），请等待其完成后再导入`,
  },
  IMPORT_INTERRUPTED: {
    status: 409,
    message: () => "导入因服务重启而中断，未写入任何数据，请重新导入",
  },
  FILE_UNREADABLE: { status: 400, message: (d) => `无法读取文件：${d.reason}` },
  FILE_TOO_LARGE: { status: 413, message: (d) => `文件过大，不能超过 ${d.maxMb} MB` },
  FILE_TYPE: { status: 415, message: (d) => `文件未上传：${d.reason}` },
  BAD_STATE: { status: 409, message: (d) => d.message },
  NOT_CONFIGURED: { status: 404, message: (d) => `未配置${d.what}` },
  DATA_DIR_LOCKED: {
    status: 500,
    message: (d) =>
      `数据目录 ${d.dataDir} 正被另一个 keguan 进程${d.pid ? `（PID ${d.pid}）` : ""}使用，请先停止该进程`,
  },
  INTERNAL: { status: 500, message: () => "服务器内部错误，请稍后重试或联系管理员" },
};

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: Details[C];
  readonly status: number;

  constructor(code: C, ...details: Details[C] extends Record<string, never> ? [] : [Details[C]]) {
    const d = (details[0] ?? {}) as Details[C];
    const entry = catalogue[code];
    super(entry.message(d));
    this.name = "AppError";
    this.code = code;
    this.details = d;
    this.status = entry.status;
  }

  toJSON(): { code: C; message: string } & Details[C] {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
