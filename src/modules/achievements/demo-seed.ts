import type { Conn } from "../../core/db/schema.ts";
import { HUIFENG, MINGZHU, XINWANXING } from "../platforms/demo-names.ts";

/** Demo 科技成果, 标准, 奖励 and 荣誉 for 夹江县, 2025–2026; called by the platforms demo seed. */
export async function seedAchievementsDemo(
  db: Conn,
  own: { region_id: number; region_path: string; notes: null },
  idOf: (name: string) => number | null,
): Promise<void> {
  await db
    .insertInto("achievements")
    .values([
      {
        ...own,
        kind: "登记",
        title: "高强度超薄陶瓷板制备关键技术",
        reg_no: "9512025Y0456",
        achieved_on: "2025-08-12",
        owner_name: MINGZHU,
        enterprise_id: idOf(MINGZHU),
        level: "国内领先",
      },
      {
        ...own,
        kind: "评价",
        title: "夹江手工书画纸传统工艺数字化保护技术",
        reg_no: null,
        achieved_on: "2026-04-20",
        owner_name: HUIFENG,
        enterprise_id: idOf(HUIFENG),
        level: "国内先进",
      },
      {
        ...own,
        kind: "登记",
        title: "碳纤维增强复合材料连续拉挤成型工艺",
        reg_no: "9512026Y0123",
        achieved_on: "2026-05-18",
        owner_name: XINWANXING,
        enterprise_id: idOf(XINWANXING),
        level: "国内领先",
      },
      {
        // seed 001: 成果鉴定 of a county project, then recommended for the provincial award.
        ...own,
        kind: "评价",
        title: "石斛选育及仿野生栽培技术研究",
        reg_no: null,
        achieved_on: "2026-03-26",
        owner_name: "夹江县农业农村局",
        enterprise_id: null,
        level: "国内先进",
      },
    ])
    .execute();
  await db
    .insertInto("achievement_standards")
    .values([
      {
        ...own,
        kind: "地方",
        title: "陶瓷砖防滑性能分级及评价方法",
        std_no: "DB51/T 3123-2025",
        unit_name: MINGZHU,
        enterprise_id: idOf(MINGZHU),
        role: "参与",
        published_on: "2025-10-01",
      },
      {
        ...own,
        kind: "团体",
        title: "夹江手工书画纸",
        std_no: "T/SCZZ 012-2026",
        unit_name: HUIFENG,
        enterprise_id: idOf(HUIFENG),
        role: "主持",
        published_on: "2026-03-01",
      },
    ])
    .execute();
  await db
    .insertInto("achievement_awards")
    .values([
      {
        ...own,
        award: "科学技术进步奖",
        level: "省",
        year: 2025,
        project: "建筑陶瓷废料高值化利用关键技术及产业化",
        units: `${MINGZHU}、西南交通大学`,
        status: "获奖",
        rank: "三等",
        nominated_on: "2025-03-10",
        result_on: "2026-01-20",
      },
      {
        ...own,
        award: "专利奖",
        level: "省",
        year: 2025,
        project: "一种手工书画纸纸浆的制备方法",
        units: HUIFENG,
        status: "获奖",
        rank: "优秀奖",
        nominated_on: "2025-06-01",
        result_on: "2025-12-15",
      },
      {
        ...own,
        award: "科学技术进步奖",
        level: "市",
        year: 2026,
        project: "大尺寸碳纤维复合材料构件成型技术",
        units: XINWANXING,
        status: "推荐",
        rank: null,
        nominated_on: "2026-04-10",
        result_on: null,
      },
      {
        ...own,
        award: "科学技术进步奖",
        level: "省",
        year: 2026,
        project: "石斛选育及仿野生栽培技术研究",
        units: "夹江县农业农村局",
        status: "推荐",
        rank: null,
        nominated_on: "2026-05-15",
        result_on: null,
      },
    ])
    .execute();
  await db
    .insertInto("achievement_honours")
    .values([
      {
        ...own,
        title: "全国科技进步考核先进县（市）",
        conferred_by: "科学技术部",
        level: "国家",
        conferred_on: "2025-12-28",
        recipient: "夹江县",
      },
      {
        ...own,
        title: "四川省知识产权强县建设试点县",
        conferred_by: "四川省知识产权服务促进中心",
        level: "省",
        conferred_on: "2026-02-18",
        recipient: "夹江县",
      },
      {
        ...own,
        title: "全市科技工作先进集体",
        conferred_by: "乐山市科学技术局",
        level: "市",
        conferred_on: "2026-01-15",
        recipient: "夹江县科学技术和知识产权局",
      },
    ])
    .execute();
}
