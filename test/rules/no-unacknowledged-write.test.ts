import { noUnacknowledgedWrite } from '../../rules/no-unacknowledged-write';
import { runRuleTests } from '../support/rule-tester';

const MONGO = `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://db:27017/app');\n`;

runRuleTests(noUnacknowledgedWrite, {
  valid: [
    { name: 'Dexie strict durability through super()', code: `import Dexie from 'dexie';\nexport class AppDb extends Dexie {\n  constructor() {\n    super('app', { chromeTransactionDurability: 'strict' });\n  }\n}` },
    { name: 'majority write concern', code: `${MONGO}export async function f(d: object) {\n  await client.db('app').collection('c').insertOne(d, { writeConcern: { w: 'majority', j: true } });\n}` },
    { name: 'w: 1 is acknowledged', code: `${MONGO}export async function f(d: object) {\n  await client.db('app').collection('c').insertOne(d, { w: 1 });\n}` },
    { name: 'w from configuration', code: `${MONGO}export async function f(d: object, w: number) {\n  await client.db('app').collection('c').insertOne(d, { w });\n}` },
    { name: 'w: 0 outside MongoDB is a size', code: `export const box = { w: 0, h: 0 };\nexport function draw(ctx: { rect(o: object): void }) {\n  ctx.rect({ x: 1, w: 0 });\n}` },
    { name: 'j: false outside MongoDB', code: `export function move(pad: { press(o: object): void }) {\n  pad.press({ j: false, k: true });\n}` },
    { name: 'connection string with majority', code: `export const url = 'mongodb+srv://cluster.example.net/app?retryWrites=true&w=majority';` },
    { name: 'a query string that is not MongoDB', code: `export const url = 'https://example.com/render?w=0&journal=false';` },
    { name: 'kafkajs acks: -1', code: `import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: [] }).producer();\nexport async function f() {\n  await producer.send({ topic: 't', acks: -1, messages: [] });\n}` },
    { name: 'acks: 0 on something that is not a producer send', code: `export function f(report: { send(o: object): void }) {\n  report.send({ acks: 0, title: 'done' });\n}` },
    { name: 'SQLite WAL with synchronous NORMAL', code: `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\ndb.pragma('journal_mode = WAL');\ndb.pragma('synchronous = NORMAL');` },
    { name: 'bulk load restores synchronous', code: `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nexport function load(rows: unknown[]) {\n  db.exec('PRAGMA synchronous = OFF');\n  for (const r of rows) db.prepare('INSERT INTO t VALUES (?)').run(r);\n  db.exec('PRAGMA synchronous = FULL');\n}` },
    { name: 'in-memory database', code: `import Database from 'better-sqlite3';\nconst db = new Database(':memory:');\ndb.pragma('journal_mode = OFF');\ndb.pragma('synchronous = OFF');` },
    { name: 'a read-only database', code: `import Database from 'better-sqlite3';\nconst db = new Database('cities.db', { readonly: true, fileMustExist: true });\ndb.pragma('journal_mode = OFF');\ndb.pragma('synchronous = OFF');` },
    { name: 'an import script fills a database it can rebuild', filename: 'import-stocks.mjs', code: `import Database from 'better-sqlite3';\nconst db = new Database('stocks.db');\ndb.pragma('synchronous = OFF');\nasync function main() {\n  db.prepare('INSERT INTO t VALUES (1)').run();\n}\nmain().catch(() => process.exit(1));` },
    { name: 'reading a pragma', code: `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nexport const mode = db.pragma('journal_mode', { simple: true });` },
    { name: 'synchronous_commit on / local', code: `export async function f(pool: { query(s: string): Promise<unknown> }) {\n  await pool.query('SET synchronous_commit = local');\n  await pool.query("SET synchronous_commit TO 'on'");\n}` },
    { name: 'a log line that mentions the setting', code: `export function f() {\n  console.log('refusing to set synchronous_commit = off in production');\n}` },
    { name: 'Redis appendonly yes', code: `import { createClient } from 'redis';\nconst redis = createClient();\nexport async function f() {\n  await redis.configSet('appendonly', 'yes');\n  await redis.configSet('save', '3600 1');\n}` },
    { name: 'IndexedDB strict durability', code: `export function f(db: IDBDatabase) {\n  return db.transaction(['notes'], 'readwrite', { durability: 'strict' });\n}` },
    { name: 'relaxed IndexedDB with the check off', options: { checkIndexedDbDurability: false }, code: `export function f(db: IDBDatabase) {\n  return db.transaction(['notes'], 'readwrite', { durability: 'relaxed' });\n}` },
    { name: 'durability key elsewhere', code: `export const plan = { durability: 'relaxed', name: 'cheap' };` },
  ],
  invalid: [
    {
      name: 'w: 0 in insert options',
      code: `${MONGO}export async function f(events: object[]) {\n  await client.db('app').collection('events').insertMany(events, { w: 0 });\n}`,
      errors: [{ messageId: 'mongoUnacknowledged', line: 4 }],
      output: `${MONGO}export async function f(events: object[]) {\n  await client.db('app').collection('events').insertMany(events, { w: 'majority' });\n}`,
    },
    {
      name: 'writeConcern held in a const',
      code: `${MONGO}const fast = { writeConcern: { w: 0, j: false } };\nexport async function f(d: object) {\n  await client.db('app').collection('c').updateOne({}, { $set: d }, fast);\n}`,
      errors: [{ messageId: 'mongoUnacknowledged', line: 3 }, { messageId: 'mongoUnjournaled', line: 3 }],
      output: `${MONGO}const fast = { writeConcern: { w: 'majority', j: true } };\nexport async function f(d: object) {\n  await client.db('app').collection('c').updateOne({}, { $set: d }, fast);\n}`,
    },
    {
      name: 'client options and connection string',
      code: `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db:27017/app?retryWrites=true&w=0', { journal: false });`,
      errors: [{ messageId: 'mongoUriUnacknowledged', line: 2 }, { messageId: 'mongoUnjournaled', line: 2 }],
      output: `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db:27017/app?retryWrites=true&w=majority', { journal: true });`,
    },
    {
      name: 'journal=false in a URI constant',
      code: `export const MONGO_URL = 'mongodb+srv://cluster.example.net/app?journal=false';`,
      errors: [{ messageId: 'mongoUriUnjournaled', line: 1 }],
      output: `export const MONGO_URL = 'mongodb+srv://cluster.example.net/app?journal=true';`,
    },
    {
      name: 'mongoose connect',
      code: `import mongoose from 'mongoose';\nexport function connect(url: string) {\n  return mongoose.connect(url, { w: 0 });\n}`,
      errors: [{ messageId: 'mongoUnacknowledged', line: 3 }],
      output: `import mongoose from 'mongoose';\nexport function connect(url: string) {\n  return mongoose.connect(url, { w: 'majority' });\n}`,
    },
    {
      name: 'new WriteConcern(0)',
      code: `import { WriteConcern } from 'mongodb';\nexport const fireAndForget = new WriteConcern(0);`,
      errors: [{ messageId: 'mongoUnacknowledged', line: 2 }],
      output: `import { WriteConcern } from 'mongodb';\nexport const fireAndForget = new WriteConcern('majority');`,
    },
    {
      name: 'kafkajs acks: 0',
      code: `import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: [] }).producer();\nexport async function f(value: string) {\n  await producer.send({ topic: 'orders', acks: 0, messages: [{ value }] });\n}`,
      errors: [{ messageId: 'kafkaNoAcks', line: 4 }],
      output: `import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: [] }).producer();\nexport async function f(value: string) {\n  await producer.send({ topic: 'orders', acks: -1, messages: [{ value }] });\n}`,
    },
    {
      name: 'a producer of unknown origin, recognised by the message shape',
      code: `export async function f(producer: { send(o: object): Promise<void> }) {\n  await producer.send({ topic: 'orders', messages: [], acks: 0 });\n}`,
      errors: [{ messageId: 'kafkaNoAcks', line: 2 }],
      output: `export async function f(producer: { send(o: object): Promise<void> }) {\n  await producer.send({ topic: 'orders', messages: [], acks: -1 });\n}`,
    },
    {
      name: 'node-rdkafka producer config',
      code: `declare const Kafka: any;\nexport const producer = new Kafka.Producer({ 'metadata.broker.list': 'kafka:9092', 'request.required.acks': 0 });`,
      errors: [{ messageId: 'kafkaNoAcks', line: 2 }],
      output: `declare const Kafka: any;\nexport const producer = new Kafka.Producer({ 'metadata.broker.list': 'kafka:9092', 'request.required.acks': -1 });`,
    },
    {
      name: 'better-sqlite3 pragmas',
      code: `import Database from 'better-sqlite3';\nexport const db = new Database('app.db');\ndb.pragma('journal_mode = MEMORY');\ndb.pragma('synchronous = OFF');`,
      errors: [
        { messageId: 'sqliteJournalOff', line: 3, suggestions: [{ messageId: 'suggestValue', output: `import Database from 'better-sqlite3';\nexport const db = new Database('app.db');\ndb.pragma('journal_mode = WAL');\ndb.pragma('synchronous = OFF');` }] },
        { messageId: 'sqliteSynchronousOff', line: 4, suggestions: [{ messageId: 'suggestValue', output: `import Database from 'better-sqlite3';\nexport const db = new Database('app.db');\ndb.pragma('journal_mode = MEMORY');\ndb.pragma('synchronous = FULL');` }] },
      ],
    },
    {
      name: 'PRAGMA strings through exec (sqlite3, expo-sqlite)',
      code: `import * as SQLite from 'expo-sqlite';\nexport async function open() {\n  const db = await SQLite.openDatabaseAsync('app.db');\n  await db.execAsync('PRAGMA journal_mode = OFF; PRAGMA foreign_keys = ON;');\n  return db;\n}`,
      errors: [{ messageId: 'sqliteJournalOff', line: 4 }],
    },
    {
      name: 'turned off and never back on',
      code: `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nexport function load(rows: unknown[]) {\n  db.pragma('synchronous = 0');\n  for (const r of rows) db.prepare('INSERT INTO t VALUES (?)').run(r);\n}`,
      errors: [{ messageId: 'sqliteSynchronousOff', line: 4 }],
    },
    {
      name: 'Postgres SET and connection options',
      code: `import { Pool } from 'pg';\nexport const pool = new Pool({ options: '-c synchronous_commit=off' });\nexport async function f() {\n  await pool.query("SET LOCAL synchronous_commit TO 'off'");\n}`,
      errors: [{ messageId: 'pgAsyncCommit', line: 2 }, { messageId: 'pgAsyncCommit', line: 4, suggestions: [{ messageId: 'suggestValue', output: `import { Pool } from 'pg';\nexport const pool = new Pool({ options: '-c synchronous_commit=off' });\nexport async function f() {\n  await pool.query("SET LOCAL synchronous_commit TO 'on'");\n}` }] }],
    },
    {
      name: 'Redis persistence turned off, three ways',
      code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f() {\n  await redis.config('SET', 'appendonly', 'no');\n  await redis.call('CONFIG', 'SET', 'save', '');\n  await (redis as any).configSet({ appendonly: 'no' });\n}`,
      errors: [
        { messageId: 'redisAppendOnlyOff', line: 4, suggestions: [{ messageId: 'suggestValue', output: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f() {\n  await redis.config('SET', 'appendonly', 'yes');\n  await redis.call('CONFIG', 'SET', 'save', '');\n  await (redis as any).configSet({ appendonly: 'no' });\n}` }] },
        { messageId: 'redisSnapshotsOff', line: 5 },
        { messageId: 'redisAppendOnlyOff', line: 6 },
      ],
    },
    {
      name: 'IndexedDB relaxed durability',
      code: `export function save(db: IDBDatabase, draft: object) {\n  db.transaction('drafts', 'readwrite', { durability: 'relaxed' }).objectStore('drafts').put(draft);\n}`,
      errors: [{ messageId: 'idbRelaxed', line: 2, suggestions: [{ messageId: 'suggestValue', output: `export function save(db: IDBDatabase, draft: object) {\n  db.transaction('drafts', 'readwrite', { durability: 'strict' }).objectStore('drafts').put(draft);\n}` }] }],
    },
    {
      name: 'Dexie chromeTransactionDurability in a subclass constructor',
      code: `import Dexie from 'dexie';\nexport class AppDb extends Dexie {\n  constructor() {\n    super('app', { chromeTransactionDurability: 'relaxed' });\n  }\n}`,
      errors: [{ messageId: 'idbRelaxed', line: 4 }],
    },
    {
      name: 'Dexie chromeTransactionDurability',
      code: `import Dexie from 'dexie';\nexport const db = new Dexie('app', { chromeTransactionDurability: 'relaxed' });`,
      errors: [{ messageId: 'idbRelaxed', line: 2 }],
    },
  ],
});
