import { noUncheckedUploadResponse } from '../../rules/no-unchecked-upload-response';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noUncheckedUploadResponse, {
  valid: [
    { name: 'res.ok checked', code: `export async function up(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  if (!res.ok) throw new Error(String(res.status));\n}` },
    { name: 'status checked', code: `export async function up(body: string) {\n  const res = await fetch('/api', { method: 'PUT', body });\n  return res.status === 204;\n}` },
    { name: 'handed to a helper', code: `declare function assertOk(r: Response): void;\nexport async function up(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  assertOk(res);\n}` },
    { name: 'returned to the caller', code: `export async function up(body: string) {\n  return fetch('/api', { method: 'POST', body });\n}` },
    { name: 'checked in then', code: `export function up(body: string) {\n  return fetch('/api', { method: 'POST', body }).then((r) => {\n    if (!r.ok) throw new Error('x');\n  });\n}` },
    { name: 'a GET', code: `export async function load() {\n  const res = await fetch('/api/notes');\n  return res.json();\n}` },
    { name: 'axios rejects on HTTP errors', code: `import axios from 'axios';\nexport async function up(d: unknown) {\n  await axios.post('/api', d);\n}` },
    { name: 'ky rejects on HTTP errors by default', code: `import ky from 'ky';\nexport async function up(d: unknown) {\n  await ky.post('/api', { json: d });\n}` },
    { name: 'got rejects by default', code: `import got from 'got';\nexport async function up(d: unknown) {\n  await got.post('https://x.test/api', { json: d });\n}` },
    { name: 'destructured ok', code: `export async function up(body: string) {\n  const { ok } = await fetch('/api', { method: 'POST', body });\n  if (!ok) throw new Error('x');\n}` },
    { name: 'inline status check', code: `export async function up(body: string) {\n  if (!(await fetch('/api', { method: 'POST', body })).ok) throw new Error('x');\n}` },
    { name: 'Promise.all of uploads whose responses are checked', code: `export async function upAll(items: string[]) {\n  const responses = await Promise.all(items.map((body) => fetch('/api', { method: 'POST', body })));\n  if (responses.some((r) => !r.ok)) throw new Error('some uploads failed');\n}` },
    { name: 'XMLHttpRequest reports through its load event', code: `export function up(body: string, done: (ok: boolean) => void) {\n  const xhr = new XMLHttpRequest();\n  xhr.open('POST', '/api');\n  xhr.onload = () => done(xhr.status < 300);\n  xhr.send(body);\n}` },
    { name: 'a proxy hands the response on', code: `export async function onRequest(request: Request) {\n  const asset = await fetch('https://beta.example.com' + new URL(request.url).pathname, { method: request.method, body: request.body });\n  return new Response(asset.body, asset);\n}` },
    {
      name: 'the parsed answer decides success: no id means the upload failed',
      code: `export async function share(payload: ArrayBuffer): Promise<string | null> {\n  const response = await fetch('/api/v2/post', { method: 'POST', body: payload });\n  const answer = await response.json();\n  if (answer.id) {\n    return answer.id;\n  }\n  return null;\n}`,
    },
  ],
  invalid: [
    { name: "a body tested for an optional field, not for the outcome", code: "export async function share(payload: ArrayBuffer, show: (id: string) => void) {\n  const response = await fetch('/api/v2/post', { method: 'POST', body: payload });\n  const answer = await response.json();\n  if (answer.warnings) console.warn(answer.warnings);\n  show(answer.id);\n}", errors: [{messageId: "unchecked",line: 2}] },
    { name: "a body only tested for being there: an error object is truthy", code: "export async function share(payload: ArrayBuffer, show: (id: string) => void) {\n  const response = await fetch('/api/v2/post', { method: 'POST', body: payload });\n  const answer = await response.json();\n  if (!answer) return;\n  show(answer.id);\n}", errors: [{messageId: "unchecked",line: 2}] },
    {
      name: 'response never looked at',
      code: `export async function up(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  console.log(res);\n}`,
      errors: [{ messageId: 'unchecked', line: 2, suggestions: [{ messageId: 'suggestCheck', output: `export async function up(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  if (!res.ok) throw new Error(\`Upload failed: HTTP \${res.status}\`);\n  console.log(res);\n}` }] }],
    },
    {
      name: 'awaited and discarded',
      code: `export async function up(body: string) {\n  await fetch('/api', { method: 'POST', body });\n}`,
      errors: [{ messageId: 'unchecked', line: 2, suggestions: [{ messageId: 'suggestCheck', output: `export async function up(body: string) {\n  const response = await fetch('/api', { method: 'POST', body });\n  if (!response.ok) throw new Error(\`Upload failed: HTTP \${response.status}\`);\n}` }] }],
    },
    {
      name: 'json read without a status check',
      code: `export async function up(body: string) {\n  const saved = await (await fetch('/api', { method: 'PATCH', body })).json();\n  return saved;\n}`,
      errors: [{ messageId: 'unchecked', line: 2 }],
    },
    {
      name: 'then(r => r.json())',
      code: `export function up(body: string) {\n  return fetch('/api', { method: 'POST', body }).then((r) => r.json());\n}`,
      errors: [{ messageId: 'unchecked', line: 2 }],
    },
    {
      name: 'ky with throwHttpErrors: false',
      code: `import ky from 'ky';\nexport async function up(d: unknown) {\n  await ky.post('/api', { json: d, throwHttpErrors: false });\n}`,
      errors: [{ messageId: 'unchecked', line: 3 }],
    },
    {
      name: 'axios with validateStatus: () => true',
      code: `import axios from 'axios';\nexport async function up(d: unknown) {\n  const res = await axios.post('/api', d, { validateStatus: () => true });\n  return res.data;\n}`,
      errors: [{ messageId: 'unchecked', line: 3, suggestions: [{ messageId: 'suggestCheck', output: `import axios from 'axios';\nexport async function up(d: unknown) {\n  const res = await axios.post('/api', d, { validateStatus: () => true });\n  if (res.status < 200 || res.status >= 300) throw new Error(\`Upload failed: HTTP \${res.status}\`);\n  return res.data;\n}` }] }],
    },
    {
      name: 'node-fetch default import, body from a variable',
      code: `const fetch = require('node-fetch');\nasync function ship(lines) {\n  const init = { method: 'POST', body: lines.join('\\n') };\n  const res = await fetch('https://logs.test/ingest', init);\n  return true;\n}`,
      filename: 'ship.cjs',
      errors: [{ messageId: 'unchecked', line: 4 }],
    },
    {
      name: 'a dropped fetch upload: its status is never read either',
      code: `export function report(body: string) {\n  fetch('/api/notes', { method: 'POST', body });\n}`,
      errors: [{ messageId: 'unchecked', line: 2, suggestions: [] }],
    },
    {
      name: 'an axios instance created with validateStatus: () => true',
      code: `import axios from 'axios';\nconst api = axios.create({ baseURL: '/api', validateStatus: () => true });\nexport async function up(d: unknown) {\n  await api.post('/notes', d);\n}`,
      errors: [{ messageId: 'unchecked', line: 4 }],
    },
    {
      name: 'Promise.all of uploads whose responses are dropped',
      code: `export async function upAll(items: string[]) {\n  await Promise.all(items.map((body) => fetch('/api', { method: 'POST', body })));\n}`,
      errors: [{ messageId: 'unchecked', line: 2 }],
    },
    {
      name: 'a response only logged',
      code: `declare const logger: { info(...a: unknown[]): void };\nexport async function up(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  logger.info('uploaded', res);\n}`,
      errors: [{ messageId: 'unchecked', line: 3 }],
    },
    {
      // The parser takes `var await` in a module, but `await.ok` there is an await expression.
      name: 'a response bound to a word reserved in modules gets no check that could not parse',
      code: `var await = await fetch('/api', { method: 'POST', body: 'x' });\nconsole.log('sent');\n`,
      filename: 'send.mjs',
      errors: [{ messageId: 'unchecked', line: 1, suggestions: [] }],
    },
    {
      name: 'nor one bound to a word reserved in generators or strict code',
      code: `async function send(body) {\n  var yield = await fetch('/api', { method: 'POST', body });\n  var let = await fetch('/api', { method: 'PUT', body });\n}\n`,
      filename: 'send.js',
      errors: [{ messageId: 'unchecked', line: 2, suggestions: [] }, { messageId: 'unchecked', line: 3, suggestions: [] }],
    },
    {
      name: 'ky options held in a variable',
      code: `import ky from 'ky';\nconst options = { throwHttpErrors: false };\nexport async function up(d: unknown) {\n  await ky.post('/api', { json: d, ...options });\n  await ky.put('/api', options);\n}`,
      errors: [{ messageId: 'unchecked', line: 5 }],
    },
    {
      name: 'the parsed answer is used but never tested',
      code: `export async function share(payload: ArrayBuffer, show: (id: string) => void) {\n  const response = await fetch('/api/v2/post', { method: 'POST', body: payload });\n  const answer = await response.json();\n  show(answer.id);\n}`,
      errors: [{ messageId: 'unchecked', line: 2 }],
    },
  ],
});
