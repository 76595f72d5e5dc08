// record-exporters.mjs: request bodies as the real OTLP exporters send them.
//
// Copyright 2026 The Errata authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Run by hand, not by CI (it needs the npm registry):
//   cd tests/receive && npm install && node record-exporters.mjs
// (tests/import's run-library.cjs finds the packages through NODE_PATH,
// which this script sets to tests/receive/node_modules.)
//
// Runs the OpenInference instrumentation of the real `openai` client
// through every scenario of tests/import/scenarios.cjs (five chats, three
// tool-using agent runs) against tests/import's fake LLM server, with both
// of OpenTelemetry JS's OTLP/HTTP trace exporters attached to the same
// tracer provider: @opentelemetry/exporter-trace-otlp-http (JSON) and
// @opentelemetry/exporter-trace-otlp-proto (protobuf), their batch
// processors sending every 200 ms. A recording server stands where Errata
// would; each request it got is written, in the order it came, to
// ../core/receive/data/exporters/<n>-json.json or <n>-proto.pb, with
// versions.json naming the packages that made them. The same spans in both
// encodings: tests/core/receive/test-exporters.c receives both and compares
// them with a file import of the JSON bodies.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startServer } from '../import/generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'core', 'receive', 'data', 'exporters');
const modules = path.join(here, 'node_modules');

function startRecorder () {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const encoding = req.url.startsWith('/json/') ? 'json' : 'proto';
      requests.push({ encoding, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': req.headers['content-type'] });
      res.end(encoding === 'json' ? '{}' : '');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, requests })));
}

function version (name) {
  return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
}

async function main () {
  const { server: llm } = await startServer();
  const { server: recorder, requests } = await startRecorder();
  const scratch = fs.mkdtempSync(path.join(here, '_scratch-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath,
      [path.join(here, '..', 'import', 'run-library.cjs'), 'openinference',
        `http://127.0.0.1:${llm.address().port}/v1`, scratch],
      { env: { ...process.env, NODE_PATH: modules,
               ERRATA_RECEIVER_ENDPOINT: `http://127.0.0.1:${recorder.address().port}` } });
    process.stdout.write(stdout);
    process.stderr.write(stderr);
  } finally {
    llm.close();
    recorder.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const counts = { json: 0, proto: 0 };
  for (const request of requests) {
    const n = String(++counts[request.encoding]).padStart(2, '0');
    const name = request.encoding === 'json' ? `${n}-json.json` : `${n}-proto.pb`;
    fs.writeFileSync(path.join(outDir, name), request.body);
  }
  const packages = ['@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/exporter-trace-otlp-proto',
    '@opentelemetry/sdk-trace', '@arizeai/openinference-instrumentation-openai', 'openai'];
  fs.writeFileSync(path.join(outDir, 'versions.json'), JSON.stringify({
    packages: Object.fromEntries(packages.map((name) => [name, version(name)])),
    node: process.version,
    requests: counts,
  }, null, 2) + '\n');
  console.log(`wrote ${requests.length} request bodies to ${outDir}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
