/**
 * A generated application for the size curve of `npm run bench`: modules of the
 * kinds a real app has (types, stores, API clients, React screens, Node services,
 * utilities, barrels), importing each other, with a storage bug now and then at
 * the rate real code has them. Deterministic: the same size gives the same files,
 * so the curve compares like with like across runs and machines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when the templates change, so cached projects are regenerated. */
const GENERATOR_VERSION = 1;

interface Module {
  file: string;
  lines: string[];
}

/** A small linear congruential generator: Math.random would change the corpus every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NOUNS = ['note', 'order', 'invoice', 'draft', 'photo', 'contact', 'task', 'session', 'message', 'report', 'cart', 'profile', 'setting', 'upload', 'event'];

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function typesModule(n: number, noun: string): string[] {
  const T = cap(noun);
  return [
    `// Domain types for ${noun}s.`,
    `export type ${T}Id = string & { readonly __brand: '${T}Id' };`,
    ``,
    `export enum ${T}Status${n} {`,
    `  Draft = 'draft',`,
    `  Pending = 'pending',`,
    `  Synced = 'synced',`,
    `  Failed = 'failed',`,
    `}`,
    ``,
    `export interface ${T}${n} {`,
    `  id: ${T}Id;`,
    `  title: string;`,
    `  body?: string;`,
    `  status: ${T}Status${n};`,
    `  tags: readonly string[];`,
    `  createdAt: number;`,
    `  updatedAt: number;`,
    `  meta: Record<string, unknown>;`,
    `}`,
    ``,
    `export interface ${T}Page${n} {`,
    `  items: ${T}${n}[];`,
    `  next?: string;`,
    `  total: number;`,
    `}`,
    ``,
    `export function is${T}${n}(value: unknown): value is ${T}${n} {`,
    `  if (typeof value !== 'object' || value === null) return false;`,
    `  const v = value as Partial<${T}${n}>;`,
    `  return typeof v.id === 'string' && typeof v.title === 'string' && Array.isArray(v.tags);`,
    `}`,
    ``,
  ];
}

function storeModule(n: number, noun: string, typesFile: string, buggy: boolean): string[] {
  const T = `${cap(noun)}${n}`;
  const out = [
    `import { type ${T}, ${cap(noun)}Status${n}, is${T} } from './${typesFile}';`,
    ``,
    `const STORAGE_KEY = '${noun}s-${n}';`,
    ``,
    `/** In-memory ${noun}s with a local copy that survives reloads. */`,
    `export class ${T}Store {`,
    `  private readonly items = new Map<string, ${T}>();`,
    `  private listeners: Array<(items: ${T}[]) => void> = [];`,
    ``,
    `  load(): void {`,
    `    const raw = localStorage.getItem(STORAGE_KEY);`,
    `    if (!raw) return;`,
    `    const parsed: unknown = JSON.parse(raw);`,
    `    if (!Array.isArray(parsed)) throw new Error('corrupt ${noun} store');`,
    `    for (const item of parsed) if (is${T}(item)) this.items.set(item.id, item);`,
    `  }`,
    ``,
    `  private persist(): void {`,
    `    localStorage.setItem(STORAGE_KEY, JSON.stringify([...this.items.values()]));`,
    `    for (const listener of this.listeners) listener(this.all());`,
    `  }`,
    ``,
    `  upsert(item: ${T}): void {`,
    `    this.items.set(item.id, { ...item, updatedAt: Date.now() });`,
    `    this.persist();`,
    `  }`,
    ``,
    `  all(): ${T}[] {`,
    `    return [...this.items.values()].sort((a, b) => b.updatedAt - a.updatedAt);`,
    `  }`,
    ``,
    `  pending(): ${T}[] {`,
    `    return this.all().filter((item) => item.status === ${cap(noun)}Status${n}.Pending || item.status === ${cap(noun)}Status${n}.Failed);`,
    `  }`,
    ``,
    `  byTag(tag: string): ${T}[] {`,
    `    const result: ${T}[] = [];`,
    `    for (const item of this.items.values()) {`,
    `      if (item.tags.includes(tag)) result.push(item);`,
    `    }`,
    `    return result;`,
    `  }`,
    ``,
    `  subscribe(listener: (items: ${T}[]) => void): () => void {`,
    `    this.listeners.push(listener);`,
    `    return () => {`,
    `      this.listeners = this.listeners.filter((l) => l !== listener);`,
    `    };`,
    `  }`,
    ``,
  ];
  if (buggy) {
    // The classic: the local copy is cleared whatever the server answered.
    out.push(
      `  async sync(endpoint: string): Promise<void> {`,
      `    const body = JSON.stringify(this.pending());`,
      `    await fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'application/json' } });`,
      `    localStorage.removeItem(STORAGE_KEY);`,
      `    this.items.clear();`,
      `  }`,
    );
  } else {
    out.push(
      `  async sync(endpoint: string): Promise<void> {`,
      `    const body = JSON.stringify(this.pending());`,
      `    const response = await fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'application/json' } });`,
      `    if (!response.ok) throw new Error(\`sync failed: \${response.status}\`);`,
      `    for (const item of this.pending()) this.items.set(item.id, { ...item, status: ${cap(noun)}Status${n}.Synced });`,
      `    this.persist();`,
      `  }`,
    );
  }
  out.push(`}`, ``, `export const ${noun}Store${n} = new ${T}Store();`, ``);
  return out;
}

