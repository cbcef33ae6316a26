import pg from 'pg';
import type { PoolClient } from 'pg';

const { Pool } = pg;

export const pool = new Pool({
  connectionString: process.env.ORDERS_DATABASE_URL,
  max: 20,
  statement_timeout: 15_000,
  application_name: 'orderflow-api',
});

/** Read replica for dashboards; it never writes. */
export const replicaPool = new Pool({
  connectionString: process.env.ORDERS_REPLICA_URL,
  max: 10,
  options: '-c default_transaction_read_only=on -c statement_timeout=30000',
});

export type OrderRow = {
  id: string;
  merchantId: string;
  customerEmail: string;
  totalCents: number;
  currency: string;
  status: string;
  placedAt: Date;
};

async function inTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export function insertOrder(order: OrderRow): Promise<void> {
  return inTransaction(async (client) => {
    await client.query(
      `INSERT INTO orders (id, merchant_id, customer_email, total_cents, currency, status, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [order.id, order.merchantId, order.customerEmail, order.totalCents, order.currency, order.status, order.placedAt],
    );
  });
}

/**
 * Merchant CSV import: tens of thousands of historical orders. Commit
 * latency dominated, so the import turns off waiting for the WAL flush.
 */
export function importOrders(orders: OrderRow[]): Promise<number> {
  return inTransaction(async (client) => {
    await client.query('SET LOCAL synchronous_commit = off'); // expect: no-unacknowledged-write
    let inserted = 0;
    for (const o of orders) {
      const res = await client.query(
        `INSERT INTO orders (id, merchant_id, customer_email, total_cents, currency, status, placed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [o.id, o.merchantId, o.customerEmail, o.totalCents, o.currency, o.status, o.placedAt],
      );
      inserted += res.rowCount ?? 0;
    }
    return inserted;
  });
}

/**
 * Refund import from the payment provider: also bulk, but it only skips
 * waiting for the synchronous standby, not for the local disk.
 */
export function importRefunds(refunds: Array<{ orderId: string; amountCents: number; at: Date }>): Promise<void> {
  return inTransaction(async (client) => {
    await client.query('SET LOCAL synchronous_commit = local'); // near-miss: no-unacknowledged-write (local still waits for the local WAL flush)
    for (const r of refunds) {
      await client.query('INSERT INTO refunds (order_id, amount_cents, refunded_at) VALUES ($1, $2, $3)', [
        r.orderId,
        r.amountCents,
        r.at,
      ]);
    }
  });
}

export async function ordersForMerchant(merchantId: string, limit = 50): Promise<OrderRow[]> {
  const { rows } = await replicaPool.query<OrderRow>(
    'SELECT * FROM orders WHERE merchant_id = $1 ORDER BY placed_at DESC LIMIT $2',
    [merchantId, limit],
  );
  return rows;
}
