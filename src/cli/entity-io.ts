import type { Db } from "../core/db/schema.ts";
import type { EntityDef } from "../core/entity/define.ts";
import { exportRow } from "../core/entity/export.ts";
import type { ImportCounts, ImportProgress } from "../core/entity/import.ts";
import { parseListQuery } from "../core/entity/list.ts";
import type { TableInput } from "../core/excel/types.ts";
import { todayCst } from "../core/report/composer.ts";
import type { Scope } from "../core/scope.ts";
import { presentContract } from "../modules/contracts/contracts.presenter.ts";
import { iterateContracts } from "../modules/contracts/contracts.repository.ts";
import { importContracts } from "../modules/contracts/contracts.service.ts";
import { contractEntity } from "../modules/contracts/entities.ts";
import { iterateEnterprises } from "../modules/enterprises/enterprises.repository.ts";
import { importEnterprises } from "../modules/enterprises/enterprises.service.ts";
import { enterpriseEntity } from "../modules/enterprises/entities.ts";
import { presentEnterprise } from "../modules/enterprises/presenter.ts";
import { patentEntity } from "../modules/patents/entities.ts";
import { importPatents } from "../modules/patents/import.ts";
import { iteratePatents } from "../modules/patents/patents.repository.ts";
import { presentPatent } from "../modules/patents/presenter.ts";
import { unitEntity } from "../modules/units/entities.ts";
import { presentUnit } from "../modules/units/units.presenter.ts";
import { iterateUnits } from "../modules/units/units.repository.ts";
import { importUnits } from "../modules/units/units.service.ts";
import { userEntity } from "../modules/users/entities.ts";
import { presentUser } from "../modules/users/users.presenter.ts";
import { iterateUsers } from "../modules/users/users.repository.ts";

type Importer = (
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; onProgress?: (p: ImportProgress) => void },
) => Promise<ImportCounts>;

export interface EntityIo {
  def: EntityDef;
  /** Absent where records are created one by one (users: each needs a one-time password). */
  importFile?: Importer;
  rows(db: Db, scope: Scope): AsyncIterable<Record<string, unknown>>;
}

/** The entities the CLI imports and exports, through the same services as the web. */
export const entityIo: Record<string, EntityIo> = {
  unit: {
    def: unitEntity,
    importFile: importUnits,
    async *rows(db, scope) {
      for await (const u of iterateUnits(db, scope, parseListQuery(unitEntity, {}))) {
        yield exportRow(unitEntity, presentUnit(u));
      }
    },
  },
  user: {
    def: userEntity,
    async *rows(db, scope) {
      for await (const u of iterateUsers(db, scope, parseListQuery(userEntity, {}))) {
        yield exportRow(userEntity, presentUser(u));
      }
    },
  },
  enterprise: {
    def: enterpriseEntity,
    importFile: importEnterprises,
    async *rows(db, scope) {
      const query = parseListQuery(enterpriseEntity, {});
      for await (const e of iterateEnterprises(db, scope, query, { today: todayCst() })) {
        yield exportRow(enterpriseEntity, presentEnterprise(e));
      }
    },
  },
  patent: {
    def: patentEntity,
    // A bureau's list runs to millions of rows and the file is local: the upload caps
    // (50 MB, 200,000 rows) that protect the server do not apply here.
    importFile: (db, scope, input, opts) =>
      importPatents(db, scope, input, {
        ...opts,
        maxBytes: Number.POSITIVE_INFINITY,
        maxRows: Number.POSITIVE_INFINITY,
        today: todayCst(),
      }),
    async *rows(db, scope) {
      for await (const p of iteratePatents(db, scope, parseListQuery(patentEntity, {}))) {
        yield exportRow(patentEntity, presentPatent(p));
      }
    },
  },
  contract: {
    def: contractEntity,
    importFile: importContracts,
    async *rows(db, scope) {
      for await (const c of iterateContracts(db, scope, parseListQuery(contractEntity, {}))) {
        yield exportRow(contractEntity, presentContract(c));
      }
    },
  },
};
