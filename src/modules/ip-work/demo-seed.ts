import type { Conn, Region } from "../../core/db/schema.ts";

/*
 * Demo IP work for 夹江县, 2025–2026: ten enforcement actions across the usual campaigns and
 * six patent disputes (one still open, one in mediation). Deterministic: fixed rows, two
 * bulk inserts.
 */

const MARKET = "夹江县市场监督管理局";
const BUREAU = "夹江县科学技术和知识产权局";

// [date, name, campaign, place, partners, officers, inspections, shops, goods, filed, closed]
type ActionSpec = [
  string,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
];

const ACTIONS: ActionSpec[] = [
  [
    "2025-03-12",
    "春季农资市场知识产权执法检查",
    "双打",
    "漹城镇农资市场",
    MARKET,
    8,
    1,
    24,
    560,
    0,
    0,
  ],
  [
    "2025-04-24",
    "4·26知识产权宣传周集中执法",
    "4·26",
    "县城商业步行街",
    `${MARKET}、${BUREAU}`,
    12,
    2,
    45,
    1200,
    1,
    0,
  ],
  ["2025-06-18", "“618”电商促销专项检查", "护航", "夹江县电商产业园", MARKET, 6, 1, 18, 900, 0, 1],
  [
    "2025-09-05",
    "陶瓷产品专利标识专项检查",
    "双打",
    "黄土镇陶瓷园区",
    MARKET,
    10,
    2,
    16,
    3200,
    1,
    0,
  ],
  [
    "2025-11-20",
    "岁末年初知识产权执法检查",
    "双打",
    "漹城镇",
    `${MARKET}、县公安局`,
    14,
    3,
    52,
    2100,
    1,
    2,
  ],
  ["2026-01-15", "春节前市场知识产权执法检查", "双打", "漹城镇", MARKET, 12, 2, 40, 1800, 0, 1],
  ["2026-03-20", "春耕农资专利执法检查", "护航", "甘江镇、木城镇", MARKET, 8, 2, 22, 640, 1, 0],
  [
    "2026-04-26",
    "4·26知识产权宣传周联合执法",
    "4·26",
    "县城商业步行街",
    `${MARKET}、${BUREAU}`,
    16,
    2,
    60,
    1500,
    1,
    1,
  ],
  [
    "2026-06-10",
    "茶叶产品地理标志与专利执法检查",
    "护航",
    "华头镇茶叶市场",
    MARKET,
    9,
    1,
    20,
    860,
    0,
    0,
  ],
  [
    "2026-09-16",
    "陶瓷行业专利侵权专项检查",
    "双打",
    "黄土镇陶瓷园区",
    MARKET,
    11,
    2,
    18,
    2600,
    1,
    1,
  ],
];

// [case no, type, received, parties, status, closed, outcome]
type DisputeSpec = [string, string, string, string, string, string | null, string | null];

const DISPUTES: DisputeSpec[] = [
  [
    "夹知纠〔2025〕1号",
    "专利侵权纠纷",
    "2025-04-08",
    "某陶瓷有限公司诉某建材经营部",
    "结案",
    "2025-05-20",
    "调解成功",
  ],
  ["夹知纠〔2025〕2号", "假冒专利", "2025-06-20", "某电商店铺", "结案", "2025-07-15", "行政裁决"],
  [
    "夹知纠〔2025〕3号",
    "专利侵权纠纷",
    "2025-10-11",
    "某茶业有限公司诉某茶叶经营户",
    "结案",
    "2026-01-09",
    "撤诉",
  ],
  [
    "夹知纠〔2026〕1号",
    "专利侵权纠纷",
    "2026-02-26",
    "某机械制造有限公司诉某农机销售部",
    "结案",
    "2026-04-17",
    "调解成功",
  ],
  ["夹知纠〔2026〕2号", "其他", "2026-05-13", "某纸业有限公司与某包装厂", "调解中", null, null],
  [
    "夹知纠〔2026〕3号",
    "专利侵权纠纷",
    "2026-08-04",
    "某陶瓷有限公司诉某瓷砖经销商",
    "受理",
    null,
    null,
  ],
];

export async function seedIpWorkDemo(db: Conn, county: Region): Promise<void> {
  const region = { region_id: county.id, region_path: county.path };
  await db
    .insertInto("ip_enforcement_actions")
    .values(
      ACTIONS.map(([held_on, name, campaign, place, partners, ...n]) => ({
        ...region,
        held_on,
        name,
        campaign,
        place,
        partners,
        officers: n[0],
        inspections: n[1],
        shops: n[2],
        goods: n[3],
        cases_filed: n[4],
        cases_closed: n[5],
      })),
    )
    .execute();
  await db
    .insertInto("ip_disputes")
    .values(
      DISPUTES.map(([case_no, type, received_on, parties, status, closed_on, outcome]) => ({
        ...region,
        case_no,
        type,
        received_on,
        parties,
        status,
        closed_on,
        outcome,
      })),
    )
    .execute();
}
