import fse from 'fs-extra';
import * as fs from 'node:fs';
import { open } from 'node:fs/promises';
import * as readline from 'node:readline';
import path from 'node:path';
import { Writer } from 'steno';
import type { ExportPreset, ImportSession, Keyword, SmartAlbumRule } from '../types';

/**
 * Things the user builds up over years in Lumen, kept per library in
 * `<library>/.lumen/`: import sessions, export presets, the keyword
 * vocabulary, smart-album rules and picks.
 */
export class UserCollections {
  private readonly dir: string;
  private readonly sessionsFile: string;
  private readonly presetsFile: string;
  private readonly keywordsFile: string;
  private readonly smartAlbumsFile: string;
  private readonly picksFile: string;
  private readonly ratingsFile: string;
  private readonly picksWriter: Writer;

  constructor(libraryRoot: string) {
    this.dir = path.join(libraryRoot, '.lumen');
    this.sessionsFile = path.join(this.dir, 'import-sessions.json');
    this.presetsFile = path.join(this.dir, 'export-presets.json');
    this.keywordsFile = path.join(this.dir, 'keywords.txt');
    this.smartAlbumsFile = path.join(this.dir, 'smart-albums.ndjson');
    this.picksFile = path.join(this.dir, 'picks.json');
    this.ratingsFile = path.join(this.dir, 'ratings.json');
    this.picksWriter = new Writer(this.picksFile);
  }

  // -- import sessions (fs-extra) ------------------------------------------

  async sessions(): Promise<ImportSession[]> {
    if (!(await fse.pathExists(this.sessionsFile))) return [];
    return fse.readJson(this.sessionsFile);
  }

  async recordSession(session: ImportSession): Promise<void> {
    const all = await this.sessions();
    all.push(session);
    await fse.writeJson(this.sessionsFile, all, { spaces: 1 }); // expect: no-non-atomic-overwrite
  }

  // -- export presets (sync helper) ----------------------------------------

  presets(): ExportPreset[] {
    if (!fs.existsSync(this.presetsFile)) return [];
    return JSON.parse(fs.readFileSync(this.presetsFile, 'utf8'));
  }

  savePreset(preset: ExportPreset): void {
    const presets = this.presets().filter((p) => p.name !== preset.name);
    writeJsonSync(this.presetsFile, [...presets, preset]);
  }

  // -- keyword vocabulary (one per line) ------------------------------------

  async keywords(): Promise<Keyword[]> {
    if (!fs.existsSync(this.keywordsFile)) return [];
    const text = await fse.readFile(this.keywordsFile, 'utf8');
    return text.split('\n').filter(Boolean).map((line) => ({ label: line.trim() }));
  }

  async saveKeywords(keywords: Keyword[]): Promise<void> {
    const handle = await open(this.keywordsFile, 'w'); // expect: no-non-atomic-overwrite
    try {
      await handle.writeFile(keywords.map((k) => k.label).join('\n'));
    } finally {
      await handle.close();
    }
  }

  async addKeyword(keyword: Keyword): Promise<void> {
    await fse.appendFile(this.keywordsFile, `${keyword.label}\n`); // near-miss: no-non-atomic-overwrite (append)
  }

  // -- smart albums (NDJSON, streamed) --------------------------------------

  async smartAlbums(): Promise<SmartAlbumRule[]> {
    if (!fs.existsSync(this.smartAlbumsFile)) return [];
    const rl = readline.createInterface({ input: fs.createReadStream(this.smartAlbumsFile), crlfDelay: Infinity });
    const rules: SmartAlbumRule[] = [];
    for await (const line of rl) if (line.trim()) rules.push(JSON.parse(line));
    return rules;
  }

  async saveSmartAlbums(rules: SmartAlbumRule[]): Promise<void> {
    const out = fs.createWriteStream(this.smartAlbumsFile); // expect: no-non-atomic-overwrite
    for (const rule of rules) out.write(`${JSON.stringify(rule)}\n`);
    out.end();
    await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
  }

  // -- picks (steno) ----------------------------------------------------------

  async picks(): Promise<string[]> {
    if (!(await fse.pathExists(this.picksFile))) return [];
    return JSON.parse(await fse.readFile(this.picksFile, 'utf8'));
  }

  async savePicks(ids: string[]): Promise<void> {
    await this.picksWriter.write(JSON.stringify(ids)); // near-miss: no-non-atomic-overwrite (steno writes temp + rename)
  }

  // -- star ratings (temp + move) ---------------------------------------------

  async ratings(): Promise<Record<string, number>> {
    if (!(await fse.pathExists(this.ratingsFile))) return {};
    return fse.readJson(this.ratingsFile);
  }

  async saveRatings(ratings: Record<string, number>): Promise<void> {
    const tmp = `${this.ratingsFile}.tmp`;
    await fse.outputJson(tmp, ratings);
    await fse.move(tmp, this.ratingsFile, { overwrite: true }); // expect: no-rename-without-fsync
  }

  async saveRatingsDurably(ratings: Record<string, number>): Promise<void> {
    const tmp = `${this.ratingsFile}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(ratings));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fse.move(tmp, this.ratingsFile, { overwrite: true }); // near-miss: no-rename-without-fsync, no-non-atomic-overwrite (temp synced, then moved)
  }
}

/** Small helper shared by the preference writers in this file. */
function writeJsonSync(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2)); // expect: no-non-atomic-overwrite
}
