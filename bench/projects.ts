/**
 * Projects list benchmark: `npm run bench:projects` (200,000 projects) or
 * `npm run bench:projects -- --rows 50000 --clients 20 --requests 25 --engines pglite,postgres`.
 * Fills 夹江县 with generated projects, serves the real app over HTTP on a loopback port and
 * lets N concurrent clients list and filter them (the list screen's queries), reporting
 * p50/p95 per query against the same query run as raw SQL in the same process.
 */
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { flag } from "../src/cli/context.ts";
import { loadConfig } from "../src/core/config.ts";
import type { Db } from "../src/core/db/schema.ts";
import { buildApp } from "../src/server/app.ts";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./engines.ts";
import { machine, textTable } from "./report.ts";

const args = process.argv.slice(2);
const rows = Number(flag(args, "rows") ?? 200_000);
const clients = Number(flag(args, "clients") ?? 20);
const perClient = Number(flag(args, "requests") ?? 25);
const engineNames = (flag(args, "engines") ?? "pglite,postgres").split(",");
const PASSWORD = "bench-password-1";

/** The list screen's queries: what people filter the project list by. */
const QUERIES: { name: string; qs: string; where: string }[] = [
  { name: "第1页（默认排序）", qs: "", where: "true" },
  { name: "级别=省", qs: "level=省", where: "level = '省'" },
  { name: "状态=实施中", qs: "status=实施中", where: "status = '实施中'" },
  { name: "年度=2025", qs: "year=2025", where: "apply_year = 2025" },
  { name: "关键词 碳纤维", qs: "q=碳纤维", where: "name like '%碳纤维%'" },
  {
    name: "省级+实施中+2024",
    qs: "level=省&status=实施中&year=2024",
    where: "level = '省' and status = '实施中' and apply_year = 2024",
  },
  { name: "第50页", qs: "page=50", where: "true" },
];

async function fill(db: Db, n: number): Promise<void> {
  // Generated in SQL: the point is the list, not the insert.
  await sql`
    insert into projects (region_id, region_path, name, level, programme_code, enterprise_id,
      undertaker_name, apply_year, status, start_on, end_on, fund_county)
    select r.id, r.path,
      (array['碳纤维复合材料','陶瓷釉料','茶叶精深加工','水工机械','光电薄膜','竹浆纸','铝型材'])[1 + i % 7]
        || '关键技术研究及应用（' || i || '）',
      (array['国家','省','市','县'])[1 + (i / 7) % 4],
      (select code from project_programmes order by code offset (i % 5) limit 1),
      null, '夹江县某企业' || (i % 997), 2018 + i % 9,
      (array['储备','推荐申报','立项','实施中','中期检查','申请验收','通过验收','结题'])[1 + (i / 3) % 8],
      make_date(2018 + i % 9, 1 + i % 12, 1), make_date(2020 + i % 9, 1 + i % 12, 28), (i % 50) * 10000
    from generate_series(1, ${n}) as i, (select id, path from regions where code = '511126') r
  `.execute(db);
  await sql`analyze projects`.execute(db);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

async function run(engine: BenchEngine) {
  const b = await engine.fresh("projects");
  const db = b.handle.db;
  const t0 = performance.now();
  await fill(db, rows);
  console.log(
    `${engine.name}: ${rows.toLocaleString("en-US")} projects generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const app = await buildApp({
    db,
    config: loadConfig({ KEGUAN_LOG_LEVEL: "silent" }),
    logger: false,
    serveWeb: false,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "keyuan", password: PASSWORD }),
    });
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    const latencies = new Map<string, number[]>(QUERIES.map((q) => [q.name, []]));
    const get = async (q: (typeof QUERIES)[number]) => {
      const s = performance.now();
      const res = await fetch(`${base}/api/projects?${q.qs}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${q.qs}: HTTP ${res.status}`);
      latencies.get(q.name)?.push(performance.now() - s);
    };
    for (const q of QUERIES) await get(q); // warm-up
    for (const l of latencies.values()) l.length = 0;
    const wall = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) {
          const q = QUERIES[(c + i) % QUERIES.length];
          if (q) await get(q);
        }
      }),
    );
    const seconds = (performance.now() - wall) / 1000;
    // The same filter as one raw SQL statement (count + first page), one at a time.
    const raw = new Map<string, number>();
    for (const q of QUERIES) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await sql.raw(`select count(*) from projects where ${q.where}`).execute(db);
        await sql
          .raw(
            `select * from projects where ${q.where} order by id desc limit 20 offset ${q.qs.includes("page=50") ? 980 : 0}`,
          )
          .execute(db);
        times.push(performance.now() - s);
      }
      raw.set(
        q.name,
        pct(
          times.sort((a, b) => a - b),
          0.5,
        ),
      );
    }
    const table = QUERIES.map((q) => {
      const l = (latencies.get(q.name) ?? []).sort((a, b) => a - b);
      const r = raw.get(q.name) ?? Number.NaN;
      return [
        q.name,
        String(l.length),
        pct(l, 0.5).toFixed(0),
        pct(l, 0.95).toFixed(0),
        r.toFixed(1),
        (pct(l, 0.5) / r).toFixed(1),
      ];
    });
    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    console.log(
      `\n${engine.name} — ${clients} concurrent clients × ${perClient} requests, ${all.length} in ${seconds.toFixed(1)} s (${(all.length / seconds).toFixed(0)} req/s); all: p50 ${pct(all, 0.5).toFixed(0)} ms, p95 ${pct(all, 0.95).toFixed(0)} ms`,
    );
    console.log(
      textTable(["query", "n", "p50 ms", "p95 ms", "raw SQL p50 ms", "p50 / raw"], table),
    );
  } finally {
    await app.close();
    await b.dispose();
  }
}

for (const line of machine()) console.log(line);
console.log(
  `Command: npm run bench:projects -- --rows ${rows} --clients ${clients} --requests ${perClient}`,
);
for (const name of engineNames) {
  const engine = name === "postgres" ? await postgresEngine() : pgliteEngine();
  try {
    await run(engine);
  } finally {
    await engine.stop();
  }
}
