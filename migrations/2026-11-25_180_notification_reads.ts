// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Read state per user: a notice addressed to a unit is seen by each of its users, and one of
 * them reading it no longer marks it read for the others. Notices already read keep that
 * state for the addressee, or for every user then in the addressed unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_reads (
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      notification_id integer NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, notification_id)
    );
    CREATE INDEX notification_reads_notification_idx ON notification_reads (notification_id);

    INSERT INTO notification_reads (user_id, notification_id, read_at)
      SELECT n.user_id, n.id, n.read_at FROM notifications n
      WHERE n.read_at IS NOT NULL AND n.user_id IS NOT NULL
      UNION
      SELECT u.id, n.id, n.read_at FROM notifications n JOIN users u ON u.unit_id = n.unit_id
      WHERE n.read_at IS NOT NULL AND n.user_id IS NULL;

    ALTER TABLE notifications DROP COLUMN read_at;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE notifications ADD COLUMN read_at timestamptz;
    UPDATE notifications n SET read_at = r.at
      FROM (SELECT notification_id, min(read_at) AS at FROM notification_reads
            GROUP BY notification_id) r
      WHERE r.notification_id = n.id;
    DROP TABLE notification_reads;
  `.execute(db);
}
