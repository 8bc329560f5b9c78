import { download, request } from "../api/client.ts";

export interface Attachment {
  id: number;
  ownerType: string;
  ownerId: number;
  filename: string;
  mime: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

export const attachmentsApi = {
  list: (ownerType: string, ownerId: number) =>
    request<Attachment[]>("/api/attachments", { query: { ownerType, ownerId } }),
  upload: (ownerType: string, ownerId: number, file: File) => {
    const body = new FormData();
    body.append("file", file);
    return request<Attachment>("/api/attachments", {
      method: "POST",
      query: { ownerType, ownerId },
      body,
    });
  },
  remove: (id: number) => request<void>(`/api/attachments/${id}`, { method: "DELETE" }),
  download: (a: Attachment) => download(`/api/attachments/${a.id}/download`, {}, a.filename),
  /** URL of an image for an <img> (same-origin; the session cookie goes along). */
  imageUrl: (a: Attachment) => `/api/attachments/${a.id}/download?inline=1`,
};

/** "1.2 MB", "350 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
