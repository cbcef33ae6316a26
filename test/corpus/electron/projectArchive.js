'use strict';
// Main process (CommonJS): "Archive project" moves a project folder to the archive volume
// the user picked in preferences.
const fs = require('fs');
const fsp = require('fs').promises;
const path = require('path');
const { dialog, ipcMain } = require('electron');

function archiveProjectLegacy(projectDir, archiveDir, done) {
  const target = path.join(archiveDir, path.basename(projectDir));
  fs.cp(projectDir, target, { recursive: true }, (err) => { // expect: no-swallowed-write-error
    fs.rm(projectDir, { recursive: true }, done); // expect: no-destroy-before-backup
  });
}

function archiveProject(projectDir, archiveDir, done) {
  const target = path.join(archiveDir, path.basename(projectDir));
  fs.cp(projectDir, target, { recursive: true, errorOnExist: true, force: false }, (err) => { // near-miss: no-swallowed-write-error
    if (err) {
      dialog.showErrorBox('Archive failed', `${projectDir} was not archived and was left in place.\n\n${err.message}`);
      return done(err);
    }
    fs.rm(projectDir, { recursive: true }, done); // near-miss: no-destroy-before-backup
  });
}

function copyTemplateLegacy(templateDir, projectDir) {
  fsp.cp(templateDir, projectDir, { recursive: true }) // expect: no-floating-write
    .then(() => fsp.rm(path.join(projectDir, '.template'), { force: true }));
}

function copyTemplate(templateDir, projectDir) {
  return fsp // near-miss: no-floating-write
    .cp(templateDir, projectDir, { recursive: true })
    .then(() => fsp.rm(path.join(projectDir, '.template'), { force: true }));
}

ipcMain.handle('project:archive', (_event, projectDir, archiveDir) =>
  new Promise((resolve, reject) => {
    archiveProject(projectDir, archiveDir, (err) => (err ? reject(err) : resolve(true)));
  }),
);

ipcMain.handle('project:create', async (_event, templateDir, projectDir) => {
  await copyTemplate(templateDir, projectDir);
  return projectDir;
});

module.exports = { archiveProject, archiveProjectLegacy, copyTemplate, copyTemplateLegacy };
