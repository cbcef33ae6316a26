/** Generated sources for `npm run bench:lsp`. */

/** Ordinary application code with a storage bug every so often, like a real module. */
export function generateFile(lines: number, seed: number): string {
  const out: string[] = [`// generated module ${seed}`, "import { api } from './api';", ''];
  for (let i = 0; out.length < lines; i++) {
    const n = `${seed}_${i}`;
    out.push(
      `export interface Item${n} { id: string; title: string; done: boolean; tags: string[] }`,
      ``,
      `export class Store${n} {`,
      `  private readonly items = new Map<string, Item${n}>();`,
      `  add(item: Item${n}): void {`,
      `    this.items.set(item.id, item);`,
      `  }`,
      `  open(): Item${n}[] {`,
      `    return [...this.items.values()].filter((item) => !item.done);`,
      `  }`,
      `  countTagged(tag: string): number {`,
      `    let count = 0;`,
      `    for (const item of this.items.values()) {`,
      `      if (item.tags.includes(tag)) count++;`,
      `    }`,
      `    return count;`,
      `  }`,
      `}`,
      ``,
    );
    if (i % 8 === 0) {
      out.push(
        `export async function sync${n}(body: string) {`,
        `  const res = await fetch('/api/items/${i}', { method: 'POST', body });`,
        `  localStorage.removeItem('items-${i}');`,
        `  return res;`,
        `}`,
        ``,
      );
    } else if (i % 8 === 4) {
      out.push(
        `export async function load${n}(id: string): Promise<Item${n} | undefined> {`,
        `  const response = await api.get(\`/items/\${id}\`);`,
        `  return response.ok ? ((await response.json()) as Item${n}) : undefined;`,
        `}`,
        ``,
      );
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}
