import { registerConstraintLabels } from "../../core/db-errors.ts";
import type { Ledger } from "../platforms/ledger/engine.ts";
import { linkEnterprise } from "../platforms/ledger/enterprise-link.ts";
import {
  achievementEntity,
  achievementInput,
  awardEntity,
  awardInput,
  honourEntity,
  honourInput,
  standardEntity,
  standardInput,
} from "./entities.ts";

registerConstraintLabels({
  achievements_reg_no_key: "该登记号的科技成果",
  achievements_title_key: "同名且无登记号的科技成果",
  achievement_standards_no_key: "该标准号的标准",
  achievement_awards_key: "同一年度、同一奖项的同名项目",
  achievement_honours_key: "同一天授予的同名荣誉",
});

export const achievementLedger: Ledger = {
  base: "/api/achievements",
  table: "achievements",
  entity: achievementEntity,
  input: achievementInput,
  // A 登记号 identifies a result; one without a number is known by its title.
  naturalKey: (v) => (v.reg_no ? { reg_no: v.reg_no } : { title: v.title, reg_no: null }),
  prepare: linkEnterprise("owner_name", "所选完成企业"),
};

export const standardLedger: Ledger = {
  base: "/api/standards",
  table: "achievement_standards",
  entity: standardEntity,
  input: standardInput,
  naturalKey: (v) => ({ std_no: v.std_no }),
  prepare: linkEnterprise("unit_name", "所选起草企业"),
};

export const awardLedger: Ledger = {
  base: "/api/awards",
  table: "achievement_awards",
  entity: awardEntity,
  input: awardInput,
  naturalKey: (v) => ({ award: v.award, year: v.year, project: v.project }),
};

export const honourLedger: Ledger = {
  base: "/api/honours",
  table: "achievement_honours",
  entity: honourEntity,
  input: honourInput,
  naturalKey: (v) => ({ title: v.title, conferred_on: v.conferred_on }),
};

export const achievementLedgers: readonly Ledger[] = [
  achievementLedger,
  standardLedger,
  awardLedger,
  honourLedger,
];
