import type { Conn, Region } from "../../core/db/schema.ts";
import { seedAchievementsDemo } from "../achievements/demo-seed.ts";
import { HUIFENG, MINGZHU, QIANFO, TIANNONG, XINWANXING } from "./demo-names.ts";

/*
 * Demo 创新平台, 合作协议, 科技成果, 标准, 奖励 and 荣誉 for 夹江县, 2023–2026, linked to the
 * demo enterprise registry by name. Deterministic; one insert per table.
 */

const base = { notes: null };

export async function seedPlatformsDemo(db: Conn, county: Region): Promise<void> {
  const firms = await db
    .selectFrom("enterprises")
    .select(["id", "name"])
    .where("name", "in", [MINGZHU, XINWANXING, HUIFENG, QIANFO, TIANNONG])
    .where("region_path", "like", `${county.path}%`)
    .execute();
  const idOf = (name: string) => firms.find((f) => f.name === name)?.id ?? null;
  const region = { region_id: county.id, region_path: county.path };
  const own = { ...region, ...base };
  const platform = (
    name: string,
    kind: string,
    level: string,
    operator: string,
    recognised_on: string,
    extra: { doc_no?: string; area?: number; incubated?: number; researchers?: number } = {},
  ) => ({
    ...own,
    name,
    kind,
    level,
    operator_name: operator,
    enterprise_id: idOf(operator),
    recognised_on,
    doc_no: extra.doc_no ?? null,
    status: "运行中",
    revoked_on: null,
    area: extra.area ?? null,
    incubated: extra.incubated ?? null,
    researchers: extra.researchers ?? null,
  });
  const platforms = await db
    .insertInto("platforms")
    .values([
      platform("四川省建筑陶瓷工程技术研究中心", "工程技术研究中心", "省", MINGZHU, "2025-11-20", {
        doc_no: "川科函〔2025〕112号",
        area: 3200,
        researchers: 46,
      }),
      platform(
        "乐山市碳纤维复合材料工程技术研究中心",
        "工程技术研究中心",
        "市",
        XINWANXING,
        "2025-06-18",
        { doc_no: "乐市科发〔2025〕31号", area: 1500, researchers: 22 },
      ),
      platform("千佛岩创客空间", "众创空间", "省", QIANFO, "2024-09-10", {
        area: 2600,
        incubated: 18,
      }),
      platform("夹江县茶产业星创天地", "星创天地", "省", TIANNONG, "2026-03-15", {
        doc_no: "川科农〔2026〕9号",
        incubated: 8,
      }),
      platform("夹江手工造纸科普教育基地", "科普教育基地", "市", HUIFENG, "2023-05-20", {
        area: 800,
      }),
      platform("夹江县陶瓷产业技术研究院", "产业技术研究院", "县", MINGZHU, "2026-05-10", {
        researchers: 15,
      }),
    ])
    .returning(["id", "name"])
    .execute();
  const pid = (prefix: string) => platforms.find((p) => p.name.startsWith(prefix))?.id ?? 0;
  await db
    .insertInto("platform_checks")
    .values([
      { ...region, platform_id: pid("四川省建筑陶瓷"), year: 2025, result: "良好", note: null },
      {
        ...region,
        platform_id: pid("千佛岩"),
        year: 2025,
        result: "优秀",
        note: "在孵企业增至18家",
      },
      { ...region, platform_id: pid("夹江手工造纸"), year: 2025, result: "合格", note: null },
    ])
    .execute();
  const agreement = (
    title: string,
    kind: string,
    our: string,
    partner: string,
    signed_on: string,
    amount: number | null,
    status: string,
    content: string,
  ) => ({
    ...own,
    title,
    kind,
    our_party: our,
    enterprise_id: idOf(our),
    partner,
    signed_on,
    amount,
    status,
    content,
  });
  await db
    .insertInto("coop_agreements")
    .values([
      agreement(
        "夹江县人民政府—四川大学县校合作框架协议",
        "县校合作",
        "夹江县人民政府",
        "四川大学",
        "2025-04-22",
        2000000,
        "履行中",
        "共建陶瓷新材料研发平台，联合培养研究生，开展科技特派员服务。",
      ),
      agreement(
        "陶瓷废料资源化利用校企合作协议",
        "校企合作",
        MINGZHU,
        "西南交通大学",
        "2026-03-28",
        500000,
        "签约",
        "联合攻关抛光废渣制备轻质保温材料技术。",
      ),
      agreement(
        "茶叶精深加工产学研合作协议",
        "产学研合作",
        TIANNONG,
        "四川农业大学",
        "2026-04-15",
        300000,
        "履行中",
        "茶叶清洁化加工与夏秋茶综合利用技术示范。",
      ),
      agreement(
        "夹江县人民政府—中国科学院成都生物研究所院地合作协议",
        "院地合作",
        "夹江县人民政府",
        "中国科学院成都生物研究所",
        "2025-09-10",
        null,
        "履行中",
        "生态茶园土壤改良与绿色防控技术推广。",
      ),
    ])
    .execute();
  await seedAchievementsDemo(db, own, idOf);
}
