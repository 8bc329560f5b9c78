import { ledgerAttachmentOwner } from "../../core/attachments/ledger-owner.ts";

/** Files on a project: 申报书, 任务书, 合同, 验收材料 and the like. */
export const projectAttachmentOwner = ledgerAttachmentOwner("project", "项目", "projects");
