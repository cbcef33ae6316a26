import type { PoolClient } from 'pg';

// Plain-SQL migrations run by our small runner (see db/migrate.ts): each module
// exports `up` and `down`, called inside one transaction.

export const id = '0042_billing_cleanup';

export async function up(client: PoolClient): Promise<void> {
  const statements = [
    `CREATE TABLE billing_webhook_events_v2 (
      id text PRIMARY KEY,
      provider text NOT NULL,
      type text NOT NULL,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz
    )`,
    'CREATE INDEX billing_webhook_events_v2_unprocessed ON billing_webhook_events_v2 (received_at) WHERE processed_at IS NULL',
    // the old table is replaced; the provider can resend recent events on request
    'TRUNCATE TABLE billing_webhook_events', // expect: no-destructive-migration
    "DELETE FROM payment_methods WHERE deleted_at IS NOT NULL AND deleted_at < now() - interval '2 years'", // near-miss: no-destructive-migration (DELETE with a WHERE)
    'ALTER TABLE invoices DROP CONSTRAINT invoices_legacy_customer_fk', // near-miss: no-destructive-migration (constraint)
    'ALTER TABLE invoices ALTER COLUMN memo DROP DEFAULT', // near-miss: no-destructive-migration (default)
    'ALTER TABLE invoices ALTER COLUMN memo DROP NOT NULL', // near-miss: no-destructive-migration (NOT NULL)
    'DROP INDEX IF EXISTS invoices_legacy_number_idx', // near-miss: no-destructive-migration (index)
    'ALTER TABLE invoices ADD COLUMN number_v2 text',
    "UPDATE invoices SET number_v2 = to_char(issued_at, 'YYYY') || '-' || lpad(seq::text, 6, '0')",
  ];
  for (const sql of statements) {
    await client.query(sql);
  }
}

export async function down(client: PoolClient): Promise<void> {
  await client.query('ALTER TABLE invoices DROP COLUMN number_v2'); // near-miss: no-destructive-migration (down is exempt)
  await client.query('CREATE INDEX invoices_legacy_number_idx ON invoices (legacy_number)');
  await client.query("ALTER TABLE invoices ALTER COLUMN memo SET DEFAULT ''");
  await client.query(
    'ALTER TABLE invoices ADD CONSTRAINT invoices_legacy_customer_fk FOREIGN KEY (legacy_customer_id) REFERENCES legacy_customers (id)',
  );
  await client.query('DROP TABLE billing_webhook_events_v2');
}
