import { PATENT_TYPES, type PatentType } from "./application-no.ts";

/*
 * Wording found in the patent lists bureaus receive (CNIPA exports, provincial lists),
 * mapped to the ledger's values.
 */

export const LEGAL_STATUSES = ["在审", "授权", "有效", "失效", "驳回", "撤回"] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export const APPLICANT_TYPES = ["企业", "大专院校", "科研单位", "机关团体", "个人"] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

const STATUS_WORDS: [RegExp, LegalStatus][] = [
  [/驳回/, "驳回"],
  [/撤回|放弃/, "撤回"],
  [/失效|终止|无效|届满|未缴年费/, "失效"],
  [/有效|维持|恢复/, "有效"],
  [/授权|授予/, "授权"],
  [/审|公开|受理|申请/, "在审"],
];

/** A list's 法律状态 wording as a ledger status, or null when it is not recognised. */
export function legalStatusOf(text: string): LegalStatus | null {
  const s = text.replace(/\s/g, "");
  if ((LEGAL_STATUSES as readonly string[]).includes(s)) return s as LegalStatus;
  for (const [re, status] of STATUS_WORDS) if (re.test(s)) return status;
  return null;
}

/** A 专利类型 cell ("发明专利", "实用新型专利", "外观") as a type, or null. */
export function patentTypeOf(text: string): PatentType | null {
  const s = text.replace(/\s|专利/g, "");
  if (s === "") return null;
  return PATENT_TYPES.find((t) => t.startsWith(s) || s.startsWith(t)) ?? null;
}

/** Statuses under which a granted patent is in force. */
export function isInForce(status: LegalStatus): boolean {
  return status === "授权" || status === "有效";
}

/**
 * The applicant category CNIPA statistics use, from the applicant's name: schools and
 * universities, research institutes, enterprises, public bodies; a short name without any
 * of these words is a person.
 */
export function applicantTypeOf(name: string): ApplicantType {
  if (/大学|学院|高等专科|职业技术学校/.test(name)) return "大专院校";
  if (/研究院|研究所|研究中心|科学院|实验室/.test(name)) return "科研单位";
  if (/公司|厂|企业|合作社|集团|商行|经营部|工作室|农场|有限合伙/.test(name)) return "企业";
  if (/局|委员会|政府|协会|学会|医院|学校|中心|站|所|办事处|管委会/.test(name)) return "机关团体";
  return "个人";
}

/** First applicant of a list cell ("甲公司；乙大学" → "甲公司"). */
export function firstApplicant(applicants: string): string {
  return (applicants.split(/[;；,，、\n]/)[0] ?? "").trim();
}
