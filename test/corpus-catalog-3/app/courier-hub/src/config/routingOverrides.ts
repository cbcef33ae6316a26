import fse from 'fs-extra';
import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { logger } from '../logger';

// Dispatchers edit these from the ops console; the router re-reads them on every plan.

export type Overrides = { zones: Record<string, string>; blockedPostcodes: string[] };
export type Depot = { id: string; name: string; lat: number; lon: number; cutoff: string };
export type Closure = { depotId: string; date: string; reason: string };

const CONFIG_DIR = process.env.COURIER_CONFIG_DIR ?? '/var/lib/courier-hub/config';
const OVERRIDES_FILE = path.join(CONFIG_DIR, 'routing-overrides.json');
const DEPOTS_FILE = path.join(CONFIG_DIR, 'depots.json');
const CLOSURES_FILE = path.join(CONFIG_DIR, 'holiday-closures.json');
const REPORTS_DIR = path.join(CONFIG_DIR, 'reports');
// Compiled lookup table, regenerated from the files above whenever they change.
const COMPILED_TABLE = path.join(process.cwd(), 'build', 'routing-table.json');

type RoutingTable = { generatedAt: string; byPostcode: Record<string, string> };

async function writeJsonFile(file: string, data: unknown): Promise<void> {
  await fs.promises.writeFile(file, JSON.stringify(data, null, 2)); // expect: no-non-atomic-overwrite
}

export async function loadOverrides(): Promise<Overrides> {
  try {
    return await fse.readJson(OVERRIDES_FILE);
  } catch (err) {
    logger.warn({ err }, 'routing overrides unreadable; routing without overrides');
    return { zones: {}, blockedPostcodes: [] }; // expect: no-read-failure-as-empty
  }
}

export async function setZoneDepot(zone: string, depotId: string): Promise<void> {
  const overrides = await loadOverrides();
  overrides.zones[zone] = depotId;
  await writeJsonFile(OVERRIDES_FILE, overrides);
}

export async function blockPostcode(postcode: string): Promise<void> {
  const overrides = await loadOverrides();
  if (!overrides.blockedPostcodes.includes(postcode)) overrides.blockedPostcodes.push(postcode);
  await writeJsonFile(OVERRIDES_FILE, overrides);
}

export async function writeDailyReport(day: string, report: object): Promise<void> {
  await fse.ensureDir(REPORTS_DIR);
  await writeJsonFile(path.join(REPORTS_DIR, `routing-${day}.json`), report);
}

export async function loadDepots(): Promise<Depot[]> {
  try {
    return await fse.readJson(DEPOTS_FILE);
  } catch (err: any) {
    if (err.code === 'ENOENT') return [];
    throw err;
  }
}

export function saveDepots(depots: Depot[], done: (err: NodeJS.ErrnoException | null) => void): void {
  const temp = `${DEPOTS_FILE}.tmp`;
  fs.writeFile(temp, JSON.stringify(depots, null, 2), (err) => {
    if (err) return done(err);
    fs.rename(temp, DEPOTS_FILE, done); // expect: no-rename-without-fsync
  });
}

export async function loadClosures(): Promise<Closure[]> {
  try {
    return await fse.readJson(CLOSURES_FILE);
  } catch (err: any) {
    if (err.code !== 'ENOENT') throw err;
    return []; // near-miss: no-read-failure-as-empty (missing file only)
  }
}

export function saveClosures(closures: Closure[], done: (err: NodeJS.ErrnoException | null) => void): void {
  const temp = `${CLOSURES_FILE}.${process.pid}.tmp`;
  fs.writeFile(temp, JSON.stringify(closures, null, 2), { flush: true }, (err) => {
    if (err) return done(err);
    fs.rename(temp, CLOSURES_FILE, done); // near-miss: no-rename-without-fsync (flush: true)
  });
}

export async function addClosure(closure: Closure): Promise<void> {
  const closures = await loadClosures();
  closures.push(closure);
  await writeFileAtomic(CLOSURES_FILE, JSON.stringify(closures, null, 2)); // near-miss: no-non-atomic-overwrite (write-file-atomic)
}

export async function loadCompiledTable(): Promise<RoutingTable | null> {
  if (!fs.existsSync(COMPILED_TABLE)) return null;
  return fse.readJson(COMPILED_TABLE);
}

export async function compileRoutingTable(postcodeToZone: Record<string, string>): Promise<RoutingTable> {
  const [overrides, depots] = await Promise.all([loadOverrides(), loadDepots()]);
  const fallbackDepot = depots[0]?.id ?? 'unassigned';
  const byPostcode: Record<string, string> = {};
  for (const [postcode, zone] of Object.entries(postcodeToZone)) {
    if (overrides.blockedPostcodes.includes(postcode)) continue;
    byPostcode[postcode] = overrides.zones[zone] ?? fallbackDepot;
  }
  const table: RoutingTable = { generatedAt: new Date().toISOString(), byPostcode };
  await fse.ensureDir(path.dirname(COMPILED_TABLE));
  await fs.promises.writeFile(COMPILED_TABLE, JSON.stringify(table)); // near-miss: no-non-atomic-overwrite (build output, regenerated from the source files)
  return table;
}
