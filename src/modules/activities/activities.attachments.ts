import { ledgerAttachmentOwner } from "../../core/attachments/ledger-owner.ts";

/** Photos (and any papers) of a 科普/培训 activity, shown as thumbnails in the UI. */
export const activityAttachmentOwner = ledgerAttachmentOwner("activity", "活动", "activities");
