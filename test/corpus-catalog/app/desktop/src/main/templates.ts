import fse from 'fs-extra';
import { app } from 'electron';
import path from 'node:path';

// Document templates and text snippets belong to the user's account: they are
// created in the web app or here, and this window mirrors the account's list.
const TEMPLATES_DIR = path.join(app.getPath('userData'), 'templates');
const SNIPPETS_DIR = path.join(app.getPath('userData'), 'snippets');
// Rendered previews for the template picker; rebuilt from the templates whenever missing.
const PREVIEW_CACHE = path.join(app.getPath('userData'), 'Cache', 'template-previews.json');

type RemoteTemplate = { id: string; title: string; body: string; updatedAt: string };
type RemoteSnippet = { id: string; trigger: string; body: string };

function fileNameFor(id: string, ext: string): string {
  return `${id.replace(/[^\w-]/g, '_')}.${ext}`;
}

async function authedGet(apiBase: string, route: string, token: string): Promise<Response> {
  return fetch(`${apiBase}${route}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
}

export async function syncTemplates(apiBase: string, token: string): Promise<number> {
  await fse.emptyDir(TEMPLATES_DIR); // expect: no-wipe-then-refill
  const res = await authedGet(apiBase, '/templates', token);
  const templates: RemoteTemplate[] = await res.json();
  for (const t of templates) {
    await fse.outputFile(path.join(TEMPLATES_DIR, fileNameFor(t.id, 'md')), `# ${t.title}\n\n${t.body}`);
  }
  return templates.length;
}

export async function syncSnippets(apiBase: string, token: string): Promise<number> {
  const res = await authedGet(apiBase, '/snippets', token);
  if (!res.ok) throw new Error(`GET /snippets failed with ${res.status}`);
  const snippets: RemoteSnippet[] = await res.json();
  if (!Array.isArray(snippets) || snippets.length === 0) {
    return 0;
  }
  await fse.emptyDir(SNIPPETS_DIR); // near-miss: no-wipe-then-refill (status and emptiness checked before the clear)
  await Promise.all(
    snippets.map((s) => fse.outputJson(path.join(SNIPPETS_DIR, fileNameFor(s.id, 'json')), s, { spaces: 2 })),
  );
  return snippets.length;
}

export async function cachePreview(id: string, html: string): Promise<void> {
  const previews: Record<string, string> = (await fse.pathExists(PREVIEW_CACHE)) ? await fse.readJson(PREVIEW_CACHE) : {};
  previews[id] = html;
  await fse.outputJson(PREVIEW_CACHE, previews); // near-miss: no-non-atomic-overwrite (disposable cache file)
}

export function scheduleMirror(apiBase: string, getToken: () => string | null): NodeJS.Timeout {
  return setInterval(async () => {
    const token = getToken();
    if (!token) return;
    try {
      await syncTemplates(apiBase, token);
      await syncSnippets(apiBase, token);
    } catch (err) {
      console.error('[mirror] sync failed', err);
    }
  }, 15 * 60_000);
}
