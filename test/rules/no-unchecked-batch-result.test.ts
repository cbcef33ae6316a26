import { noUncheckedBatchResult } from '../../rules/no-unchecked-batch-result';
import { runRuleTests } from '../support/rule-tester';

const DDB = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';\nconst ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n`;
const S3 = `import { S3Client, DeleteObjectsCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\n`;
const POUCH = `import PouchDB from 'pouchdb';\nconst db = new PouchDB('notes');\n`;

runRuleTests(noUncheckedBatchResult, {
  valid: [
    { name: 'synthesised CDK asset bundles are build output', filename: 'test/integ.bucket.js.snapshot/asset.1f2e/index.js', code: `const { S3 } = require('@aws-sdk/client-s3');\nconst s3 = new S3({});\nexports.handler = async (keys) => {\n  await s3.deleteObjects({ Bucket: 'b', Delete: { Objects: keys } });\n};` },
    { name: 'retry loop reads UnprocessedItems', code: `${DDB}export async function f(items: any) {\n  let pending = items;\n  while (pending && Object.keys(pending).length > 0) {\n    const res = await ddb.send(new BatchWriteCommand({ RequestItems: pending }));\n    pending = res.UnprocessedItems;\n  }\n}` },
    { name: 'destructured', code: `${DDB}export async function f(items: any) {\n  const { UnprocessedItems } = await ddb.send(new BatchWriteCommand({ RequestItems: items }));\n  if (UnprocessedItems && Object.keys(UnprocessedItems).length) throw new Error('retry');\n}` },
    { name: 'returned to the caller', code: `${DDB}export function f(items: any) {\n  return ddb.send(new BatchWriteCommand({ RequestItems: items }));\n}` },
    { name: 'handed to a retry helper', code: `${DDB}declare function retryUnprocessed(r: unknown): Promise<void>;\nexport async function f(items: any) {\n  const res = await ddb.send(new BatchWriteCommand({ RequestItems: items }));\n  await retryUnprocessed(res);\n}` },
    { name: 'a command held in a const, result checked', code: `${DDB}export async function f(items: any) {\n  const command = new BatchWriteCommand({ RequestItems: items });\n  const out = await ddb.send(command);\n  return Object.keys(out.UnprocessedItems ?? {}).length === 0;\n}` },
    { name: 'other commands are not batches', code: `${DDB}import { PutCommand } from '@aws-sdk/lib-dynamodb';\nexport async function f(Item: any) {\n  await ddb.send(new PutCommand({ TableName: 't', Item }));\n}` },
    { name: 'a BatchWriteCommand of another library', code: `import { BatchWriteCommand, execute } from 'dynamodb-toolbox';\ndeclare const client: { send(c: unknown): Promise<unknown> };\nexport async function f() {\n  await client.send(new BatchWriteCommand());\n}` },
    { name: 'SDK v2 with .promise(), checked', code: `declare const docClient: any;\nexport async function f(params: any) {\n  const data = await docClient.batchWrite(params).promise();\n  if (data.UnprocessedItems && Object.keys(data.UnprocessedItems).length) throw new Error('unprocessed');\n}` },
    { name: 'SDK v2 callback that reads UnprocessedItems', code: `declare const docClient: any;\nexport function f(params: any, done: (e?: unknown) => void) {\n  docClient.batchWrite(params, (err: unknown, data: any) => {\n    if (err) return done(err);\n    if (Object.keys(data.UnprocessedItems).length) return done(new Error('unprocessed'));\n    done();\n  });\n}` },
    { name: 'S3 Errors read', code: `${S3}export async function f(Objects: { Key: string }[]) {\n  const out = await s3.send(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects } }));\n  if (out.Errors?.length) throw new Error('some objects remain');\n}` },
    { name: 'PouchDB results inspected', code: `${POUCH}export async function f(docs: any[]) {\n  const results = await db.bulkDocs(docs);\n  for (const r of results) if ('error' in r) throw new Error(r.message);\n}` },
    { name: 'PouchDB results filtered', code: `${POUCH}export async function f(docs: any[]) {\n  const results = await db.bulkDocs(docs);\n  return results.filter((r: any) => r.error).length;\n}` },
    { name: 'RxDB bulkInsert error read', code: `import { createRxDatabase } from 'rxdb';\nexport async function f(docs: any[]) {\n  const db = await createRxDatabase({ name: 'x', storage: {} as any });\n  const { error } = await db.todos.bulkInsert(docs);\n  if (error.length) throw new Error('not saved');\n}` },
    { name: 'bulkInsert of Sequelize throws on failure', code: `export async function up(queryInterface: any) {\n  await queryInterface.bulkInsert('Users', [{ name: 'a' }]);\n}` },
    { name: 'unordered insertMany whose failure propagates', code: `export async function f(coll: any, docs: any[]) {\n  await coll.insertMany(docs, { ordered: false });\n}` },
    { name: 'unordered insertMany, handler reads writeErrors', code: `export async function f(coll: any, docs: any[]) {\n  try {\n    await coll.insertMany(docs, { ordered: false });\n  } catch (e: any) {\n    const failed = (e.writeErrors ?? []).filter((w: any) => w.code !== 11000);\n    if (failed.length) throw e;\n  }\n}` },
    { name: 'unordered insertMany, handler rethrows', code: `export async function f(coll: any, docs: any[]) {\n  try {\n    await coll.insertMany(docs, { ordered: false });\n  } catch (e) {\n    console.error(e);\n    throw e;\n  }\n}` },
    { name: 'ordered insertMany is all-or-stop', code: `export async function f(coll: any, docs: any[]) {\n  try { await coll.insertMany(docs); } catch { /* retried by the job */ }\n}` },
    { name: 'allSettled failures singled out', code: `export async function f(notes: any[], save: (n: any) => Promise<void>) {\n  const results = await Promise.allSettled(notes.map((n) => save(n)));\n  const failed = results.filter((r) => r.status === 'rejected');\n  if (failed.length) throw new Error(String(failed.length));\n}` },
    { name: 'allSettled results reduced with !== fulfilled', code: `export async function f(notes: any[], save: (n: any) => Promise<void>) {\n  const results = await Promise.allSettled(notes.map(save));\n  return results.some((r) => r.status !== 'fulfilled');\n}` },
    { name: 'allSettled results returned', code: `export async function f(notes: any[], upload: (n: any) => Promise<void>) {\n  const results = await Promise.allSettled(notes.map(upload));\n  return results;\n}` },
    { name: 'allSettled over reads', code: `export async function f(urls: string[]) {\n  await Promise.allSettled(urls.map((u) => fetch(u)));\n  const pages = await Promise.allSettled(urls.map((u) => loadPage(u)));\n  return pages.length;\n}\ndeclare function loadPage(u: string): Promise<string>;` },
    {
      name: 'allSettled over account deletions keeping only the fulfilled results',
      code: `declare function deleteAccount(id: string): Promise<string>;\nexport async function purge(ids: string[]) {\n  const results = await Promise.allSettled(ids.map((id) => deleteAccount(id)));\n  return results.filter((r) => r.status === 'fulfilled').length;\n}`,
    },
    {
      name: 'allSettled over lookups that may cache on the way',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nasync function getDescriptor(p: string) {\n  const d = { path: p, at: Date.now() };\n  await AsyncStorage.setItem('descriptor:' + p, JSON.stringify(d));\n  return d;\n}\nexport async function readAll(paths: string[]) {\n  const results = await Promise.allSettled(paths.map((p) => getDescriptor(p)));\n  console.log(results.length);\n}`,
    },
  ],
  invalid: [
    { name: "allSettled over fetch POSTs: a name starting with a read word does not hide the writes", code: "export async function up(notes: string[]) {\n  const results = await Promise.allSettled(notes.map((body) => fetch('/api/notes', { method: 'POST', body })));\n  console.log(results.length);\n}", errors: [{messageId: "allSettledUnchecked",line: 2}] },
    {
      name: 'a batch command imported under another name',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, BatchWriteCommand as DocBatchWrite } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nexport async function saveNotes(notes: object[]) {\n  await doc.send(new DocBatchWrite({ RequestItems: { notes: notes.map((Item) => ({ PutRequest: { Item } })) } }));\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 5, messageIncludes: 'BatchWriteCommand' }],
    },
    {
      name: 'awaited and discarded: suggestion keeps and checks it',
      code: `${DDB}export async function f(items: any) {\n  await ddb.send(new BatchWriteCommand({ RequestItems: items }));\n}`,
      errors: [
        {
          messageId: 'dynamoUnprocessed',
          line: 5,
          suggestions: [{ messageId: 'suggestCheck', output: `${DDB}export async function f(items: any) {\n  const result = await ddb.send(new BatchWriteCommand({ RequestItems: items }));\n  if (result.UnprocessedItems && Object.keys(result.UnprocessedItems).length > 0) throw new Error('Batch write left unprocessed items');\n}` }],
        },
      ],
    },
    {
      name: 'kept but only logged',
      code: `${DDB}export async function f(items: any) {\n  const res = await ddb.send(new BatchWriteCommand({ RequestItems: items }));\n  console.log('written', res);\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 5, suggestions: [] }],
    },
    {
      name: 'destructured without UnprocessedItems',
      code: `${DDB}export async function f(items: any) {\n  const { ConsumedCapacity } = await ddb.send(new BatchWriteCommand({ RequestItems: items, ReturnConsumedCapacity: 'TOTAL' }));\n  return ConsumedCapacity;\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 5 }],
    },
    {
      name: 'chunks in Promise.all, results discarded',
      code: `${DDB}export async function f(chunks: any[]) {\n  await Promise.all(chunks.map((c) => ddb.send(new BatchWriteCommand({ RequestItems: c }))));\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 5 }],
    },
    {
      name: 'client-dynamodb command',
      code: `import { DynamoDBClient, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport async function f(RequestItems: any) {\n  await client.send(new BatchWriteItemCommand({ RequestItems }));\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 4, messageIncludes: 'BatchWriteItemCommand' }],
    },
    {
      name: 'SDK v2 DocumentClient with .promise()',
      code: `declare const docClient: any;\nexport async function f(params: any) {\n  await docClient.batchWrite(params).promise();\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 3 }],
    },
    {
      name: 'SDK v2 callback ignoring the data',
      code: `declare const docClient: any;\nexport function f(params: any, done: (e?: unknown) => void) {\n  docClient.batchWrite(params, (err: unknown) => done(err));\n}`,
      errors: [{ messageId: 'dynamoUnprocessed', line: 3 }],
    },
    {
      name: 'S3 DeleteObjects whose Errors are never read',
      code: `${S3}export async function f(Objects: { Key: string }[]) {\n  await s3.send(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects } }));\n}`,
      errors: [
        {
          messageId: 's3DeleteErrors',
          line: 4,
          suggestions: [{ messageId: 'suggestCheck', output: `${S3}export async function f(Objects: { Key: string }[]) {\n  const result = await s3.send(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects } }));\n  if (result.Errors && result.Errors.length > 0) throw new Error(\`\${result.Errors.length} objects were not deleted\`);\n}` }],
        },
      ],
    },
    {
      name: 'PouchDB bulkDocs discarded',
      code: `${POUCH}export async function f(docs: any[], clearOutbox: () => void) {\n  await db.bulkDocs(docs);\n  clearOutbox();\n}`,
      errors: [{ messageId: 'pouchItemErrors', line: 4 }],
    },
    {
      name: 'PouchDB results only counted',
      code: `${POUCH}export async function f(docs: any[]) {\n  const results = await db.bulkDocs(docs);\n  console.log(results.length);\n}`,
      errors: [{ messageId: 'pouchItemErrors', line: 4 }],
    },
    {
      name: 'RxDB bulkInsert success only',
      code: `import { createRxDatabase } from 'rxdb';\nexport async function f(docs: any[]) {\n  const db = await createRxDatabase({ name: 'x', storage: {} as any });\n  const { success } = await db.todos.bulkInsert(docs);\n  return success.length;\n}`,
      errors: [{ messageId: 'rxdbItemErrors', line: 4 }],
    },
    {
      name: 'unordered insertMany with a catch that only checks the code',
      code: `export async function f(coll: any, docs: any[]) {\n  try {\n    await coll.insertMany(docs, { ordered: false });\n  } catch (e: any) {\n    if (e.code !== 11000) throw e;\n  }\n}`,
      errors: [{ messageId: 'mongoUnordered', line: 3 }],
    },
    {
      name: 'unordered bulkWrite with .catch that logs',
      code: `export function f(coll: any, ops: any[]) {\n  return coll.bulkWrite(ops, { ordered: false }).catch((e: unknown) => console.warn(e));\n}`,
      errors: [{ messageId: 'mongoUnordered', line: 2, messageIncludes: 'bulkWrite' }],
    },
    {
      name: 'allSettled discarded: suggestion collects failures',
      code: `export async function f(notes: any[], save: (n: any) => Promise<void>) {\n  await Promise.allSettled(notes.map((n) => save(n)));\n}`,
      errors: [
        {
          messageId: 'allSettledUnchecked',
          line: 2,
          suggestions: [{ messageId: 'suggestCheck', output: `export async function f(notes: any[], save: (n: any) => Promise<void>) {\n  const results = await Promise.allSettled(notes.map((n) => save(n)));\n  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');\n  if (failures.length > 0) throw new AggregateError(failures.map((f) => f.reason), 'Some writes failed');\n}` }],
        },
      ],
    },
    {
      name: 'allSettled with only fulfilled results used',
      code: `export async function f(files: any[], upload: (f: any) => Promise<string>) {\n  const results = await Promise.allSettled(files.map(upload));\n  return results.filter((r) => r.status === 'fulfilled').length > 0 ? 'ok' : 'none';\n}`,
      errors: [{ messageId: 'allSettledUnchecked', line: 2 }],
    },
    {
      name: 'allSettled over a list of pushed writes',
      filename: 'file.js',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function f(entries) {\n  const pending = [];\n  for (const [k, v] of entries) pending.push(AsyncStorage.setItem(k, v));\n  await Promise.allSettled(pending);\n}`,
      errors: [
        {
          messageId: 'allSettledUnchecked',
          line: 5,
          suggestions: [{ messageId: 'suggestCheck', output: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function f(entries) {\n  const pending = [];\n  for (const [k, v] of entries) pending.push(AsyncStorage.setItem(k, v));\n  const results = await Promise.allSettled(pending);\n  const failures = results.filter((r) => r.status === 'rejected');\n  if (failures.length > 0) throw new AggregateError(failures.map((f) => f.reason), 'Some writes failed');\n}` }],
        },
      ],
    },
    {
      name: 'allSettled over deletions with reportDeletions',
      code: `declare function deleteAccount(id: string): Promise<string>;\nexport async function purge(ids: string[]) {\n  const results = await Promise.allSettled(ids.map((id) => deleteAccount(id)));\n  return results.filter((r) => r.status === 'fulfilled').length;\n}`,
      options: { reportDeletions: true },
      errors: [{ messageId: 'allSettledUnchecked', line: 3 }],
    },
    {
      name: 'allSettled over a helper that saves, results never filtered',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nasync function storeDescriptor(p: string) {\n  await AsyncStorage.setItem('descriptor:' + p, JSON.stringify({ path: p }));\n}\nexport async function saveAll(paths: string[]) {\n  const results = await Promise.allSettled(paths.map((p) => storeDescriptor(p)));\n  console.log(results.length);\n}`,
      errors: [{ messageId: 'allSettledUnchecked', line: 6 }],
    },
  ],
});
