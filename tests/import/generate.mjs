// generate.mjs: OTLP fixtures from real instrumentation libraries.
//
// Copyright 2026 The Errata authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Run by hand, not by CI (it needs the npm registry):
//   cd tests/import && npm ci && node generate.mjs
//
// Starts a small OpenAI-compatible server on 127.0.0.1 that answers from
// the scripts in scenarios.cjs and records every request and reply, runs
// run-library.cjs once per library against it, and writes, into
// ../core/import/data/instrumented/:
//   <library>.json, <library>-per-trace.jsonl, <library>-per-span.jsonl
//     the spans as one ExportTraceServiceRequest, one per trace per line,
//     one per span per line (and the same three for log records, -logs*);
//   expected.json
//     per library and scenario, the conversation the server really saw:
//     the agent's longest request plus its reply, and the other calls
//     (title generation) as secondary calls, in Errata's message shape.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { SCENARIOS, TITLE_PROMPT } = require('./scenarios.cjs');
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'core', 'import', 'data', 'instrumented');

const LIBRARIES = [
  'openinference',
  'traceloop-0.27',
  'traceloop-0.12',
  'opentelemetry',
  'opentelemetry-responses',
  'langfuse',
];

function packageVersion (name) {
  return JSON.parse(fs.readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const VERSIONS = {
  openinference: ['@arizeai/openinference-instrumentation-openai'],
  'traceloop-0.27': ['@traceloop/instrumentation-openai'],
  'traceloop-0.12': ['traceloop-instrumentation-openai-0.12'],
  opentelemetry: ['@opentelemetry/instrumentation-openai'],
  'opentelemetry-responses': ['@opentelemetry/instrumentation-openai'],
  langfuse: ['@langfuse/tracing', '@langfuse/openai'],
};

function words (text) {
  return String(text).split(/\s+/).filter(Boolean).length;
}

// The fake server: one script position per scenario; title calls answer
// the scenario's title.
function startServer () {
  const log = [];
  const position = new Map();
  let callId = 0;

  function nextReply (scenario, body, system) {
    if (system === TITLE_PROMPT)
      return scenario.title;
    const n = position.get(scenario.id) || 0;
    position.set(scenario.id, n + 1);
    if (n >= scenario.replies.length)
      throw new Error(`${scenario.id}: no reply ${n}`);
    return scenario.replies[n];
  }

  function chatReply (scenario, body) {
    const system = body.messages[0] && body.messages[0].role === 'system' ? body.messages[0].content : null;
    const script = nextReply(scenario, body, system);
    const message = { role: 'assistant', content: null, refusal: null };
    if (typeof script === 'string') {
      message.content = script;
    } else {
      message.tool_calls = script.tool_calls.map((call) => ({
        id: `call_${scenario.id.replace(/-/g, '_')}_${++callId}`,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      }));
    }
    return {
      message,
      body: {
        id: `chatcmpl-${log.length + 1}`,
        object: 'chat.completion',
        created: 1767225600,
        model: 'fake-gpt',
        choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop', logprobs: null }],
        usage: {
          prompt_tokens: words(JSON.stringify(body.messages)),
          completion_tokens: words(JSON.stringify(message)),
          total_tokens: words(JSON.stringify(body.messages)) + words(JSON.stringify(message)),
        },
      },
    };
  }

  function responsesReply (scenario, body) {
    const text = nextReply(scenario, body, body.instructions || null);
    const message = { role: 'assistant', content: text };
    return {
      message,
      body: {
        id: `resp_${log.length + 1}`,
        object: 'response',
        created_at: 1767225600,
        status: 'completed',
        model: 'fake-gpt',
        output: [{
          type: 'message',
          id: `msg_${log.length + 1}`,
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text, annotations: [] }],
        }],
        usage: {
          input_tokens: words(JSON.stringify(body.input)),
          output_tokens: words(text),
          total_tokens: words(JSON.stringify(body.input)) + words(text),
        },
      },
    };
  }

  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => {
      try {
        const body = JSON.parse(data);
        const scenario = SCENARIOS.find((s) => s.id === req.headers['x-scenario']);
        if (!scenario)
          throw new Error(`no scenario ${req.headers['x-scenario']}`);
        const reply = req.url.endsWith('/responses') ? responsesReply(scenario, body) : chatReply(scenario, body);
        log.push({ scenario: scenario.id, url: req.url, request: body, reply: reply.message });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      } catch (error) {
        console.error(error);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, log })));
}