function apiModule(n: number, noun: string, typesFile: string, buggy: boolean): string[] {
  const T = `${cap(noun)}${n}`;
  return [
    `import type { ${T}, ${cap(noun)}Page${n} } from './${typesFile}';`,
    ``,
    `export class HttpError${n} extends Error {`,
    `  constructor(readonly status: number, message: string) {`,
    `    super(message);`,
    `  }`,
    `}`,
    ``,
    `const BASE = '/api/v1/${noun}s';`,
    ``,
    `async function request<R>(path: string, init: RequestInit = {}): Promise<R> {`,
    `  const response = await fetch(BASE + path, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });`,
    `  if (!response.ok) throw new HttpError${n}(response.status, await response.text());`,
    `  return (await response.json()) as R;`,
    `}`,
    ``,
    `export function list${T}(cursor?: string, limit = 50): Promise<${cap(noun)}Page${n}> {`,
    `  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });`,
    `  return request(\`?\${query}\`);`,
    `}`,
    ``,
    `export function get${T}(id: string): Promise<${T}> {`,
    `  return request(\`/\${encodeURIComponent(id)}\`);`,
    `}`,
    ``,
    `export async function save${T}(item: ${T}): Promise<${T}> {`,
    `  return request(\`/\${encodeURIComponent(item.id)}\`, { method: 'PUT', body: JSON.stringify(item) });`,
    `}`,
    ``,
    ...(buggy
      ? [
          `export async function upload${T}Attachment(id: string, file: Blob): Promise<void> {`,
          `  // Nobody looks at the status: a 500 reads as success.`,
          `  await fetch(\`\${BASE}/\${id}/attachments\`, { method: 'POST', body: file });`,
          `}`,
        ]
      : [
          `export async function upload${T}Attachment(id: string, file: Blob): Promise<void> {`,
          `  const response = await fetch(\`\${BASE}/\${id}/attachments\`, { method: 'POST', body: file });`,
          `  if (!response.ok) throw new HttpError${n}(response.status, 'upload failed');`,
          `}`,
        ]),
    ``,
    `export async function* all${T}(): AsyncGenerator<${T}> {`,
    `  let cursor: string | undefined;`,
    `  do {`,
    `    const page = await list${T}(cursor);`,
    `    yield* page.items;`,
    `    cursor = page.next;`,
    `  } while (cursor);`,
    `}`,
    ``,
  ];
}

