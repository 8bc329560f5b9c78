/**
 * Which files may be attached: an extension allow-list, each with the magic bytes its
 * content must start with, so "通知.pdf" that is really an executable is refused.
 */
interface FileKind {
  mime: string;
  /** Accepted leading byte signatures; empty means "text": no NUL byte in the sample. */
  magic: readonly number[][];
}

const ZIP = [[0x50, 0x4b, 0x03, 0x04]];
const OLE = [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]];

const KINDS: Record<string, FileKind> = {
  pdf: { mime: "application/pdf", magic: [[0x25, 0x50, 0x44, 0x46]] },
  ofd: { mime: "application/ofd", magic: ZIP },
  jpg: { mime: "image/jpeg", magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { mime: "image/jpeg", magic: [[0xff, 0xd8, 0xff]] },
  png: { mime: "image/png", magic: [[0x89, 0x50, 0x4e, 0x47]] },
  gif: { mime: "image/gif", magic: [[0x47, 0x49, 0x46, 0x38]] },
  doc: { mime: "application/msword", magic: OLE },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    magic: ZIP,
  },
  xls: { mime: "application/vnd.ms-excel", magic: OLE },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP },
  ppt: { mime: "application/vnd.ms-powerpoint", magic: OLE },
  pptx: {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    magic: ZIP,
  },
  wps: { mime: "application/vnd.ms-works", magic: OLE },
  et: { mime: "application/vnd.ms-excel", magic: OLE },
  zip: { mime: "application/zip", magic: ZIP },
  rar: { mime: "application/vnd.rar", magic: [[0x52, 0x61, 0x72, 0x21]] },
  txt: { mime: "text/plain; charset=utf-8", magic: [] },
};

export const ALLOWED_EXTENSIONS: readonly string[] = Object.keys(KINDS);

/** Lowercase extension without the dot, or "" when the name has none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot <= 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** Keeps the user's name but drops path parts and control characters; caps its length. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (clean.length <= 120) return clean;
  const ext = extensionOf(clean);
  return `${clean.slice(0, 110)}${ext ? `.${ext}` : ""}`;
}

export type FileCheck = { ok: true; mime: string } | { ok: false; reason: string };

/** Checks the name's extension is allowed and the first bytes match it. */
export function checkFile(filename: string, head: Uint8Array): FileCheck {
  const ext = extensionOf(filename);
  const kind = KINDS[ext];
  if (!kind) {
    return {
      ok: false,
      reason: `不支持的文件类型${ext ? `（.${ext}）` : ""}，允许：${ALLOWED_EXTENSIONS.join("、")}`,
    };
  }
  if (head.length === 0) return { ok: false, reason: "文件为空" };
  const matches =
    kind.magic.length === 0
      ? !head.includes(0)
      : kind.magic.some((sig) => sig.every((b, i) => head[i] === b));
  if (!matches) return { ok: false, reason: `文件内容与扩展名 .${ext} 不符` };
  return { ok: true, mime: kind.mime };
}
