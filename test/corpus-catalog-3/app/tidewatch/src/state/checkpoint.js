'use strict';

const {
  readFileSync,
  writeFileSync,
  openSync,
  writeSync,
  fsyncSync,
  closeSync,
  renameSync,
  mkdirSync,
} = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const STATE_DIR = process.env.TIDEWATCH_STATE_DIR || '/var/lib/tidewatch';
const CHECKPOINT = path.join(STATE_DIR, 'checkpoint.json');
const CALIBRATION = path.join(STATE_DIR, 'calibration.json');
const CURSOR = path.join(STATE_DIR, 'upload-cursor.json');

mkdirSync(STATE_DIR, { recursive: true });

/**
 * Last sample per station. A gauge that reboots resumes from here, so a lost
 * checkpoint means a gap in the published tide record.
 */
function readCheckpoint() {
  try {
    return JSON.parse(readFileSync(CHECKPOINT, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT' || err.name === 'SyntaxError') {
      return { lastSampleAt: null, stations: {} }; // expect: no-read-failure-as-empty
    }
    throw err;
  }
}

function recordSample(stationId, sample) {
  const state = readCheckpoint();
  state.stations[stationId] = { level: sample.levelMm, at: sample.at, quality: sample.quality };
  state.lastSampleAt = sample.at;
  writeFileSync(CHECKPOINT, JSON.stringify(state)); // expect: no-non-atomic-overwrite
}

/**
 * Sensor offsets entered by the technician on site. Losing them silently
 * shifts every reading of the station.
 */
function readCalibration() {
  let text;
  try {
    text = readFileSync(CALIBRATION, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return { offsets: {} }; // near-miss: no-read-failure-as-empty (missing file only; parse errors propagate)
    throw err;
  }
  return JSON.parse(text);
}

function writeCalibration(calibration) {
  const temp = `${CALIBRATION}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o640);
  try {
    writeSync(fd, JSON.stringify(calibration, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, CALIBRATION); // near-miss: no-rename-without-fsync, no-non-atomic-overwrite (temp + fsync + rename)
}

function setOffset(stationId, offsetMm, technician) {
  const calibration = readCalibration();
  calibration.offsets[stationId] = { offsetMm, technician, at: new Date().toISOString() };
  writeCalibration(calibration);
}

async function loadCursor() {
  try {
    return JSON.parse(await fsp.readFile(CURSOR, 'utf8'));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    return null;
  }
}

async function saveCursor(cursor) {
  const tmp = CURSOR + '.tmp';
  await fsp.writeFile(tmp, JSON.stringify(cursor));
  await fsp.rename(tmp, CURSOR); // expect: no-rename-without-fsync
}

async function saveCursorDurably(cursor) {
  const tmp = `${CURSOR}.${process.pid}.tmp`;
  const handle = await fsp.open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(cursor));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, CURSOR); // near-miss: no-rename-without-fsync (FileHandle#datasync)
}

module.exports = {
  readCheckpoint,
  recordSample,
  readCalibration,
  setOffset,
  loadCursor,
  saveCursor,
  saveCursorDurably,
};