function screenModule(n: number, noun: string, storeFile: string, typesFile: string): string[] {
  const T = `${cap(noun)}${n}`;
  return [
    `import { useEffect, useMemo, useState } from 'react';`,
    `import { ${noun}Store${n} } from './${storeFile}';`,
    `import type { ${T} } from './${typesFile}';`,
    ``,
    `interface Props {`,
    `  tag?: string;`,
    `  onSelect(item: ${T}): void;`,
    `}`,
    ``,
    `export function ${T}List({ tag, onSelect }: Props) {`,
    `  const [items, setItems] = useState<${T}[]>(() => ${noun}Store${n}.all());`,
    `  const [query, setQuery] = useState('');`,
    `  useEffect(() => ${noun}Store${n}.subscribe(setItems), []);`,
    `  const visible = useMemo(`,
    `    () => items.filter((item) => (!tag || item.tags.includes(tag)) && item.title.toLowerCase().includes(query.toLowerCase())),`,
    `    [items, tag, query],`,
    `  );`,
    `  return (`,
    `    <section className="${noun}-list">`,
    `      <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search ${noun}s" />`,
    `      {visible.length === 0 ? (`,
    `        <p className="empty">No ${noun}s</p>`,
    `      ) : (`,
    `        <ul>`,
    `          {visible.map((item) => (`,
    `            <li key={item.id} onClick={() => onSelect(item)}>`,
    `              <strong>{item.title}</strong>`,
    `              {item.tags.map((t) => (`,
    `                <span key={t} className="tag">{t}</span>`,
    `              ))}`,
    `            </li>`,
    `          ))}`,
    `        </ul>`,
    `      )}`,
    `    </section>`,
    `  );`,
    `}`,
    ``,
  ];
}

function serviceModule(n: number, noun: string, buggy: boolean): string[] {
  return [
    `import { promises as fs } from 'node:fs';`,
    `import * as path from 'node:path';`,
    ``,
    `export interface ${cap(noun)}Snapshot${n} {`,
    `  version: number;`,
    `  savedAt: string;`,
    `  entries: Array<{ key: string; value: unknown }>;`,
    `}`,
    ``,
    `export class ${cap(noun)}Repository${n} {`,
    `  constructor(private readonly dir: string) {}`,
    ``,
    `  private file(name: string): string {`,
    `    return path.join(this.dir, \`\${name}.json\`);`,
    `  }`,
    ``,
    `  async read(name: string): Promise<${cap(noun)}Snapshot${n} | undefined> {`,
    `    try {`,
    `      return JSON.parse(await fs.readFile(this.file(name), 'utf8')) as ${cap(noun)}Snapshot${n};`,
    `    } catch (error) {`,
    `      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;`,
    `      throw error;`,
    `    }`,
    `  }`,
    ``,
    ...(buggy
      ? [
          `  async write(name: string, snapshot: ${cap(noun)}Snapshot${n}): Promise<void> {`,
          `    // Truncates the only copy first: a crash mid-write leaves an empty file.`,
          `    await fs.writeFile(this.file(name), JSON.stringify(snapshot));`,
          `  }`,
        ]
      : [
          `  async write(name: string, snapshot: ${cap(noun)}Snapshot${n}): Promise<void> {`,
          `    const target = this.file(name);`,
          `    const temporary = \`\${target}.\${process.pid}.tmp\`;`,
          `    const handle = await fs.open(temporary, 'w');`,
          `    try {`,
          `      await handle.writeFile(JSON.stringify(snapshot));`,
          `      await handle.sync();`,
          `    } finally {`,
          `      await handle.close();`,
          `    }`,
          `    await fs.rename(temporary, target);`,
          `  }`,
        ]),
    ``,
    `  async list(): Promise<string[]> {`,
    `    const names = await fs.readdir(this.dir);`,
    `    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));`,
    `  }`,
    `}`,
    ``,
  ];
}

