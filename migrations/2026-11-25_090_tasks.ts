// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * 督查督办: supervised tasks handed to a lead unit and cooperating units, with milestones,
 * a dated history of status moves, progress reports and in-product notifications. Also the
 * admin-editable working-day overrides for the Chinese holiday calendar.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_overrides (
      date date PRIMARY KEY,
      is_workday boolean NOT NULL,
      note text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE tasks (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      title text NOT NULL,
      content text,
      source text NOT NULL CHECK (source IN
        ('年度工作要点', '领导批示', '人大代表建议', '政协提案', '上级交办', '其他')),
      source_doc text,
      lead_unit_id integer NOT NULL REFERENCES units(id),
      leader text,
      assigned_on date NOT NULL,
      deadline_kind text NOT NULL CHECK (deadline_kind IN ('date', 'workdays')),
      deadline_workdays integer CHECK (deadline_workdays IS NULL OR deadline_workdays > 0),
      original_due_on date NOT NULL,
      due_on date NOT NULL,
      remind_workdays integer NOT NULL DEFAULT 3 CHECK (remind_workdays >= 0),
      status text NOT NULL DEFAULT '待签收' CHECK (status IN
        ('待签收', '办理中', '申请延期', '申请办结', '已办结', '逾期办结', '已销号')),
      signed_by integer REFERENCES users(id) ON DELETE SET NULL,
      signed_by_name text,
      signed_at timestamptz,
      requested_due_on date,
      request_reason text,
      closing_report text,
      closing_requested_on date,
      completed_on date,
      outcome text CHECK (outcome IS NULL OR outcome IN ('按期', '逾期')),
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (due_on >= assigned_on)
    );
    CREATE INDEX tasks_region_path_idx ON tasks (region_path text_pattern_ops);
    CREATE INDEX tasks_lead_unit_idx ON tasks (lead_unit_id);

    CREATE TABLE task_units (
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      unit_id integer NOT NULL REFERENCES units(id),
      region_path text NOT NULL,
      PRIMARY KEY (task_id, unit_id)
    );
    CREATE INDEX task_units_unit_idx ON task_units (unit_id);

    CREATE TABLE task_milestones (
      id serial PRIMARY KEY,
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      title text NOT NULL,
      due_on date NOT NULL,
      done_on date,
      sort integer NOT NULL DEFAULT 0
    );
    CREATE INDEX task_milestones_task_idx ON task_milestones (task_id);

    CREATE TABLE task_transitions (
      id serial PRIMARY KEY,
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      occurred_on date NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      user_id integer REFERENCES users(id) ON DELETE SET NULL,
      user_name text,
      note text
    );
    CREATE INDEX task_transitions_task_idx ON task_transitions (task_id);

    CREATE TABLE task_progress (
      id serial PRIMARY KEY,
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      unit_id integer NOT NULL REFERENCES units(id),
      reported_on date NOT NULL,
      text text NOT NULL,
      percent integer CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
      user_id integer REFERENCES users(id) ON DELETE SET NULL,
      user_name text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX task_progress_task_idx ON task_progress (task_id);

    CREATE TABLE notifications (
      id serial PRIMARY KEY,
      region_path text NOT NULL,
      user_id integer REFERENCES users(id) ON DELETE CASCADE,
      unit_id integer REFERENCES units(id) ON DELETE CASCADE,
      kind text NOT NULL,
      task_id integer REFERENCES tasks(id) ON DELETE CASCADE,
      text text NOT NULL,
      dedupe_key text UNIQUE,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (user_id IS NOT NULL OR unit_id IS NOT NULL)
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX notifications_unit_idx ON notifications (unit_id) WHERE unit_id IS NOT NULL;
  `.execute(db);
}
