/**
 * The one fetch wrapper: JSON in and out, session cookie, CSRF header on writes, server
 * errors turned into ApiError. Every API call in the web app goes through `request`.
 */

export interface FieldError {
  field: string;
  label?: string;
  message: string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    fields?: FieldError[];
    rows?: RowError[];
  };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly rows: RowError[];

  constructor(status: number, body: ErrorBody | null) {
    const e = body?.error;
    super(e?.message ?? fallbackMessage(status));
    this.name = "ApiError";
    this.status = status;
    this.code = e?.code ?? "HTTP_ERROR";
    this.fields = e?.fields ?? [];
    this.rows = e?.rows ?? [];
  }
}

function fallbackMessage(status: number): string {
  if (status === 0) return "无法连接服务器，请检查网络后重试";
  if (status >= 500) return "服务器内部错误，请稍后重试或联系管理员";
  return `请求失败（${status}）`;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** Paths whose 401 is an answer, not an expired session: the caller handles it. */
const NO_REDIRECT = ["/api/auth/login", "/api/auth/me"];

function redirectToLogin(): void {
  if (window.location.pathname === "/login") return;
  const back = window.location.pathname + window.location.search;
  window.location.assign(`/login?redirect=${encodeURIComponent(back)}`);
}

export type QueryValue = string | number | boolean | null | undefined;

export function toQuery(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  query?: Record<string, QueryValue>;
}

/** Fetch with the session conventions; does not parse the body. */
export async function rawRequest(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  if (method !== "GET") {
    const csrf = readCookie("kg_csrf");
    if (csrf) headers["x-csrf-token"] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(path + toQuery(opts.query ?? {}), {
      method,
      headers,
      body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const errBody = await res.json().catch(() => null);
    if (res.status === 401 && !NO_REDIRECT.includes(path)) redirectToLogin();
    throw new ApiError(res.status, errBody as ErrorBody | null);
  }
  return res;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Download a server-generated file (export, template) under the name the server gives it. */
export async function download(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
): Promise<void> {
  const res = await rawRequest(path, { query });
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get("content-disposition")) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
