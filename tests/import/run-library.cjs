// run-library.cjs: one instrumentation library, every scenario, one process.
//
// Copyright 2026 The Errata authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node run-library.cjs LIBRARY BASE_URL OUT_DIR
//
// Each library patches the `openai` module its own way, so each runs in a
// process of its own (generate.mjs starts them). The application code is
// the same for all: a chat loop and an agent loop over the real `openai`
// client, talking to the fake server, with the spans an application of that
// library's family writes itself (the agent or chat root, the tool spans).
// The spans (and log records) are serialised with otlp-transformer's JSON
// serializer in three layouts.

'use strict';

const fs = require('node:fs');
const path = require('node:path');
const api = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { TracerProvider, SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace');
const { LoggerProvider, SimpleLogRecordProcessor, InMemoryLogRecordExporter } = require('@opentelemetry/sdk-logs');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { JsonTraceSerializer, JsonLogsSerializer } = require('@opentelemetry/otlp-transformer');
const { SCENARIOS, TOOLS, TITLE_PROMPT, runTool } = require('./scenarios.cjs');

const [library, baseURL, outDir] = process.argv.slice(2);
const MODEL = 'fake-gpt';

const spanExporter = new InMemorySpanExporter();
const logExporter = new InMemoryLogRecordExporter();
const resource = resourceFromAttributes({ 'service.name': `errata-fixture-${library}` });
// tests/receive/record-exporters.mjs: the real OTLP exporters too, JSON
// and protobuf, both sending every span to a recording server.
function otlpProcessors () {
  const endpoint = process.env.ERRATA_RECEIVER_ENDPOINT;
  if (!endpoint)
    return [];
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace');
  const http = require('@opentelemetry/exporter-trace-otlp-http');
  const proto = require('@opentelemetry/exporter-trace-otlp-proto');
  return [
    new BatchSpanProcessor({ exporter: new http.OTLPTraceExporter({ url: `${endpoint}/json/v1/traces` }),
                             scheduledDelayMillis: 200 }),
    new BatchSpanProcessor({ exporter: new proto.OTLPTraceExporter({ url: `${endpoint}/proto/v1/traces` }),
                             scheduledDelayMillis: 200 }),
  ];
}
const tracerProvider = new TracerProvider({
  resource,
  spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter }), ...otlpProcessors()],
});
const loggerProvider = new LoggerProvider({
  resource,
  processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
});
api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
api.trace.setGlobalTracerProvider(tracerProvider);
require('@opentelemetry/api-logs').logs.setGlobalLoggerProvider(loggerProvider);

// The family decides how the application marks its own spans.
const FAMILY = {
  openinference: 'openinference',
  'traceloop-0.27': 'genai',
  'traceloop-0.12': 'traceloop',
  opentelemetry: 'genai',
  'opentelemetry-responses': 'genai',
  langfuse: 'langfuse',
}[library];
if (FAMILY === undefined)
  throw new Error(`unknown library ${library}`);

function instrument () {
  switch (library) {
    case 'openinference': {
      const { OpenAIInstrumentation } = require('@arizeai/openinference-instrumentation-openai');
      const instrumentation = new OpenAIInstrumentation();
      instrumentation.setTracerProvider(tracerProvider);
      const openai = require('openai');
      instrumentation.manuallyInstrument(openai);
      return openai;
    }
    case 'traceloop-0.27':
    case 'traceloop-0.12': {
      const name = library === 'traceloop-0.27'
        ? '@traceloop/instrumentation-openai' : 'traceloop-instrumentation-openai-0.12';
      const { OpenAIInstrumentation } = require(name);
      const instrumentation = new OpenAIInstrumentation({ enrichTokens: false });
      instrumentation.setTracerProvider(tracerProvider);
      // 0.12 supports openai >=3.1 <5: it gets the 4.x client.
      const openai = require(library === 'traceloop-0.12' ? 'openai-v4' : 'openai');
      // 0.27 wants the OpenAI class, 0.12 the module.
      instrumentation.manuallyInstrument(library === 'traceloop-0.27' ? openai.OpenAI : openai);
      return openai;
    }
    case 'opentelemetry':
    case 'opentelemetry-responses': {
      const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
      const instrumentation = new OpenAIInstrumentation({ captureMessageContent: true });
      instrumentation.setTracerProvider(tracerProvider);
      instrumentation.setLoggerProvider(loggerProvider);
      // Its metric instruments exist only once it has a meter provider:
      // without one, recording usage throws and the output event is lost.
      instrumentation.setMeterProvider(api.metrics.getMeterProvider());
      // The instrumentation hooks `require`: load the client after it.
      return require('openai');
    }
    case 'langfuse': {
      const { setLangfuseTracerProvider } = require('@langfuse/tracing');
      setLangfuseTracerProvider(tracerProvider);
      return require('openai');
    }
  }
}

