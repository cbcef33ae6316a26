import { DynamoDBClient, BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  BatchWriteCommand as DocBatchWrite,
  type BatchWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

const raw = new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 3 });
const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });

const NOTES_TABLE = process.env.NOTES_TABLE ?? 'notes';
const TASKS_TABLE = process.env.TASKS_TABLE ?? 'tasks';
const AUDIT_TABLE = process.env.AUDIT_TABLE ?? 'audit';

export type Note = { noteId: string; title: string; body: string; updatedAt: string };
export type Task = { taskId: string; listId: string; title: string; done: boolean; updatedAt: string };
export type AuditEntry = { entityId: string; at: string; actor: string; action: string };

function chunk<T>(items: T[], size = 25): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Push a device's changed notes to the cloud copy. */
export async function saveNotes(userId: string, notes: Note[]): Promise<void> {
  for (const part of chunk(notes)) {
    await doc.send(new DocBatchWrite({ // expect: no-unchecked-batch-result
      RequestItems: {
        [NOTES_TABLE]: part.map((n) => ({ PutRequest: { Item: { ...n, userId } } })),
      },
    }));
  }
}

export async function saveTasks(userId: string, tasks: Task[]): Promise<void> {
  for (const part of chunk(tasks)) {
    let pending: BatchWriteCommandInput['RequestItems'] | undefined = {
      [TASKS_TABLE]: part.map((t) => ({ PutRequest: { Item: { ...t, userId } } })),
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt === 6) throw new Error(`tasks: ${Object.keys(pending).length} tables still unprocessed`);
      if (attempt > 0) await sleep(2 ** attempt * 50);
      const out = await doc.send(new DocBatchWrite({ RequestItems: pending })); // near-miss: no-unchecked-batch-result (UnprocessedItems retried)
      pending = out.UnprocessedItems;
    }
  }
}

/** Removes notes the user emptied from the trash on any device. */
export async function purgeTrashedNotes(userId: string, noteIds: string[]): Promise<void> {
  for (const ids of chunk(noteIds)) {
    const requests: WriteRequest[] = ids.map((noteId) => ({ DeleteRequest: { Key: marshall({ userId, noteId }) } }));
    const result = await raw.send(new BatchWriteItemCommand({ RequestItems: { [NOTES_TABLE]: requests } })); // expect: no-unchecked-batch-result
    console.log('trash purge batch done', result);
  }
}

export async function writeAuditTrail(entries: AuditEntry[]): Promise<void> {
  for (const part of chunk(entries)) {
    const requests: WriteRequest[] = part.map((e) => ({ PutRequest: { Item: marshall(e) } }));
    const result = await raw.send(new BatchWriteItemCommand({ RequestItems: { [AUDIT_TABLE]: requests } })); // near-miss: no-unchecked-batch-result (UnprocessedItems checked)
    const left = result.UnprocessedItems?.[AUDIT_TABLE]?.length ?? 0;
    if (left > 0) throw new Error(`${left} audit entries were throttled; the caller retries the whole batch`);
  }
}

/** Thin wrapper for the admin tool, which shows UnprocessedItems to the operator. */
export function batchWriteRaw(input: BatchWriteCommandInput) {
  return doc.send(new DocBatchWrite(input)); // near-miss: no-unchecked-batch-result (result returned to the caller)
}
