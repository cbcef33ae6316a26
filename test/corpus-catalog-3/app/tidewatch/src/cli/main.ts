#!/usr/bin/env node
import { createWriteStream, rmSync, writeFile as writeFileCb } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SensorBus, type Reading } from '../sensors/bus';
import { countPending, uploadPending } from '../upload/readingsUploader';

const STATE_DIR = process.env.TIDEWATCH_STATE_DIR ?? '/var/lib/tidewatch';
const STATE_FILE = path.join(STATE_DIR, 'daemon-state.json');
const BUFFER_DIR = path.join(STATE_DIR, 'buffer');
const CRASH_DUMP = path.join(STATE_DIR, 'unsent-readings.json');

const state = { startedAt: Date.now(), samples: 0, lastFlushAt: 0, buffered: [] as Reading[] };

async function flushState(): Promise<void> {
  state.lastFlushAt = Date.now();
  await writeFile(STATE_FILE, JSON.stringify(state));
}

function usage(message?: string): never {
  if (message) console.error(`tidewatch: ${message}`);
  console.error('usage: tidewatch <run|export|purge|reset> [--out FILE] [--format csv|jsonl]');
  process.exit(2); // near-miss: no-unfinished-write-at-exit (nothing written yet)
}

/** Fatal error inside the sampling loop: keep what was buffered for the next start. */
function die(err: unknown): never {
  console.error('tidewatch: fatal', err);
  writeFile(CRASH_DUMP, JSON.stringify({ at: new Date().toISOString(), buffered: state.buffered }));
  process.exit(1); // expect: no-unfinished-write-at-exit
}

/** Fatal error reported by the sensor bus (callback API). */
function dieFromBus(err: Error): void {
  console.error('tidewatch: sensor bus failed', err);
  writeFileCb(CRASH_DUMP, JSON.stringify({ at: new Date().toISOString(), buffered: state.buffered }), (writeErr) => {
    if (writeErr) console.error('tidewatch: could not keep unsent readings', writeErr);
    process.exit(1); // near-miss: no-unfinished-write-at-exit (exit inside the write's callback)
  });
}

function installSignalHandlers(bus: SensorBus): void {
  process.on('SIGINT', () => {
    bus.stop();
    flushState();
    process.exit(130); // expect: no-unfinished-write-at-exit
  });

  process.on('SIGTERM', async () => {
    bus.stop();
    try {
      await flushState();
    } catch (err) {
      console.error('tidewatch: could not save state on shutdown', err);
    }
    process.exit(0); // near-miss: no-unfinished-write-at-exit (state write awaited)
  });
}

async function exportCsv(readings: Reading[], out: string): Promise<void> {
  const stream = createWriteStream(out);
  stream.write('station,at,level_mm,quality\n');
  for (const r of readings) stream.write(`${r.station},${r.at},${r.levelMm},${r.quality}\n`);
  stream.end();
  console.log(`wrote ${readings.length} rows to ${out}`);
  process.exit(0); // expect: no-unfinished-write-at-exit
}

async function exportJsonl(readings: Reading[], out: string): Promise<void> {
  const stream = createWriteStream(out);
  for (const r of readings) stream.write(JSON.stringify(r) + '\n');
  stream.end();
  await once(stream, 'finish');
  console.log(`wrote ${readings.length} rows to ${out}`);
  process.exit(0); // near-miss: no-unfinished-write-at-exit (waits for 'finish')
}

/** `tidewatch purge`: free the disk on a decommissioned gauge. */
async function purgeLocalData(): Promise<void> {
  rmSync(BUFFER_DIR, { recursive: true, force: true }); // expect: no-reset-without-sync
  rmSync(STATE_FILE, { force: true });
  console.log('local readings removed');
}

/** `tidewatch reset`: start a gauge over after a sensor swap. */
async function resetStation(): Promise<void> {
  const pending = await countPending();
  if (pending > 0) {
    console.log(`uploading ${pending} buffered readings first…`);
    await uploadPending();
  }
  rmSync(BUFFER_DIR, { recursive: true, force: true }); // near-miss: no-reset-without-sync (pending readings uploaded first)
  rmSync(STATE_FILE, { force: true });
  console.log('station reset');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, format: { type: 'string', default: 'csv' } },
  });

  switch (positionals[0]) {
    case 'run': {
      const bus = new SensorBus({ port: process.env.TIDEWATCH_PORT ?? '/dev/ttyUSB0' });
      bus.on('fatal', dieFromBus);
      installSignalHandlers(bus);
      for await (const reading of bus.readings()) {
        state.samples++;
        state.buffered.push(reading);
        if (state.samples % 60 === 0) await flushState();
      }
      return;
    }
    case 'export': {
      if (!values.out) usage('--out is required');
      const bus = new SensorBus({ port: process.env.TIDEWATCH_PORT ?? '/dev/ttyUSB0' });
      const readings = await bus.history();
      if (values.format === 'jsonl') await exportJsonl(readings, values.out);
      else await exportCsv(readings, values.out);
      return;
    }
    case 'purge':
      return purgeLocalData();
    case 'reset':
      return resetStation();
    default:
      usage(positionals[0] ? `unknown command ${positionals[0]}` : undefined);
  }
}

main().catch(die);
