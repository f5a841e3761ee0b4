// Loaded only by the demo server that `npm start` launches (a second extensionDevelopmentPath in its URL), never
// packaged. The launcher writes the demo's environment name and API key to a private file outside the workspace
// and names that file in the server's environment; this extension reads it once, deletes it, and stores the key
// through mTLS Rotation's own Set API Key command, so the key lands in SecretStorage like a key the user typed.
// A workspace cannot load this extension nor set the server's environment, so it cannot preset a key.
/* global require, exports, process */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded as is by the extension host */
'use strict';
const fs = require('fs');
const vscode = require('vscode');

exports.activate = async function activate() {
  const presetFile = process.env.MTLS_DEMO_PRESET_FILE;
  const readyFile = process.env.MTLS_DEMO_READY_FILE;
  if (!presetFile || !readyFile || !fs.existsSync(presetFile)) return;
  let result;
  try {
    const { environment, apiKey } = JSON.parse(fs.readFileSync(presetFile, 'utf8'));
    fs.rmSync(presetFile, { force: true });
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', environment, apiKey);
    await vscode.commands.executeCommand('mtlsRotation.showInventory');
    result = { ok: true };
  } catch (err) {
    result = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  fs.writeFileSync(readyFile, JSON.stringify(result) + '\n');
};

exports.deactivate = function deactivate() {};
