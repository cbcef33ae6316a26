'use strict';
// Nightly report job (callback style): reports are written to OUT_DIR, archived to
// ARCHIVE_DIR, uploaded to the reporting API, and a manifest of what was produced is kept.
const fs = require('fs');
const path = require('path');

const OUT_DIR = process.env.REPORT_OUT || '/srv/reports/out';
const ARCHIVE_DIR = process.env.REPORT_ARCHIVE || '/mnt/archive/reports';
const MANIFEST = path.join(OUT_DIR, 'manifest.json');
const REPORT_API = process.env.REPORT_API || 'https://reports.example.com/api/reports';

function archiveReport(file, cb) {
  const src = path.join(OUT_DIR, file);
  const dst = path.join(ARCHIVE_DIR, file);
  fs.copyFile(src, dst, () => { // expect: no-swallowed-write-error
    fs.unlink(src, cb); // expect: no-destroy-before-backup
  });
}

function archiveReportChecked(file, cb) {
  const src = path.join(OUT_DIR, file);
  const dst = path.join(ARCHIVE_DIR, file);
  fs.copyFile(src, dst, fs.constants.COPYFILE_EXCL, (err) => { // near-miss: no-swallowed-write-error
    if (err) return cb(err);
    fs.unlink(src, cb); // near-miss: no-destroy-before-backup
  });
}

function writeManifest(entries, done) {
  fs.writeFile(MANIFEST, JSON.stringify(entries, null, 2), function (err) { // expect: no-swallowed-write-error
    done(null, entries.length);
  });
}

function writeManifestChecked(entries, done) {
  fs.writeFile(MANIFEST, JSON.stringify(entries, null, 2), (err) => { // near-miss: no-swallowed-write-error
    if (err) {
      done(err);
      return;
    }
    done(null, entries.length);
  });
}

function uploadReport(file, cb) {
  const full = path.join(OUT_DIR, file);
  fs.readFile(full, (err, data) => {
    if (err) return cb(err);
    fetch(`${REPORT_API}/${encodeURIComponent(file)}`, { method: 'PUT', body: data }) // near-miss: no-unchecked-upload-response
      .then((res) => {
        if (!res.ok) throw new Error(`report ${file}: HTTP ${res.status}`);
        cb(null);
      })
      .catch(cb); // near-miss: no-swallowed-write-error
  });
}

function runNightly(done) {
  fs.readdir(OUT_DIR, (err, names) => {
    if (err) return done(err);
    const reports = names.filter((n) => n.endsWith('.csv'));
    let pending = reports.length;
    const failures = [];
    if (pending === 0) return writeManifestChecked([], done);
    for (const name of reports) {
      uploadReport(name, (uploadErr) => {
        if (uploadErr) failures.push({ name, error: uploadErr.message });
        else archiveReportChecked(name, (archiveErr) => archiveErr && failures.push({ name, error: archiveErr.message }));
        if (--pending === 0) {
          writeManifestChecked(reports.map((n) => ({ name: n, failed: failures.some((f) => f.name === n) })), done);
        }
      });
    }
  });
}

module.exports = { archiveReport, archiveReportChecked, writeManifest, writeManifestChecked, uploadReport, runNightly };
