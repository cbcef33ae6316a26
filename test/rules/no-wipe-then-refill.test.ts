import { noWipeThenRefill } from '../../rules/no-wipe-then-refill';
import { runRuleTests } from '../support/rule-tester';

const dexieHeader = `import Dexie, { type Table } from 'dexie';\nimport axios from 'axios';\nclass Db extends Dexie { items!: Table<{ id: string }> }\nconst db = new Db('app');\n`;

runRuleTests(noWipeThenRefill, {
  valid: [
    { name: "a server table emptied, then a feed written into another table: no refill of the emptied one", code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function nightly() {\n  await prisma.session.deleteMany({});\n  const res = await fetch('/rates');\n  const rows: { code: string }[] = await res.json();\n  await prisma.rate.createMany({ data: rows });\n}" },
    { name: 'a server table emptied but not refilled from a remote read', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function reset() {\n  await prisma.price.deleteMany({});\n  await prisma.price.createMany({ data: [{ sku: 'default' }] });\n}` },
    { name: 'a server table swapped inside $transaction', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function refresh() {\n  const res = await fetch('/feed');\n  const rows: { sku: string }[] = await res.json();\n  await prisma.$transaction([prisma.price.deleteMany({}), prisma.price.createMany({ data: rows })]);\n}` },
    { name: 'a filtered deleteMany is no wipe', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function refresh(supplierId: string) {\n  const res = await fetch('/feed');\n  const rows: { sku: string }[] = await res.json();\n  await prisma.price.deleteMany({ where: { supplierId, stale: true } });\n  await prisma.price.createMany({ data: rows });\n}` },
    { name: 'read, validate, then swap', code: dexieHeader + `export async function refresh() {\n  const { data } = await axios.get('/api/items');\n  if (!Array.isArray(data) || data.length === 0) return;\n  await db.items.clear();\n  await db.items.bulkAdd(data);\n}` },
    { name: 'swap inside a Dexie transaction', code: dexieHeader + `export async function refresh() {\n  const { data } = await axios.get('/api/items');\n  await db.transaction('rw', db.items, async () => {\n    await db.items.clear();\n    await db.items.bulkAdd(data);\n  });\n}` },
    { name: 'the wipe guarded by the response', code: dexieHeader + `export async function refresh() {\n  const res = await fetch('/api/items');\n  const items = await res.json();\n  if (items.length > 0) {\n    await db.items.clear();\n    await db.items.bulkPut(items);\n  }\n}` },
    { name: 'a clear with no refill (logout) is another rule', code: dexieHeader + `export async function refresh() {\n  const res = await fetch('/api/version');\n  await db.items.clear();\n}` },
    { name: 'a refill from local data, no remote read', code: dexieHeader + `export async function rebuild(items: { id: string }[]) {\n  await db.items.clear();\n  await db.items.bulkAdd(items);\n}` },
    { name: 'validated with a schema parse', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\ndeclare const schema: { parse(v: unknown): [string, string][] };\nexport async function refresh() {\n  const res = await fetch('/api/settings');\n  const pairs = schema.parse(await res.json());\n  await AsyncStorage.clear();\n  await AsyncStorage.multiSet(pairs);\n}` },
  ],
  invalid: [
    {
      name: 'a server table emptied with deleteMany({}) before the feed is read',
      code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function refresh() {\n  await prisma.price.deleteMany({});\n  const res = await fetch('/feed');\n  const rows: { sku: string }[] = await res.json();\n  await prisma.price.createMany({ data: rows });\n}`,
      errors: [{ messageId: 'clearBeforeRead', line: 4 }],
    },
    {
      name: 'clear before the read',
      code: dexieHeader + `export async function refresh() {\n  await db.items.clear();\n  const { data } = await axios.get('/api/items');\n  await db.items.bulkAdd(data);\n}`,
      errors: [{ messageId: 'clearBeforeRead', line: 6 }],
    },
    {
      name: 'read then wipe and refill with no check',
      code: dexieHeader + `export async function refresh() {\n  const res = await fetch('/api/items');\n  const items = await res.json();\n  await db.items.clear();\n  await db.items.bulkAdd(items);\n}`,
      errors: [{ messageId: 'unguardedRefill', line: 8 }],
    },
    {
      name: 'AsyncStorage cleared and refilled in a then chain',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport function refresh() {\n  return fetch('/api/settings')\n    .then((r) => r.json())\n    .then(async (pairs) => {\n      await AsyncStorage.clear();\n      await AsyncStorage.multiSet(pairs);\n    });\n}`,
      errors: [{ messageId: 'unguardedRefill', line: 6 }],
    },
  ],
});
