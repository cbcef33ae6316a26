'use strict';
// Database dump rotation: each nightly pg_dump is moved into the backup directory and a copy
// is pushed off-site; the working dump is removed afterwards.
const { promises: fsp, constants } = require('node:fs');
const path = require('node:path');
const got = require('got');

const BACKUP_DIR = process.env.BACKUP_DIR || '/var/backups/pg';
const OUTGOING_DIR = process.env.OUTGOING_DIR || '/var/backups/outgoing';
const OFFSITE = process.env.OFFSITE_URL || 'https://vault.example.net/buckets/pg-dumps';

function stamp(date = new Date()) {
  return date.toISOString().replace(/[:.]/g, '-');
}

async function rotateDumpLegacy(dumpPath) {
  const target = path.join(BACKUP_DIR, `${path.basename(dumpPath)}.${stamp()}`);
  try {
    await fsp.copyFile(dumpPath, target, constants.COPYFILE_EXCL);
  } finally {
    await fsp.rm(dumpPath, { force: true }); // expect: no-destroy-before-backup
  }
  return target;
}

async function rotateDump(dumpPath) {
  const target = path.join(BACKUP_DIR, `${path.basename(dumpPath)}.${stamp()}`);
  await fsp.copyFile(dumpPath, target, constants.COPYFILE_EXCL);
  const [src, dst] = await Promise.all([fsp.stat(dumpPath), fsp.stat(target)]);
  if (src.size !== dst.size) {
    throw new Error(`backup copy of ${dumpPath} is ${dst.size} bytes, expected ${src.size}`);
  }
  await fsp.rm(dumpPath); // near-miss: no-destroy-before-backup
  return target;
}

async function pushOffsiteLegacy(file) {
  const body = await fsp.readFile(file);
  await got.put(`${OFFSITE}/${path.basename(file)}`, { body, throwHttpErrors: false, retry: { limit: 2 } }); // expect: no-unchecked-upload-response
  await fsp.unlink(file); // expect: no-destroy-before-backup
}

async function pushOffsite(file) {
  const body = await fsp.readFile(file);
  const res = await got.put(`${OFFSITE}/${path.basename(file)}`, { body, throwHttpErrors: false, retry: { limit: 2 } }); // near-miss: no-unchecked-upload-response
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new Error(`off-site upload of ${file} failed: ${res.statusCode} ${res.body}`);
  }
  await fsp.unlink(file); // near-miss: no-destroy-before-backup
}

async function discardPartial(target) {
  await fsp.unlink(target).catch(() => {}); // near-miss: no-swallowed-write-error (best-effort removal of a temp file)
}

async function pruneOldBackups(keep = 14) {
  const names = (await fsp.readdir(BACKUP_DIR)).filter((n) => n.includes('.dump.')).sort();
  const stale = names.slice(0, Math.max(0, names.length - keep));
  await Promise.all(stale.map((n) => fsp.rm(path.join(BACKUP_DIR, n))));
  return stale.length;
}

async function nightly(dumpPath) {
  const archived = await rotateDump(dumpPath);
  const outgoing = path.join(OUTGOING_DIR, path.basename(archived));
  await fsp.copyFile(archived, outgoing);
  await pushOffsite(outgoing);
  return pruneOldBackups();
}

module.exports = { rotateDump, rotateDumpLegacy, pushOffsite, pushOffsiteLegacy, discardPartial, nightly };
