import type { IpDispute, IpEnforcementAction } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import type { Ledger, LedgerRow, Refusal, Values } from "../platforms/ledger/engine.ts";
import {
  DISPUTE_STATUSES,
  disputeEntity,
  disputeInput,
  enforcementEntity,
  enforcementInput,
} from "./entities.ts";
import { disputeDto, enforcementDto, presentAction, presentDispute } from "./ip-work.presenter.ts";

registerConstraintLabels({ ip_disputes_case_no_key: "本地区该案件编号的纠纷案件" });

/** Optional text left blank is stored as null, not "", so reports and filters see no value. */
function blankToNull(values: Values, columns: readonly string[]): void {
  for (const c of columns) if (values[c] === "") values[c] = null;
}

export const stage = (status: unknown) =>
  DISPUTE_STATUSES.indexOf(status as (typeof DISPUTE_STATUSES)[number]);

/** Cases only move forward (受理 → 调解中 → 结案), on screen and on re-import alike. */
function caseMovedBack(before: LedgerRow, input: Values, via: "form" | "import"): Refusal | null {
  if (stage(input.status) >= stage(before.status)) return null;
  const was = String(before.status);
  const held =
    via === "import"
      ? `案件“${String(input.caseNo)}”已${was}`
      : `案件已${was === "结案" ? "结案" : `处于“${was}”`}`;
  return { field: "status", message: `${held}，办理状态不能退回“${String(input.status)}”` };
}

/** 执法行动: one action per region, date and name (what a re-import matches on). */
export const enforcementLedger: Ledger = {
  base: "/api/ip/enforcement",
  table: "ip_enforcement_actions",
  entity: enforcementEntity,
  input: enforcementInput,
  naturalKey: (v) => ({ held_on: v.held_on, name: v.name }),
  dto: enforcementDto,
  // The typed presenter keeps text that looks like a number ("4.26") a string.
  present: (row) => presentAction(row as unknown as IpEnforcementAction),
  prepare: async (_db, _scope, values) =>
    blankToNull(values, ["campaign", "place", "partners", "notes"]),
};

/** 专利纠纷案件: one case per region and case number. */
export const disputeLedger: Ledger = {
  base: "/api/ip/disputes",
  table: "ip_disputes",
  entity: disputeEntity,
  input: disputeInput,
  naturalKey: (v) => ({ case_no: v.case_no }),
  dto: disputeDto,
  present: (row) => presentDispute(row as unknown as IpDispute),
  prepare: async (_db, _scope, values) => {
    blankToNull(values, ["notes"]);
    // A closing date and an outcome belong to a closed case only.
    if (values.status !== "结案") Object.assign(values, { closed_on: null, outcome: null });
  },
  refuseUpdate: caseMovedBack,
};

export const IP_WORK_LEDGERS: readonly Ledger[] = [enforcementLedger, disputeLedger];
