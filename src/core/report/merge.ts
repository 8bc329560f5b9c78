import { type Block, blockRuns, type ReportDocument, runsText } from "./model.ts";

/**
 * Carrying people's edits over to a fresh draft. A report draft keeps two documents: what
 * the generator produced (`generated`) and what people made of it (`edited`). Regenerating
 * builds a new generated document and merges: blocks people rewrote stay as written, blocks
 * they deleted stay deleted, blocks they added stay where they put them (after the same
 * block), and every other block takes the new figures. Where the facts under a rewritten
 * block changed, the merge says so, so the writer can check their wording.
 */

export interface DraftChange {
  key: string;
  /**
   * facts-changed: the generated text under a rewritten block changed;
   * facts-removed: a rewritten block's section is no longer generated (kept as written).
   */
  kind: "facts-changed" | "facts-removed";
  /** Generated text before and after (null when no longer generated). */
  before: string;
  after: string | null;
}

export interface MergeResult {
  doc: ReportDocument;
  changes: DraftChange[];
}

/** Text of a block as a reader sees it; tables by cell, so a changed figure shows. */
export function blockText(block: Block): string {
  if (block.type === "table") {
    return [...block.header, ...block.body]
      .map((row) => row.map((c) => runsText(c.runs)).join("\t"))
      .join("\n");
  }
  if (block.type === "list") return block.items.map((i) => runsText(i)).join("\n");
  return runsText(blockRuns(block));
}

function sameBlock(a: Block, b: Block): boolean {
  return (
    a.type === b.type &&
    (a.type !== "heading" || b.type !== "heading" || a.level === b.level) &&
    blockText(a) === blockText(b)
  );
}

/** Keys of blocks people rewrote (present in both, text differs). */
export function editedKeys(generated: ReportDocument, edited: ReportDocument): Set<string> {
  const gen = new Map(generated.blocks.map((b) => [b.key, b]));
  const out = new Set<string>();
  for (const b of edited.blocks) {
    const g = gen.get(b.key);
    if (g && !sameBlock(g, b)) out.add(b.key);
  }
  return out;
}

export function mergeRegenerated(
  prevGenerated: ReportDocument,
  prevEdited: ReportDocument,
  nextGenerated: ReportDocument,
): MergeResult {
  const genPrev = new Map(prevGenerated.blocks.map((b) => [b.key, b]));
  const editedMap = new Map(prevEdited.blocks.map((b) => [b.key, b]));
  const nextKeys = new Set(nextGenerated.blocks.map((b) => b.key));
  const rewritten = editedKeys(prevGenerated, prevEdited);
  const deleted = new Set([...genPrev.keys()].filter((k) => !editedMap.has(k)));
  const changes: DraftChange[] = [];

  // Blocks that float on an anchor: people's own blocks, and rewritten blocks whose
  // generated counterpart is gone. Each follows the block it followed before.
  const floating = new Map<string | null, Block[]>();
  let anchor: string | null = null;
  for (const b of prevEdited.blocks) {
    const own = !genPrev.has(b.key);
    const orphan = rewritten.has(b.key) && !nextKeys.has(b.key);
    if (own || orphan) {
      floating.set(anchor, [...(floating.get(anchor) ?? []), b]);
      if (orphan) {
        changes.push({
          key: b.key,
          kind: "facts-removed",
          before: blockText(genPrev.get(b.key) ?? b),
          after: null,
        });
      }
    }
    anchor = b.key;
  }

  const out: Block[] = [];
  const placed = new Set<string | null>();
  const emitFloating = (key: string | null) => {
    if (placed.has(key)) return;
    placed.add(key);
    for (const f of floating.get(key) ?? []) {
      out.push(f);
      emitFloating(f.key);
    }
  };

  emitFloating(null);
  for (const b of nextGenerated.blocks) {
    if (!deleted.has(b.key)) {
      const prev = genPrev.get(b.key);
      const mine = editedMap.get(b.key);
      if (rewritten.has(b.key) && mine && prev) {
        out.push(mine);
        if (!sameBlock(prev, b)) {
          changes.push({
            key: b.key,
            kind: "facts-changed",
            before: blockText(prev),
            after: blockText(b),
          });
        }
      } else {
        out.push(b);
      }
    }
    emitFloating(b.key);
  }
  // Anchors that vanished (their section is gone and was not rewritten): keep the blocks
  // that followed them, at the end, rather than lose people's writing.
  for (const key of floating.keys()) emitFloating(key);

  const keep = <T>(gen: T, ed: T, next: T): T =>
    JSON.stringify(gen) !== JSON.stringify(ed) ? ed : next;
  return {
    doc: {
      title: keep(prevGenerated.title, prevEdited.title, nextGenerated.title),
      addressee: keep(prevGenerated.addressee, prevEdited.addressee, nextGenerated.addressee),
      signature: keep(prevGenerated.signature, prevEdited.signature, nextGenerated.signature),
      blocks: out,
    },
    changes,
  };
}