// Errata's message shape: text parts joined by newlines, an image part as
// the placeholder the importer writes, tool calls {id, name, arguments}.
function contentText (content) {
  if (content === null || content === undefined)
    return '';
  if (typeof content === 'string')
    return content;
  return content.map((part) => {
    if (part.type === 'text' || part.type === 'input_text')
      return part.text;
    if (part.type === 'image_url')
      return `[image: ${part.image_url.url}]`;
    if (part.type === 'input_image')
      return `[image: ${part.image_url}]`;
    throw new Error(`unexpected part ${part.type}`);
  }).join('\n');
}

// What a library records when it cannot keep the parts: OpenTelemetry's
// OpenAI instrumentation (Chat Completions) concatenates the text parts with
// nothing between them and leaves images out. The importer cannot bring
// back what the export does not hold: the test expects this instead.
function recordedContent (library, content) {
  if (library !== 'opentelemetry' || !Array.isArray(content))
    return undefined;
  return content.filter((part) => part.type === 'text').map((part) => part.text).join('');
}

function normalise (message, library) {
  const out = { role: message.role, content: contentText(message.content) };
  const recorded = recordedContent(library, message.content);
  if (recorded !== undefined && recorded !== out.content)
    out.recorded_content = recorded;
  if (message.tool_calls)
    out.tool_calls = message.tool_calls.map((call) => ({
      id: call.id, name: call.function.name, arguments: call.function.arguments,
    }));
  if (message.tool_call_id)
    out.tool_call_id = message.tool_call_id;
  return out;
}

function requestMessages (entry) {
  if (!entry.url.endsWith('/responses'))
    return entry.request.messages;
  const messages = entry.request.instructions ? [{ role: 'system', content: entry.request.instructions }] : [];
  for (const item of entry.request.input)
    messages.push({ role: item.role, content: item.content });
  return messages;
}

function callOf (entry, library) {
  return [...requestMessages(entry), entry.reply].map((message) => normalise(message, library));
}

function isTitle (entry) {
  const first = requestMessages(entry)[0];
  return first && first.role === 'system' && first.content === TITLE_PROMPT;
}

function expectedFor (log, library) {
  const scenarios = {};
  for (const scenario of SCENARIOS) {
    const entries = log.filter((e) => e.scenario === scenario.id);
    if (entries.length === 0)
      continue;
    const main = entries.filter((e) => !isTitle(e));
    scenarios[scenario.id] = {
      conversation: callOf(main[main.length - 1], library),
      secondary: entries.filter(isTitle).map((entry) => callOf(entry, library)),
      llm_calls: entries.length,
    };
  }
  return scenarios;
}

async function main () {
  fs.mkdirSync(outDir, { recursive: true });
  const expected = { generated_by: {}, libraries: {} };
  for (const library of LIBRARIES) {
    const { server, log } = await startServer();
    const url = `http://127.0.0.1:${server.address().port}/v1`;
    try {
      // Asynchronous: the server answers from this process's event loop.
      const { stdout, stderr } = await promisify(execFile)(process.execPath,
        [path.join(here, 'run-library.cjs'), library, url, outDir]);
      process.stdout.write(stdout);
      process.stderr.write(stderr);
    } finally {
      server.close();
    }
    expected.generated_by[library] = Object.fromEntries(
      [...VERSIONS[library], library === 'traceloop-0.12' ? 'openai-v4' : 'openai',
        '@opentelemetry/otlp-transformer'].map((name) =>
        [name.replace('traceloop-instrumentation-openai-0.12', '@traceloop/instrumentation-openai')
          .replace('openai-v4', 'openai'), packageVersion(name)]));
    expected.libraries[library] = expectedFor(log, library);
  }
  fs.writeFileSync(path.join(outDir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  console.log(`wrote ${outDir}`);
}

// tests/receive/record-exporters.mjs borrows the fake server.
export { startServer };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
