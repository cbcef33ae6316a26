import type { PoolClient } from 'pg';

/**
 * Orderflow — migration 0042, run by our small runner (`src/db/migrate.ts`),
 * which calls `up(client)` inside a transaction and records the id.
 *
 * Customers get separate address and phone tables (several per customer).
 */
export const id = '0042_split_customer_contact';

async function backupTable(client: PoolClient, table: string): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${table}_backup_0042 AS TABLE ${table}`);
}

export async function up(client: PoolClient): Promise<void> {
  const steps = [
    `CREATE TABLE customer_addresses (
       id bigserial PRIMARY KEY,
       customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
       kind text NOT NULL DEFAULT 'shipping',
       line1 text NOT NULL,
       line2 text,
       postcode text,
       city text NOT NULL,
       country char(2) NOT NULL
     )`,
    `CREATE TABLE customer_phones (
       id bigserial PRIMARY KEY,
       customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
       number text NOT NULL,
       verified boolean NOT NULL DEFAULT false
     )`,
    'INSERT INTO customer_phones (customer_id, number) SELECT id, phone FROM customers WHERE phone IS NOT NULL',
    'ALTER TABLE customers DROP COLUMN phone', // near-miss: no-destructive-migration (copied into customer_phones first)
    'ALTER TABLE customers DROP COLUMN shipping_address', // expect: no-destructive-migration
    'ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_phone_check', // near-miss: no-destructive-migration (constraint, no data)
  ];
  for (const sql of steps) {
    await client.query(sql);
  }

  // Customer notes move to the CRM; keep a full copy of the table first.
  await backupTable(client, 'customer_notes');
  await client.query('DROP TABLE customer_notes'); // near-miss: no-destructive-migration (backupTable helper runs first)

  await client.query(`ALTER TABLE customers ADD COLUMN default_address_id bigint REFERENCES customer_addresses(id)`);
}

export async function down(client: PoolClient): Promise<void> {
  await client.query('ALTER TABLE customers DROP COLUMN default_address_id');
  await client.query('CREATE TABLE customer_notes AS TABLE customer_notes_backup_0042');
  await client.query('ALTER TABLE customers ADD COLUMN phone text, ADD COLUMN shipping_address text');
  await client.query(
    `UPDATE customers c SET phone = p.number FROM (SELECT DISTINCT ON (customer_id) customer_id, number FROM customer_phones ORDER BY customer_id, id) p WHERE p.customer_id = c.id`,
  );
  await client.query('DROP TABLE customer_phones'); // near-miss: no-destructive-migration (down is exempt)
  await client.query('DROP TABLE customer_addresses');
}
