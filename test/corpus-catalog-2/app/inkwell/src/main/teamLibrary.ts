import * as fse from 'fs-extra';
import got from 'got';
import path from 'node:path';
import { app } from 'electron';
import { getTeamToken, teamServerUrl, forgetTeamToken } from './teamAccount';
import { listLocalEdits, type LocalEdit } from './teamEdits';

/**
 * Team library: document templates and style sheets shared by a team server.
 * Users may tweak a downloaded template locally ("Edit template…"), and those
 * edits are pushed back with "Share changes".
 */
const LIBRARY_ROOT = path.join(app.getPath('userData'), 'team-library');
const TEMPLATES_DIR = path.join(LIBRARY_ROOT, 'templates');
const STYLES_DIR = path.join(LIBRARY_ROOT, 'styles');

type RemoteFile = { name: string; content: string; updatedAt: string };

const MAX_NAME = /^[\w .-]{1,120}$/;

function isRemoteFile(value: unknown): value is RemoteFile {
  const v = value as RemoteFile;
  return typeof v?.name === 'string' && MAX_NAME.test(v.name) && typeof v.content === 'string';
}

async function authHeaders(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await getTeamToken()}` };
}

/**
 * "Update templates from team" (toolbar button).
 */
export async function updateTemplatesFromTeam(): Promise<number> {
  await fse.emptyDir(TEMPLATES_DIR); // expect: no-wipe-then-refill
  const files = await got(`${teamServerUrl()}/api/templates`, {
    headers: await authHeaders(),
    timeout: { request: 20_000 },
  }).json<RemoteFile[]>();
  for (const file of files) {
    await fse.outputFile(path.join(TEMPLATES_DIR, file.name), file.content, 'utf8');
  }
  return files.length;
}

/**
 * "Update styles from team": the response is validated before anything local
 * is touched, and an empty answer leaves the folder alone.
 */
export async function updateStylesFromTeam(): Promise<number> {
  const payload = await got(`${teamServerUrl()}/api/styles`, {
    headers: await authHeaders(),
    timeout: { request: 20_000 },
  }).json<unknown>();
  if (!Array.isArray(payload) || payload.length === 0 || !payload.every(isRemoteFile)) {
    throw new Error('The team server returned no usable styles; your local styles were kept.');
  }
  await fse.emptyDir(STYLES_DIR); // near-miss: no-wipe-then-refill (response validated, empty answer rejected)
  for (const file of payload) {
    await fse.outputFile(path.join(STYLES_DIR, file.name), file.content, 'utf8');
  }
  return payload.length;
}

/** Pushes local edits of templates back to the team server. */
export async function shareTemplate(name: string, content: string): Promise<void> {
  await got.put(`${teamServerUrl()}/api/templates/${encodeURIComponent(name)}`, {
    headers: await authHeaders(),
    json: { name, content },
  });
}

async function pushLocalEdits(edits: LocalEdit[]): Promise<void> {
  for (const edit of edits) {
    await shareTemplate(edit.name, edit.content);
  }
}

/**
 * Preferences → Team → "Leave team".
 */
export async function signOutOfTeam(): Promise<void> {
  await fse.remove(LIBRARY_ROOT); // expect: no-reset-without-sync
  await forgetTeamToken();
}

/**
 * Preferences → Team → "Switch team…": edits made to shared templates are
 * pushed to the old team before its library is removed.
 */
export async function switchTeam(connect: () => Promise<void>): Promise<void> {
  const edits = await listLocalEdits(TEMPLATES_DIR);
  await pushLocalEdits(edits);
  await fse.remove(LIBRARY_ROOT); // near-miss: no-reset-without-sync (local edits pushed first)
  await forgetTeamToken();
  await connect();
}
