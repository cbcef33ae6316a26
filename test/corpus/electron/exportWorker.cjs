'use strict';
// Utility process: "Export and clean up" copies the selected recordings to an external drive
// and frees the space they used in the app's library.
const { copyFile, unlink: removeFile, mkdir, stat } = require('fs/promises');
const path = require('path');

async function exportRecordingsLegacy(files, destination) {
  await mkdir(destination, { recursive: true });
  for (const file of files) {
    copyFile(file, path.join(destination, path.basename(file))); // expect: no-floating-write
  }
  await Promise.all(files.map((file) => removeFile(file))); // expect: no-destroy-before-backup
  return files.length;
}

async function exportRecordings(files, destination, onProgress) {
  await mkdir(destination, { recursive: true });
  await Promise.all(files.map((file) => copyFile(file, path.join(destination, path.basename(file))))); // near-miss: no-floating-write
  for (const file of files) {
    const [original, copy] = await Promise.all([stat(file), stat(path.join(destination, path.basename(file)))]);
    if (original.size !== copy.size) throw new Error(`export of ${path.basename(file)} is incomplete`);
  }
  let removed = 0;
  for (const file of files) {
    await removeFile(file); // near-miss: no-destroy-before-backup
    onProgress(++removed, files.length);
  }
  return removed;
}

process.parentPort.on('message', async ({ data }) => {
  if (data.type !== 'export') return;
  try {
    const count = await exportRecordings(data.files, data.destination, (done, total) =>
      process.parentPort.postMessage({ type: 'progress', done, total }),
    );
    process.parentPort.postMessage({ type: 'done', count });
  } catch (err) { // near-miss: no-swallowed-write-error
    process.parentPort.postMessage({ type: 'failed', message: err.message });
  }
});

module.exports = { exportRecordings, exportRecordingsLegacy };
