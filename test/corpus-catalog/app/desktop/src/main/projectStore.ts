import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';

export interface Project {
  id: string;
  name: string;
  root: string;
  color?: string;
  lastOpenedAt: number;
}

export type TagMap = Record<string, string[]>;

/**
 * The project list and the tags users put on projects, stored as two JSON files in
 * the profile directory. The renderer talks to this through IPC.
 */
export class ProjectStore {
  private readonly projectsFile: string;
  private readonly tagsFile: string;

  constructor(private readonly dir: string) {
    this.projectsFile = join(dir, 'projects.json');
    this.tagsFile = join(dir, 'tags.json');
  }

  async loadProjects(): Promise<Project[]> {
    try {
      return JSON.parse(await fsp.readFile(this.projectsFile, 'utf8'));
    } catch (err: any) {
      // first run, or a file we cannot read back: behave like a first run
      if (err.code === 'ENOENT' || err.name === 'SyntaxError') {
        return []; // expect: no-read-failure-as-empty
      }
      throw err;
    }
  }

  async saveProjects(projects: Project[]): Promise<void> {
    const temp = `${this.projectsFile}.tmp`;
    await fsp.writeFile(temp, JSON.stringify(projects, null, 2));
    await fsp.rename(temp, this.projectsFile); // expect: no-rename-without-fsync
  }

  /** Called from the window 'close' handler, where we cannot await. */
  saveProjectsSync(projects: Project[]): void {
    const temp = `${this.projectsFile}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(projects), { encoding: 'utf8', flush: true });
    fs.renameSync(temp, this.projectsFile); // expect: no-rename-without-fsync
  }

  async loadTags(): Promise<TagMap> {
    try {
      return JSON.parse(await fsp.readFile(this.tagsFile, 'utf8'));
    } catch (err: any) {
      if (err.code === 'ENOENT') return {}; // near-miss: no-read-failure-as-empty (missing file only)
      if (err.name === 'SyntaxError') {
        await fsp.copyFile(this.tagsFile, `${this.tagsFile}.corrupt-${Date.now()}`);
        return {}; // near-miss: no-read-failure-as-empty (corrupt file copied aside first)
      }
      throw err;
    }
  }

  async saveTags(tags: TagMap): Promise<void> {
    const temp = `${this.tagsFile}.tmp`;
    const handle = await fsp.open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(tags, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, this.tagsFile); // near-miss: no-rename-without-fsync (handle.sync before close)
  }

  saveTagsSync(tags: TagMap): void {
    const temp = `${this.tagsFile}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(tags), { flush: true });
    fs.renameSync(temp, this.tagsFile); // near-miss: no-rename-without-fsync (flush: true without the utf8 fast path)
  }

  async touch(id: string): Promise<void> {
    const projects = await this.loadProjects();
    const project = projects.find((p) => p.id === id);
    if (!project) return;
    project.lastOpenedAt = Date.now();
    await this.saveProjects(projects);
  }

  async tag(id: string, tag: string): Promise<void> {
    const tags = await this.loadTags();
    tags[id] = Array.from(new Set([...(tags[id] ?? []), tag]));
    await this.saveTags(tags);
  }

  /** Moves a closed project's metadata into the archive folder; nothing is written here. */
  archive(fileName: string): void {
    fs.mkdirSync(join(this.dir, 'archive'), { recursive: true });
    fs.renameSync(join(this.dir, fileName), join(this.dir, 'archive', `${Date.now()}-${fileName}`)); // near-miss: no-rename-without-fsync (moves an existing file)
  }
}
