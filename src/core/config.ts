import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

/** Every setting comes from the environment, validated once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  KEGUAN_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().url().optional(),
  /** Embedded database's buffer pool (resident memory); default 32 MB, see pglite-client.ts. */
  KEGUAN_PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(8).max(4096).optional(),
  /** Load the demo county on first start of an empty embedded database. */
  KEGUAN_DEMO: bool.default(true),
  /** Initial admin password; otherwise a random one is generated and printed once. */
  KEGUAN_ADMIN_PASSWORD: z.string().min(8).optional(),
  KEGUAN_SESSION_HOURS: z.coerce.number().positive().default(8),
  KEGUAN_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  KEGUAN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  KEGUAN_LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  KEGUAN_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(1095),
  KEGUAN_UPLOAD_MAX_MB: z.coerce.number().positive().default(50),
  /**
   * Size limit of a bulk list imported as a background job (a patent list of a million rows
   * is ~110 MB as CSV); such imports have no row limit.
   */
  KEGUAN_BULK_IMPORT_MAX_MB: z.coerce.number().positive().default(512),
  /** Size limit of one attached file (project documents, photos, progress reports). */
  KEGUAN_ATTACHMENT_MAX_MB: z.coerce.number().positive().default(20),
  /** Where attached files are stored; defaults to <KEGUAN_DATA_DIR>/attachments. */
  KEGUAN_ATTACHMENT_DIR: z.string().min(1).optional(),
  /** Set behind HTTPS so cookies get the Secure flag. */
  KEGUAN_SECURE_COOKIES: bool.default(false),
  KEGUAN_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  /**
   * OpenAI-compatible base URL for polishing report paragraphs, e.g. http://127.0.0.1:8000/v1.
   * Polishing is off unless both the URL and the model are set.
   */
  KEGUAN_LLM_URL: z.string().url().optional(),
  KEGUAN_LLM_MODEL: z.string().min(1).optional(),
  KEGUAN_LLM_API_KEY: z.string().min(1).optional(),
  KEGUAN_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量配置有误：\n${lines.join("\n")}`);
  }
  return parsed.data;
}