const openaiModule = instrument();
const OpenAI = openaiModule.OpenAI || openaiModule.default || openaiModule;

function makeClient (scenario) {
  const client = new OpenAI({
    apiKey: 'sk-fixture',
    baseURL,
    defaultHeaders: { 'x-scenario': scenario.id },
    maxRetries: 0,
  });
  if (library === 'langfuse') {
    const { observeOpenAI } = require('@langfuse/openai');
    return observeOpenAI(client);
  }
  return client;
}

const tracer = api.trace.getTracer('errata-fixture-app', '1.0.0');

// The root span of a scenario: an agent or chat span, as the app writes it.
async function withRoot (scenario, fn) {
  if (FAMILY === 'langfuse') {
    const { startActiveObservation } = require('@langfuse/tracing');
    return startActiveObservation(scenario.id, async (observation) => {
      observation.update({ input: scenario.question || scenario.turns[0] });
      const output = await fn();
      observation.update({ output });
      return output;
    }, { asType: scenario.kind === 'agent' ? 'agent' : 'span' });
  }
  const attributes = {};
  if (FAMILY === 'openinference') {
    attributes['openinference.span.kind'] = scenario.kind === 'agent' ? 'AGENT' : 'CHAIN';
    attributes['input.value'] = scenario.question || JSON.stringify(scenario.turns[0]);
  } else if (FAMILY === 'traceloop') {
    attributes['traceloop.span.kind'] = 'workflow';
    attributes['traceloop.workflow.name'] = scenario.id;
  } else if (scenario.kind === 'agent') {
    attributes['gen_ai.operation.name'] = 'invoke_agent';
    attributes['gen_ai.agent.name'] = scenario.id;
  }
  return tracer.startActiveSpan(scenario.id, { attributes }, async (span) => {
    try {
      const output = await fn();
      if (FAMILY === 'openinference')
        span.setAttribute('output.value', output);
      return output;
    } finally {
      span.end();
    }
  });
}

// A tool run, with the span the family writes for it.
async function withToolSpan (call, fn) {
  const args = JSON.parse(call.function.arguments);
  if (FAMILY === 'langfuse') {
    const { startActiveObservation } = require('@langfuse/tracing');
    return startActiveObservation(call.function.name, async (observation) => {
      observation.update({ input: args });
      const result = await fn(args);
      observation.update({ output: result });
      return result;
    }, { asType: 'tool' });
  }
  const attributes = {};
  if (FAMILY === 'openinference') {
    attributes['openinference.span.kind'] = 'TOOL';
    attributes['tool.name'] = call.function.name;
    attributes['tool.parameters'] = call.function.arguments;
    attributes['tool_call.id'] = call.id;
    attributes['input.value'] = call.function.arguments;
  } else if (FAMILY === 'traceloop') {
    // What @traceloop/node-server-sdk's withTool writes: no call id.
    attributes['traceloop.span.kind'] = 'tool';
    attributes['traceloop.entity.name'] = call.function.name;
    attributes['traceloop.entity.input'] = JSON.stringify({ args: [args] });
  } else {
    attributes['gen_ai.operation.name'] = 'execute_tool';
    attributes['gen_ai.tool.name'] = call.function.name;
    attributes['gen_ai.tool.call.id'] = call.id;
    attributes['gen_ai.tool.call.arguments'] = call.function.arguments;
  }
  const name = FAMILY === 'traceloop' ? `${call.function.name}.tool` : `execute_tool ${call.function.name}`;
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await fn(args);
      if (FAMILY === 'openinference')
        span.setAttribute('output.value', result);
      else if (FAMILY === 'traceloop')
        span.setAttribute('traceloop.entity.output', result);
      else
        span.setAttribute('gen_ai.tool.call.result', result);
      return result;
    } finally {
      span.end();
    }
  });
}