function utilModule(n: number, rnd: () => number): string[] {
  const out = [`// Helpers ${n}.`];
  const count = 6 + Math.floor(rnd() * 10);
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        out.push(
          `export function chunk${n}_${i}<T>(items: readonly T[], size: number): T[][] {`,
          `  const chunks: T[][] = [];`,
          `  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));`,
          `  return chunks;`,
          `}`,
          ``,
        );
        break;
      case 1:
        out.push(
          `export function slug${n}_${i}(text: string): string {`,
          `  return text`,
          `    .normalize('NFKD')`,
          `    .replace(/[\\u0300-\\u036f]/g, '')`,
          `    .toLowerCase()`,
          `    .replace(/[^a-z0-9]+/g, '-')`,
          `    .replace(/^-+|-+$/g, '');`,
          `}`,
          ``,
        );
        break;
      case 2:
        out.push(
          `export function groupBy${n}_${i}<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T) => K): Record<K, T[]> {`,
          `  const groups = {} as Record<K, T[]>;`,
          `  for (const item of items) (groups[key(item)] ??= []).push(item);`,
          `  return groups;`,
          `}`,
          ``,
        );
        break;
      case 3:
        out.push(
          `export async function retry${n}_${i}<T>(attempt: () => Promise<T>, tries = 3, delayMs = 250): Promise<T> {`,
          `  let last: unknown;`,
          `  for (let i = 0; i < tries; i++) {`,
          `    try {`,
          `      return await attempt();`,
          `    } catch (error) {`,
          `      last = error;`,
          `      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** i));`,
          `    }`,
          `  }`,
          `  throw last;`,
          `}`,
          ``,
        );
        break;
      default:
        out.push(
          `export const format${n}_${i} = (value: number, currency = 'EUR'): string =>`,
          `  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value / 100);`,
          ``,
          `export function debounce${n}_${i}<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {`,
          `  let timer: ReturnType<typeof setTimeout> | undefined;`,
          `  return (...args) => {`,
          `    if (timer !== undefined) clearTimeout(timer);`,
          `    timer = setTimeout(() => fn(...args), ms);`,
          `  };`,
          `}`,
          ``,
        );
    }
  }
  return out;
}

/** One feature folder: types, store, API client, screen, service, utilities and a barrel. */
function feature(n: number, rnd: () => number): Module[] {
  const noun = NOUNS[n % NOUNS.length];
  const dir = `src/features/${noun}-${n}`;
  // About one feature in eight carries a storage bug, one kind each.
  const bug = rnd() < 0.125 ? Math.floor(rnd() * 3) : -1;
  return [
    { file: `${dir}/types.ts`, lines: typesModule(n, noun) },
    { file: `${dir}/store.ts`, lines: storeModule(n, noun, 'types', bug === 0) },
    { file: `${dir}/api.ts`, lines: apiModule(n, noun, 'types', bug === 1) },
    { file: `${dir}/List.tsx`, lines: screenModule(n, noun, 'store', 'types') },
    { file: `${dir}/repository.ts`, lines: serviceModule(n, noun, bug === 2) },
    { file: `${dir}/util.ts`, lines: utilModule(n, rnd) },
    { file: `${dir}/index.ts`, lines: [`export * from './types';`, `export * from './store';`, `export * from './api';`, `export * from './List';`, ``] },
  ];
}

/** Writes (or reuses) a project of about `targetLines` lines under `root`; returns its file and line counts. */
export function generateProject(root: string, targetLines: number): { files: number; lines: number } {
  const stamp = path.join(root, '.generated.json');
  try {
    const previous = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (previous.version === GENERATOR_VERSION && previous.targetLines === targetLines) return { files: previous.files, lines: previous.lines };
  } catch {
    /* not generated yet */
  }
  fs.rmSync(root, { recursive: true, force: true });
  const rnd = random(targetLines);
  let lines = 0;
  let files = 0;
  for (let n = 0; lines < targetLines; n++) {
    for (const module of feature(n, rnd)) {
      const target = path.join(root, module.file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, module.lines.join('\n'));
      lines += module.lines.length;
      files++;
    }
  }
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: `generated-${targetLines}`, private: true }) + '\n');
  fs.writeFileSync(stamp, JSON.stringify({ version: GENERATOR_VERSION, targetLines, files, lines }) + '\n');
  return { files, lines };
}
