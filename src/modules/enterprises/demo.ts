import type { Conn, Region } from "../../core/db/schema.ts";
import { CREDIT_CODE_CHARSET, withCheckChar } from "./credit-code.ts";
import { type DemoFirm, demoFirms, type Profile } from "./demo-names.ts";
import { normaliseEnterpriseName } from "./name-normalise.ts";
import type { QualificationValues, YearlyValues } from "./records.repository.ts";
import { expiryOf } from "./validity.ts";

/** Deterministic PRNG (mulberry32): the demo is the same on every machine and run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Revenue range (元) and R&D share per profile. */
const SIZE: Record<Profile, { min: number; max: number; rd: number }> = {
  ceramic: { min: 5e6, max: 3e8, rd: 0.02 },
  machinery: { min: 3e6, max: 1.5e8, rd: 0.03 },
  carbon: { min: 1e7, max: 2e8, rd: 0.04 },
  aluminium: { min: 2e7, max: 5e8, rd: 0.015 },
  paper: { min: 3e6, max: 1e8, rd: 0.012 },
  tea: { min: 1e6, max: 3e7, rd: 0.008 },
  agri: { min: 5e5, max: 2e7, rd: 0.005 },
  service: { min: 5e5, max: 1.5e7, rd: 0.03 },
};

const YEARS = [2023, 2024, 2025, 2026];
const round2 = (v: number) => Math.round(v * 100) / 100;
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/**
 * The demo county's enterprises, qualifications 2023–2026 with consistent histories,
 * yearly figures and region-year figures. Batch inserts only: it runs in every test app.
 */
