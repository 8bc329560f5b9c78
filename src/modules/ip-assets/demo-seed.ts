import type { Conn, Region } from "../../core/db/schema.ts";

/*
 * Demo pledges and designations for 夹江县, 2025–2026. Runs after the enterprise, project
 * (fund payments) and patent demos: it names their firms, links the 贷款贴息 payments and
 * pledges patents the demo ledger already holds.
 */

const MINGDI = "四川铭帝铝业有限公司";
const WANXING = "新万兴碳纤维复合材料有限公司";
const MINGZHU = "四川明珠陶瓷有限公司";
const JINHUI = "四川金辉卫浴有限公司";

// [enterprise, bank, date, amount 元, patents, term months, subsidy payee (贷款贴息)]
const PLEDGES: [string, string, string, number, number, number, string | null][] = [
  [MINGDI, "中国农业银行夹江县支行", "2025-06-12", 5_000_000, 3, 12, MINGDI],
  [WANXING, "乐山市商业银行夹江支行", "2026-03-18", 8_000_000, 5, 24, WANXING],
  [MINGZHU, "四川夹江农村商业银行", "2026-05-26", 3_000_000, 2, 12, null],
];

// [kind, level, year, enterprise (null: the county), recognised, document, expires]
const DESIGNATIONS: [string, string, number, string | null, string, string, string | null][] = [
  [
    "知识产权贯标企业(GB/T 29490)",
    "国家",
    2024,
    MINGZHU,
    "2024-09-20",
    "中知（北京）认证",
    "2027-09-19",
  ],
  ["省知识产权优势企业", "省", 2025, WANXING, "2025-08-15", "川知发〔2025〕31号", "2028-08-14"],
  ["省知识产权示范企业", "省", 2026, MINGDI, "2026-04-26", "川知发〔2026〕12号", "2029-04-25"],
  ["市知识产权示范企业", "市", 2026, JINHUI, "2026-05-20", "乐市知发〔2026〕8号", "2029-05-19"],
  ["省知识产权强县", "省", 2025, null, "2025-12-10", "川知发〔2025〕58号", "2028-12-09"],
];

export async function seedIpAssetsDemo(db: Conn, county: Region): Promise<void> {
  const firms = await db
    .selectFrom("enterprises")
    .select(["id", "name", "region_id", "region_path"])
    .where("region_path", "like", `${county.path}%`)
    .where("name", "in", [MINGDI, WANXING, MINGZHU, JINHUI])
    .execute();
  const firm = new Map(firms.map((f) => [f.name, f]));
  const pledges = [];
  for (const [who, bank, on, amount, count, term, payee] of PLEDGES) {
    const f = firm.get(who);
    if (!f) continue;
    const nos = await db
      .selectFrom("patents")
      .select("application_no")
      .where("enterprise_id", "=", f.id)
      .where("granted_on", "is not", null)
      .orderBy("application_no")
      .limit(Math.min(2, count))
      .execute();
    const payment = payee
      ? await db
          .selectFrom("fund_payments")
          .select("id")
          .where("kind", "=", "贷款贴息")
          .where("payee_name", "=", payee)
          .executeTakeFirst()
      : undefined;
    pledges.push({
      region_id: f.region_id,
      region_path: f.region_path,
      enterprise_id: f.id,
      patent_count: count,
      application_nos: nos.map((n) => n.application_no),
      bank,
      amount,
      registered_on: on,
      term_months: term,
      payment_id: payment?.id ?? null,
      notes: null,
    });
  }
  if (pledges.length > 0) await db.insertInto("ip_pledges").values(pledges).execute();
  const designations = DESIGNATIONS.flatMap(([kind, level, year, who, on, doc, expires]) => {
    const f = who ? firm.get(who) : undefined;
    if (who && !f) return [];
    return [
      {
        region_id: f?.region_id ?? county.id,
        region_path: f?.region_path ?? county.path,
        kind,
        level,
        year,
        enterprise_id: f?.id ?? null,
        recognised_on: on,
        document_no: doc,
        status: "有效",
        expires_on: expires,
        revoked_on: null,
        notes: null,
      },
    ];
  });
  await db.insertInto("ip_designations").values(designations).execute();
}
