import { DynamoDBClient, BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { S3Client, DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderRow } from '../db/orderRepo';

/**
 * Nightly job: copies closed orders from Postgres into the DynamoDB order
 * archive that the merchant dashboard reads, and maintains the S3 export
 * folder of invoices.
 */
const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });
const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ region: process.env.AWS_REGION });

const ARCHIVE_TABLE = process.env.ORDER_ARCHIVE_TABLE ?? 'order-archive';
const LINE_TABLE = process.env.ORDER_LINES_TABLE ?? 'order-lines';
const INVOICE_BUCKET = process.env.INVOICE_BUCKET ?? 'orderflow-invoices';

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function archiveOrders(orders: OrderRow[]): Promise<void> {
  for (const batch of chunk(orders, 25)) {
    const requests: WriteRequest[] = batch.map((o) => ({
      PutRequest: { Item: marshall({ pk: `MERCHANT#${o.merchantId}`, sk: `ORDER#${o.id}`, ...o, placedAt: o.placedAt.toISOString() }) },
    }));
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [ARCHIVE_TABLE]: requests } })); // expect: no-unchecked-batch-result
  }
}

export async function archiveOrderLines(lines: Array<{ orderId: string; sku: string; qty: number; priceCents: number }>): Promise<void> {
  for (const batch of chunk(lines, 25)) {
    const result = await doc.send(new BatchWriteCommand({ // expect: no-unchecked-batch-result
      RequestItems: {
        [LINE_TABLE]: batch.map((l) => ({ PutRequest: { Item: { pk: `ORDER#${l.orderId}`, sk: `SKU#${l.sku}`, ...l } } })),
      },
    }));
    console.log('archived order lines', { count: batch.length, metadata: result.$metadata });
  }
}

/**
 * The refunds archive was written later, after the throttling incident:
 * unprocessed items are retried with backoff and the job fails if they stay.
 */
export async function archiveRefunds(refunds: Array<{ orderId: string; amountCents: number; at: string }>): Promise<void> {
  for (const batch of chunk(refunds, 25)) {
    let pending: Record<string, any[]> | undefined = {
      [ARCHIVE_TABLE]: batch.map((r) => ({ PutRequest: { Item: { pk: `ORDER#${r.orderId}`, sk: `REFUND#${r.at}`, ...r } } })),
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt === 6) throw new Error(`refund archive: items still unprocessed after ${attempt} attempts`);
      if (attempt > 0) await sleep(2 ** attempt * 100);
      const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: pending })); // near-miss: no-unchecked-batch-result (UnprocessedItems retried)
      pending = UnprocessedItems;
    }
  }
}

/** Returned to the caller, which decides what to do with leftovers. */
export function archiveBatchRaw(requests: Record<string, WriteRequest[]>) {
  return ddb.send(new BatchWriteItemCommand({ RequestItems: requests })); // near-miss: no-unchecked-batch-result (result returned to the caller)
}

// ---------------------------------------------------------------------------
// Invoice exports in S3
// ---------------------------------------------------------------------------

export async function exportInvoice(orderId: string, pdf: Uint8Array): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: INVOICE_BUCKET, Key: `exports/${orderId}.pdf`, Body: pdf, ContentType: 'application/pdf' }));
}

/** Old export PDFs are regenerated on demand; the job prunes them. */
export async function pruneExports(keys: string[]): Promise<void> {
  for (const batch of chunk(keys, 1000)) {
    await s3.send(new DeleteObjectsCommand({ // near-miss: no-unchecked-batch-result (deletions only reported with reportDeletions)
      Bucket: INVOICE_BUCKET,
      Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
    }));
  }
}
