// In-process metrics buffer: points are batched in memory, spilled to a local file when the
// buffer grows too large, and posted to the collector every few seconds.
import { EventEmitter } from 'node:events';
import { promises as fs } from 'fs';
import got from 'got';

export interface Point {
  name: string;
  value: number;
  tags?: Record<string, string>;
  ts: number;
}

const MAX_IN_MEMORY = 10_000;

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}

async function readSpill(file: string): Promise<Point[]> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Point);
  } catch (err) {
    ignoreMissing(err as NodeJS.ErrnoException);
    return [];
  }
}

export class MetricsBuffer extends EventEmitter {
  private points: Point[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly url: string, private readonly spillFile: string) {
    super();
  }

  start(intervalMs = 5000): void {
    this.timer = setInterval(() => {
      this.flush().catch((err) => this.emit('error', err)); // near-miss: no-floating-write
    }, intervalMs);
  }

  recordLegacy(point: Point): void {
    this.points.push(point);
    if (this.points.length > MAX_IN_MEMORY) this.spill(); // expect: no-floating-write
  }

  record(point: Point): void {
    this.points.push(point);
    if (this.points.length > MAX_IN_MEMORY) {
      this.spill().catch((err) => this.emit('error', err)); // near-miss: no-floating-write
    }
  }

  private async spill(): Promise<void> {
    const batch = this.points.splice(0, this.points.length);
    await fs.appendFile(this.spillFile, batch.map((p) => JSON.stringify(p)).join('\n') + '\n');
  }

  async flushLegacy(): Promise<void> {
    const batch = this.points;
    this.points = [];
    await got.post(this.url, { json: { points: batch }, throwHttpErrors: false }); // expect: no-unchecked-upload-response
    await fs.unlink(this.spillFile).catch(ignoreMissing); // expect: no-destroy-before-backup
  }

  async flush(): Promise<void> {
    const spilled = await readSpill(this.spillFile);
    const batch = this.points.slice();
    if (spilled.length + batch.length === 0) return;
    await got.post(this.url, { json: { points: [...spilled, ...batch] }, timeout: { request: 10_000 } }); // near-miss: no-unchecked-upload-response
    this.points.splice(0, batch.length);
    if (spilled.length > 0) await fs.unlink(this.spillFile).catch(ignoreMissing); // near-miss: no-destroy-before-backup
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.flush();
    } finally {
      this.points.length = 0; // near-miss: no-destroy-before-backup
    }
  }
}
