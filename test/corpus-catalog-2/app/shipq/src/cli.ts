#!/usr/bin/env node
import { createWriteStream, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  STATE_DIR,
  acquireLock,
  journal,
  loadHistory,
  loadQueue,
  releaseLock,
  saveQueue,
  type Job,
} from './state';
import { runJob } from './runner';

const USAGE = `usage: shipq <add|run|report|drain> [options]`;

async function persistQueue(jobs: Job[]): Promise<void> {
  await saveQueue({ jobs });
  await journal('queue-saved', { size: jobs.length });
}

async function cmdAdd(target: string, ref: string): Promise<void> {
  const queue = await loadQueue();
  const job: Job = {
    id: randomUUID(),
    target,
    ref,
    requestedBy: process.env.USER ?? 'unknown',
    queuedAt: new Date().toISOString(),
  };
  queue.jobs.push(job);
  persistQueue(queue.jobs);
  console.log(`queued ${job.id} (${queue.jobs.length} waiting)`);
  process.exit(0); // expect: no-unfinished-write-at-exit
}

async function cmdCancel(jobId: string): Promise<void> {
  const queue = await loadQueue();
  const remaining = queue.jobs.filter((j) => j.id !== jobId);
  if (remaining.length === queue.jobs.length) {
    console.error(`no such job: ${jobId}`);
    process.exit(1); // near-miss: no-unfinished-write-at-exit (no write started yet)
  }
  await persistQueue(remaining);
  process.exit(0); // near-miss: no-unfinished-write-at-exit (queue save awaited)
}

async function cmdReport(outFile: string): Promise<void> {
  const history = await loadHistory();
  const out = createWriteStream(outFile);
  out.write('job,status,finished\n');
  for (const h of history) out.write(`${h.jobId},${h.status},${h.finishedAt}\n`);
  out.end();
  const failed = history.filter((h) => h.status === 'failed').length;
  process.exit(failed > 0 ? 3 : 0); // expect: no-unfinished-write-at-exit
}

async function cmdReportToFile(outFile: string): Promise<void> {
  const history = await loadHistory();
  const out = createWriteStream(outFile);
  out.write('job,status,finished\n');
  for (const h of history) out.write(`${h.jobId},${h.status},${h.finishedAt}\n`);
  out.end();
  await once(out, 'finish');
  const failed = history.filter((h) => h.status === 'failed').length;
  process.exit(failed > 0 ? 3 : 0); // near-miss: no-unfinished-write-at-exit (waits for the stream's finish event)
}

async function cmdRun(): Promise<void> {
  if (!(await acquireLock())) {
    console.error('another shipq worker is running');
    process.exit(75); // near-miss: no-unfinished-write-at-exit (nothing written before this exit)
  }
  const queue = await loadQueue();
  const interrupted = join(STATE_DIR, 'interrupted.json');

  process.on('exit', () => {
    writeFile(interrupted, JSON.stringify(queue.jobs)); // expect: no-unfinished-write-at-exit
  });
  process.on('exit', () => {
    writeFileSync(join(STATE_DIR, 'last-exit.json'), JSON.stringify({ at: Date.now(), left: queue.jobs.length })); // near-miss: no-unfinished-write-at-exit (synchronous write in an exit handler)
  });

  process.on('SIGINT', () => {
    persistQueue(queue.jobs).then(
      () => process.exit(130), // near-miss: no-unfinished-write-at-exit (exit inside the save's .then)
      (err) => {
        console.error('could not save queue', err);
        process.exit(1);
      },
    );
  });

  while (queue.jobs.length > 0) {
    const job = queue.jobs[0];
    await runJob(job);
    queue.jobs.shift();
    await persistQueue(queue.jobs);
  }
  await releaseLock();
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'add':
      return cmdAdd(rest[0], rest[1] ?? 'main');
    case 'cancel':
      return cmdCancel(rest[0]);
    case 'report':
      return rest.includes('--wait') ? cmdReportToFile(rest[0]) : cmdReport(rest[0]);
    case 'run':
      return cmdRun();
    default:
      console.error(USAGE);
      process.exit(64);
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
