import {
  InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  SelectQueryNode,
  TableNode,
  type UnknownRow,
  UpdateQueryNode,
} from "kysely";

/** One executed statement: what it was and when it ran (ms, performance.now()). */
export interface QuerySpan {
  label: string;
  start: number;
  end: number;
}

function tableOf(node: OperationNode | undefined): string {
  return node && TableNode.is(node) ? node.table.identifier.name : "?";
}

function labelOf(node: RootOperationNode): string {
  if (SelectQueryNode.is(node)) return `select ${tableOf(node.from?.froms[0])}`;
  if (InsertQueryNode.is(node)) return `insert ${tableOf(node.into)}`;
  if (UpdateQueryNode.is(node)) return `update ${tableOf(node.table)}`;
  return node.kind;
}

/**
 * Records every statement's span from Kysely's point of view (compile + round trip +
 * result), without touching the code under test: the import gets `db.withPlugin(timer)`,
 * and transactions opened from it inherit the plugin.
 */
export class QueryTimer implements KyselyPlugin {
  readonly spans: QuerySpan[] = [];
  private readonly open = new WeakMap<object, { label: string; start: number }>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.open.set(args.queryId, { label: labelOf(args.node), start: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const o = this.open.get(args.queryId);
    if (o) this.spans.push({ ...o, end: performance.now() });
    return args.result;
  }
}

export interface PhaseBreakdown {
  /** ms from the start of importUnits to the first statement inside the transaction. */
  readValidate: number;
  /** ms per statement label inside the transaction, with counts. */
  queries: { label: string; count: number; ms: number }[];
  /** ms in the transaction not spent in statements: building rows, comparing, BEGIN. */
  jsInTransaction: number;
  /** ms from the last statement to importUnits returning (COMMIT). */
  commit: number;
  total: number;
}

/**
 * Splits one importUnits call into phases. The first statement reads the regions; the
 * file is then read and validated with no database work at all, so the gap up to the
 * next statement is the read + validate time.
 */
export function breakdown(spans: QuerySpan[], start: number, end: number): PhaseBreakdown {
  const [regions, ...tx] = spans;
  const firstTx = tx[0];
  const lastTx = tx[tx.length - 1];
  if (!regions || !firstTx || !lastTx) {
    return { readValidate: 0, queries: [], jsInTransaction: 0, commit: 0, total: end - start };
  }
  const byLabel = new Map<string, { count: number; ms: number }>();
  let inQueries = 0;
  for (const s of tx) {
    const e = byLabel.get(s.label) ?? { count: 0, ms: 0 };
    e.count += 1;
    e.ms += s.end - s.start;
    inQueries += s.end - s.start;
    byLabel.set(s.label, e);
  }
  return {
    readValidate: firstTx.start - start,
    queries: [...byLabel].map(([label, v]) => ({ label, ...v })),
    jsInTransaction: lastTx.end - firstTx.start - inQueries,
    commit: end - lastTx.end,
    total: end - start,
  };
}