export async function seedEnterpriseDemo(db: Conn, county: Region): Promise<void> {
  const rand = prng(20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const towns = await db
    .selectFrom("regions")
    .selectAll()
    .where("parent_id", "=", county.id)
    .orderBy("sort")
    .execute();
  const townByName = new Map(towns.map((t) => [t.name, t]));
  const codes = new Set<string>();
  const creditCode = () => {
    for (;;) {
      let body = "91511126MA6";
      for (let i = 0; i < 6; i++) body += pick([...CREDIT_CODE_CHARSET]);
      const code = withCheckChar(body);
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const firms = demoFirms();
  const rows = firms.map((f: DemoFirm) => {
    const town = (f.town ? townByName.get(f.town) : undefined) ?? pick(towns) ?? county;
    const year = 1995 + Math.floor(rand() * 30);
    return {
      name: f.name,
      name_norm: normaliseEnterpriseName(f.name),
      credit_code: creditCode(),
      region_id: town.id,
      region_path: town.path,
      legal_rep:
        pick(["王", "李", "张", "刘", "陈", "杨", "黄", "周"]) +
        pick(["建国", "志强", "丽", "军", "敏", "华", "勇", "静"]),
      contact: null,
      phone: `138${pad(Math.floor(rand() * 1e8), 8)}`,
      address: `${town.name}${pick(["工业园区", "新区大道", "经开区", "滨江路"])}${1 + Math.floor(rand() * 200)}号`,
      industry: f.industry,
      founded_on: `${year}-${pad(1 + Math.floor(rand() * 12), 2)}-${pad(1 + Math.floor(rand() * 28), 2)}`,
      tags: f.profile === "ceramic" ? "陶瓷" : null,
    };
  });
  const inserted = await db
    .insertInto("enterprises")
    .values(rows)
    .returning(["id", "region_id", "region_path"])
    .execute();
  const kinds = await db.selectFrom("qualification_kinds").selectAll().execute();
  const kind = (code: string) =>
    kinds.find((k) => k.code === code) ?? { valid_years: 1, by_year: true };
  const quals: QualificationValues[] = [];
  const apps: {
    enterprise_id: number;
    region_id: number;
    region_path: string;
    kind_code: string;
    year: number;
    batch: string;
    applied_on: string;
    result: "申报" | "通过" | "未通过";
    decided_on: string | null;
  }[] = [];
  const yearly: YearlyValues[] = [];
  let seq = 1;
  const qual = (
    e: (typeof inserted)[number],
    code: string,
    year: number,
    issuedOn: string | null,
    number: string,
  ) =>
    quals.push({
      enterprise_id: e.id,
      region_id: e.region_id,
      region_path: e.region_path,
      kind_code: code,
      number,
      year,
      issued_on: issuedOn,
      expires_on: expiryOf(kind(code), year, issuedOn),
      note: null,
    });
  const hteCert = (e: (typeof inserted)[number], issuedOn: string, result: "通过" = "通过") => {
    const year = Number(issuedOn.slice(0, 4));
    qual(e, "hte", year, issuedOn, `GR${year}51${pad(1000 + seq++, 6)}`);
    apps.push({
      enterprise_id: e.id,
      region_id: e.region_id,
      region_path: e.region_path,
      kind_code: "hte",
      year,
      batch: "第一批",
      applied_on: `${year}-06-15`,
      result,
      decided_on: issuedOn,
    });
  };
  // 高企: the first 24 firms (named ones first) hold or held certificates.
  inserted.forEach((e, i) => {
    const firm = firms[i];
    if (!firm) return;
    const hi =
      firm.profile === "carbon" || firm.profile === "machinery" || firm.profile === "aluminium";
    if (i < 24) {
      const first =
        ["2023-11-20", "2023-12-08", "2024-12-06", "2025-11-28", "2024-12-06", "2023-10-26"][
          i % 6
        ] ?? "2024-12-06";
      hteCert(e, first);
      // Half of the 2023 cohort was re-recognised in 2026; the rest are the 临期 alerts.
      if (first.startsWith("2023") && i % 2 === 0)
        hteCert(e, i % 4 === 0 ? "2026-06-18" : "2026-11-05");
    } else if (i < 30) {
      apps.push({
        enterprise_id: e.id,
        region_id: e.region_id,
        region_path: e.region_path,
        kind_code: "hte",
        year: 2026,
        batch: "第一批",
        applied_on: "2026-06-20",
        result: "申报",
        decided_on: null,
      });
    } else if (i < 33) {
      apps.push({
        enterprise_id: e.id,
        region_id: e.region_id,
        region_path: e.region_path,
        kind_code: "hte",
        year: 2025,
        batch: "第一批",
        applied_on: "2025-06-18",
        result: "未通过",
        decided_on: "2025-11-28",
      });
    }
    if (i >= 20 && i < 44) {
      for (const y of [2024, 2025, 2026]) {
        if ((i + y) % 3 !== 0) qual(e, "hte_reserve", y, `${y}-05-20`, `PY${y}${pad(seq++, 4)}`);
      }
    }
    if (i < 110 && (hi || i % 2 === 0 || i < 40)) {
      for (const y of [2023, 2024, 2025, 2026]) {
        // Some lapse in 2026 (科小 not renewed alerts); a few join late.
        if (y === 2026 && i % 7 === 3) continue;
        if (y === 2023 && i % 5 === 1) continue;
        qual(e, "tsme", y, `${y}-0${4 + (i % 5)}-1${i % 9}`, `${y}511126A${pad(seq++, 5)}`);
      }
    }
    if (i === 4 || i === 2) qual(e, "zjtx", 2025, "2025-09-12", `川经信〔2025〕${100 + i}号`);
    if (i === 4) qual(e, "st_giant", 2024, "2024-07-01", "乐科〔2024〕18号");
    const size = SIZE[firm.profile];
    let revenue = size.min + (size.max - size.min) * rand() ** 3;
    const hte = i < 24;
    const employees = Math.max(8, Math.round(revenue / (4e5 + rand() * 4e5)));
    for (const y of YEARS) {
      revenue *= 0.95 + rand() * 0.2;
      const rdShare = hte ? 0.03 + rand() * 0.03 : size.rd * (0.3 + rand());
      const rd = revenue * rdShare;
      const staff = Math.round(employees * (0.95 + rand() * 0.1));
      yearly.push({
        enterprise_id: e.id,
        region_id: e.region_id,
        region_path: e.region_path,
        year: y,
        revenue: round2(revenue),
        rd_expense: round2(rd),
        hitech_income: hte || hi ? round2(revenue * (0.55 + rand() * 0.3)) : null,
        super_deduction: rd > 5e5 && rand() < 0.7 ? round2(rd * (0.8 + rand() * 0.2)) : null,
        employees: staff,
        st_staff: Math.round(staff * (hte ? 0.1 + rand() * 0.1 : 0.03 + rand() * 0.08)),
        above_scale: revenue >= 2e7,
      });
    }
  });
  await db.insertInto("enterprise_qualifications").values(quals).execute();
  await db.insertInto("enterprise_applications").values(apps).execute();
  for (let i = 0; i < yearly.length; i += 500) {
    await db
      .insertInto("enterprise_yearly")
      .values(yearly.slice(i, i + 500))
      .execute();
  }
  await db
    .insertInto("region_year_figures")
    .values(
      [
        { year: 2024, gdp: 25_160_000_000, hitech_output: 1_620_000_000, population: 31.25 },
        { year: 2025, gdp: 26_380_000_000, hitech_output: 1_850_000_000, population: 31.1 },
        { year: 2026, gdp: 27_540_000_000, hitech_output: 2_010_000_000, population: 31.02 },
      ].map((f) => ({ ...f, region_id: county.id, region_path: county.path })),
    )
    .execute();
}
