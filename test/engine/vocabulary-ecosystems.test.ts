/**
 * The server-database, embedded-database, cloud-storage and infrastructure vocabulary:
 * each case is a typical way to reach the API and the class it must get (or none:
 * calls that are ambiguous without reading their SQL, such as `pool.query`, stay
 * unclassified so they cannot be mistaken for writes or reads).
 */
import * as assert from 'node:assert/strict';
import { classifyLastCall } from '../support/last-call';

/** The class (and scope) the vocabulary gives the last call in `code`, and its resolved path. */
function classifyLast(code: string): { path: string | null; effect: string | null } {
  const { path, classified } = classifyLastCall(code);
  const effect = classified ? `${classified.effect.class}${classified.effect.serverScope ? '@server' : ''}` : null;
  return { path, effect };
}

describe('vocabulary: databases, cloud storage, infrastructure', () => {
  const cases: Array<[string, string, string | null]> = [
    // Server databases and ORMs: writes and deletes on the server, never "local data".
    ['knex insert', `import knex from 'knex';\nconst db = knex({});\ndb('notes').insert({ body: 'x' });`, 'remoteWrite@server'],
    ['knex filtered delete', `import { knex } from 'knex';\nconst db = knex({});\ndb('notes').where({ id: 1 }).del();`, 'destroy@server'],
    ['prisma create', `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nprisma.note.create({ data: {} });`, 'remoteWrite@server'],
    ['prisma deleteMany', `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nprisma.note.deleteMany({});`, 'destroy@server'],
    ['TypeORM injected repository', `import { Repository } from 'typeorm';\nexport class S {\n  constructor(private readonly repo: Repository<object>) {}\n  save(n: object) { return this.repo.save(n); }\n}`, 'remoteWrite@server'],
    ['TypeORM data source repository delete', `import { DataSource } from 'typeorm';\nconst ds = new DataSource({} as any);\nds.getRepository('Note').delete({ id: 1 });`, 'destroy@server'],
    ['Sequelize model class', `import { Model } from 'sequelize';\nclass Note extends Model {}\nNote.create({});`, 'remoteWrite@server'],
    ['Sequelize destroy', `import { Model } from 'sequelize';\nclass Note extends Model {}\nNote.destroy({ where: { id: 1 } });`, 'destroy@server'],
    ['mongoose model', `import mongoose from 'mongoose';\nconst Note = mongoose.model('Note', new mongoose.Schema({}));\nNote.insertMany([]);`, 'remoteWrite@server'],
    ['mongoose document save', `import { model } from 'mongoose';\nconst Note = model('Note', {} as any);\nnew Note({}).save();`, 'remoteWrite@server'],
    ['ioredis flushall', `import Redis from 'ioredis';\nconst redis = new Redis();\nredis.flushall();`, 'destroy@server'],
    ['node-redis flushAll', `import { createClient } from 'redis';\nconst client = createClient();\nclient.flushAll();`, 'destroy@server'],
    ['redis cache writes are not storage writes', `import Redis from 'ioredis';\nconst redis = new Redis();\nredis.set('k', 'v');`, null],
    ['pg query is ambiguous without its SQL', `import { Pool } from 'pg';\nconst pool = new Pool();\npool.query('SELECT 1');`, null],
    // Embedded databases: data on this device.
    ['better-sqlite3 run', `import Database from 'better-sqlite3';\nconst db = new Database('a.db');\ndb.prepare('INSERT INTO t VALUES (1)').run();`, 'localWrite'],
    ['sqlite3 verbose Database', `const sqlite3 = require('sqlite3').verbose();\nconst db = new sqlite3.Database('a.db');\ndb.run('INSERT INTO t VALUES (1)', () => {});`, 'localWrite'],
    ['expo-sqlite runAsync', `import * as SQLite from 'expo-sqlite';\nexport async function f() {\n  const db = await SQLite.openDatabaseAsync('a.db');\n  await db.runAsync('INSERT INTO t VALUES (1)');\n}`, 'localWrite'],
    ['expo-sqlite deleteDatabaseAsync', `import { deleteDatabaseAsync } from 'expo-sqlite';\ndeleteDatabaseAsync('a.db');`, 'destroy'],
    ['WatermelonDB reset', `import { Database } from '@nozbe/watermelondb';\nconst database = new Database({} as any);\ndatabase.unsafeResetDatabase();`, 'destroy'],
    ['WatermelonDB synchronize', `import { synchronize } from '@nozbe/watermelondb/sync';\nsynchronize({} as any);`, 'remoteWrite'],
    ['RxDB insert', `import { createRxDatabase } from 'rxdb';\nexport async function f() {\n  const db = await createRxDatabase({} as any);\n  await db.todos.insert({});\n}`, 'localWrite'],
    ['RxDB database removal', `import { removeRxDatabase } from 'rxdb';\nremoveRxDatabase('app', {} as any);`, 'destroy'],
    ['RxDB replication awaitInSync', `import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';\nconst state = replicateCouchDB({} as any);\nstate.awaitInSync();`, 'remoteWrite'],
    // Cloud storage: uploads are backups; deletes are server data.
    ['lib-storage Upload', `import { Upload } from '@aws-sdk/lib-storage';\nnew Upload({} as any).done();`, 'remoteWrite'],
    ['aggregated S3 putObject', `import { S3 } from '@aws-sdk/client-s3';\nconst s3 = new S3({});\ns3.putObject({} as any);`, 'remoteWrite'],
    ['aggregated S3 deleteObject', `import { S3 } from '@aws-sdk/client-s3';\nconst s3 = new S3({});\ns3.deleteObject({} as any);`, 'destroy@server'],
    ['DynamoDBDocument put', `import { DynamoDB } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocument.from(new DynamoDB({}));\ndoc.put({} as any);`, 'remoteWrite@server'],
    ['client.send is judged by its command, not by the vocabulary', `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\ns3.send({} as any);`, null],
    ['GCS upload through a bucket variable', `import { Storage } from '@google-cloud/storage';\nconst bucket = new Storage().bucket('b');\nbucket.upload('/tmp/x');`, 'remoteWrite'],
    ['GCS file delete', `import { Storage } from '@google-cloud/storage';\nnew Storage().bucket('b').file('x').delete();`, 'destroy@server'],
    ['Azure block blob upload', `import { BlobServiceClient } from '@azure/storage-blob';\nconst container = BlobServiceClient.fromConnectionString('x').getContainerClient('c');\ncontainer.getBlockBlobClient('b').uploadData(new Uint8Array());`, 'remoteWrite'],
    ['Azure blob delete', `import { BlobServiceClient } from '@azure/storage-blob';\nBlobServiceClient.fromConnectionString('x').getContainerClient('c').deleteBlob('b');`, 'destroy@server'],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => assert.equal(classifyLast(code).effect, expected));
  }

  it('infrastructure modules get canonical roots, however they are imported', () => {
    const paths = [
      `import { aws_s3 as s3 } from 'aws-cdk-lib';\ns3.Bucket.fromBucketName(null as any, 'x', 'y');`,
      `import * as s3 from 'aws-cdk-lib/aws-s3';\ns3.Bucket.fromBucketName(null as any, 'x', 'y');`,
      `import * as s3 from '@aws-cdk/aws-s3';\ns3.Bucket.fromBucketName(null as any, 'x', 'y');`,
      `import * as cdk from 'aws-cdk-lib';\ncdk.aws_s3.Bucket.fromBucketName(null as any, 'x', 'y');`,
    ].map((code) => classifyLast(code).path);
    assert.deepEqual(paths, Array(4).fill('cdk.aws_s3.Bucket.fromBucketName'));
    assert.equal(classifyLast(`import * as aws from '@pulumi/aws';\naws.s3.getBucket({ bucket: 'x' });`).path, 'pulumi-aws.s3.getBucket');
  });
});
