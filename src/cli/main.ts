import { AppError } from "../core/errors.ts";

const USAGE = `科管 keguan 命令行

用法：npx keguan <命令> [参数]

  serve                         启动服务（PORT、HOST、KEGUAN_DATA_DIR、DATABASE_URL）
  migrate                       执行数据库迁移
  seed-demo                     向空数据库载入演示县数据
  user add --username u --name 姓名 --role admin|editor|viewer --region 地区代码 [--password p]
  user reset --username u       重置密码（打印一次性密码）
  backup --out 文件             备份数据库（可恢复到内置库或 PostgreSQL）
  restore --in 文件 [--force]   从备份恢复到空数据库
  import <unit|enterprise|contract|patent> <文件> [--region 地区代码]   从 Excel/CSV 导入
  export <unit|user|enterprise|patent|contract> --out 文件 [--region 地区代码]   导出为 Excel
  report [--region 地区代码] [--period 2026H1] [--out 文件] [--format docx|xlsx|html|txt]
                                生成工作总结（默认本县、今年以来、Word 公文格式）
`;

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./serve.ts")).serve,
  migrate: async () => (await import("./migrate.ts")).migrate,
  "seed-demo": async () => (await import("./seed-demo.ts")).seedDemoCommand,
  user: async () => (await import("./user.ts")).user,
  backup: async () => (await import("./backup.ts")).backup,
  restore: async () => (await import("./backup.ts")).restore,
  import: async () => (await import("./import-export.ts")).importCommand,
  export: async () => (await import("./import-export.ts")).exportCommand,
  report: async () => (await import("./report.ts")).reportCommand,
};

export async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    console.log(USAGE);
    process.exitCode = name && name !== "help" && name !== "--help" ? 2 : 0;
    return;
  }
  try {
    await (await load())(args);
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`错误：${err.message}`);
      if (err.code === "IMPORT_INVALID" || err.code === "VALIDATION") {
        const d = err.details as { rows?: { row: number; column: string; message: string }[] };
        for (const r of d.rows?.slice(0, 50) ?? [])
          console.error(`  第 ${r.row} 行 ${r.column}：${r.message}`);
      }
    } else {
      console.error(err);
    }
    process.exit(1);
  }
}