// Chat Completions content parts as Responses API input parts.
function responsesContent (content) {
  if (typeof content === 'string')
    return content;
  return content.map((part) => part.type === 'text'
    ? { type: 'input_text', text: part.text }
    : { type: 'input_image', image_url: part.image_url.url, detail: 'auto' });
}

async function complete (client, messages, tools) {
  if (library === 'opentelemetry-responses') {
    const system = messages.find((m) => m.role === 'system');
    const response = await client.responses.create({
      model: MODEL,
      instructions: system ? system.content : undefined,
      input: messages.filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role, content: responsesContent(m.content) })),
    });
    return { role: 'assistant', content: response.output_text };
  }
  const response = await client.chat.completions.create({ model: MODEL, messages, tools });
  const message = response.choices[0].message;
  const reply = { role: 'assistant', content: message.content };
  if (message.tool_calls && message.tool_calls.length > 0)
    reply.tool_calls = message.tool_calls;
  return reply;
}

function transcript (messages) {
  return messages.filter((m) => m.role === 'user' || (m.role === 'assistant' && m.content))
    .map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content
      : m.content.filter((p) => p.type === 'text').map((p) => p.text).join(' ')}`)
    .join('\n');
}

async function titleCall (client, messages) {
  const reply = await complete(client, [
    { role: 'system', content: TITLE_PROMPT },
    { role: 'user', content: transcript(messages) },
  ]);
  return reply.content;
}

async function runChat (scenario) {
  const client = makeClient(scenario);
  return withRoot(scenario, async () => {
    const messages = scenario.system ? [{ role: 'system', content: scenario.system }] : [];
    let last = '';
    for (const turn of scenario.turns) {
      messages.push({ role: 'user', content: turn });
      const reply = await complete(client, messages);
      messages.push(reply);
      last = reply.content;
    }
    if (scenario.title)
      await titleCall(client, messages);
    return last;
  });
}

async function runAgent (scenario) {
  const client = makeClient(scenario);
  return withRoot(scenario, async () => {
    const messages = [
      { role: 'system', content: scenario.system },
      { role: 'user', content: scenario.question },
    ];
    for (;;) {
      const reply = await complete(client, messages, TOOLS);
      messages.push(reply);
      if (!reply.tool_calls)
        break;
      // Parallel calls run in parallel, as an agent framework runs them.
      const results = await Promise.all(reply.tool_calls.map((call) =>
        withToolSpan(call, async (args) => runTool(call.function.name, args))));
      reply.tool_calls.forEach((call, i) =>
        messages.push({ role: 'tool', tool_call_id: call.id, content: results[i] }));
    }
    if (scenario.title)
      await titleCall(client, messages);
    return messages[messages.length - 1].content;
  });
}

function groupBy (items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k))
      groups.set(k, []);
    groups.get(k).push(item);
  }
  return [...groups.values()];
}

const decoder = new TextDecoder();

function writeLayouts (base, items, serialize, traceIdOf) {
  fs.writeFileSync(`${base}.json`, decoder.decode(serialize(items)) + '\n');
  fs.writeFileSync(`${base}-per-trace.jsonl`,
    groupBy(items, traceIdOf).map((group) => decoder.decode(serialize(group))).join('\n') + '\n');
  fs.writeFileSync(`${base}-per-span.jsonl`,
    items.map((item) => decoder.decode(serialize([item]))).join('\n') + '\n');
}

async function main () {
  const scenarios = library === 'opentelemetry-responses'
    ? SCENARIOS.filter((s) => s.kind === 'chat') : SCENARIOS;
  for (const scenario of scenarios) {
    if (scenario.kind === 'chat')
      await runChat(scenario);
    else
      await runAgent(scenario);
  }
  await tracerProvider.forceFlush();
  await loggerProvider.forceFlush();

  const spans = spanExporter.getFinishedSpans()
    .sort((a, b) => (a.startTime[0] - b.startTime[0]) || (a.startTime[1] - b.startTime[1]));
  const base = path.join(outDir, library);
  writeLayouts(base, spans, (s) => JsonTraceSerializer.serializeRequest(s),
    (s) => s.spanContext().traceId);
  const logs = logExporter.getFinishedLogRecords();
  if (logs.length > 0)
    writeLayouts(`${base}-logs`, logs, (l) => JsonLogsSerializer.serializeRequest(l),
      (l) => l.spanContext ? l.spanContext.traceId : '');
  console.log(`${library}: ${scenarios.length} scenarios, ${spans.length} spans, ${logs.length} log records`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
