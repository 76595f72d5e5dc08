// make-protobuf.mjs: protobuf request bodies for the receiver's tests.
//
// Copyright 2026 The Errata authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Run by hand, not by CI (it needs the npm registry):
//   cd tests/receive && npm install && node make-protobuf.mjs
//
// The OTLP JSON fixtures in ../core/import/data/instrumented/ were written
// by real instrumentation libraries (tests/import/generate.mjs). This turns
// each back into the span and log record objects the OpenTelemetry JS SDK
// hands its exporters, and encodes them with the serializer
// @opentelemetry/exporter-trace-otlp-proto and -logs-otlp-proto send with
// (ProtobufTraceSerializer / ProtobufLogsSerializer of
// @opentelemetry/otlp-transformer): the body such an exporter would POST.
// Writes ../core/receive/data/<library>.pb (and <library>-logs.pb) and
// versions.json naming the package versions that made them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProtobufTraceSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';

const here = path.dirname(fileURLToPath(import.meta.url));
const inDir = path.join(here, '..', 'core', 'import', 'data', 'instrumented');
const outDir = path.join(here, '..', 'core', 'receive', 'data');

const TRACES = ['openinference', 'traceloop-0.27', 'traceloop-0.12', 'opentelemetry', 'langfuse'];
const LOGS = ['opentelemetry-logs'];

function anyValue (value) {
  if (value === undefined || value === null) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return (value.arrayValue.values || []).map(anyValue);
  if ('kvlistValue' in value) return attributes(value.kvlistValue.values);
  if ('bytesValue' in value) return Buffer.from(value.bytesValue, 'base64');
  return undefined;
}

function attributes (list) {
  const result = {};
  for (const pair of list || []) result[pair.key] = anyValue(pair.value);
  return result;
}

function hrTime (nanos) {
  const big = BigInt(nanos || 0);
  return [Number(big / 1000000000n), Number(big % 1000000000n)];
}

function readableSpan (span, resource, scope) {
  return {
    name: span.name,
    kind: (span.kind || 1) - 1,
    spanContext: () => ({ traceId: span.traceId, spanId: span.spanId, traceFlags: (span.flags || 1) & 0xff }),
    parentSpanContext: span.parentSpanId ? { traceId: span.traceId, spanId: span.parentSpanId, traceFlags: 1 } : undefined,
    startTime: hrTime(span.startTimeUnixNano),
    endTime: hrTime(span.endTimeUnixNano),
    attributes: attributes(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount || 0,
    events: (span.events || []).map((e) => ({
      name: e.name, time: hrTime(e.timeUnixNano), attributes: attributes(e.attributes),
      droppedAttributesCount: e.droppedAttributesCount || 0,
    })),
    droppedEventsCount: span.droppedEventsCount || 0,
    links: [],
    droppedLinksCount: span.droppedLinksCount || 0,
    status: { code: (span.status && span.status.code) || 0, message: span.status && span.status.message },
    resource,
    instrumentationScope: scope,
  };
}

function logRecord (record, resource, scope) {
  return {
    hrTime: hrTime(record.timeUnixNano),
    hrTimeObserved: hrTime(record.observedTimeUnixNano || record.timeUnixNano),
    severityNumber: record.severityNumber,
    severityText: record.severityText,
    body: anyValue(record.body),
    attributes: attributes(record.attributes),
    droppedAttributesCount: record.droppedAttributesCount || 0,
    spanContext: record.traceId ? { traceId: record.traceId, spanId: record.spanId, traceFlags: record.flags || 0 } : undefined,
    eventName: record.eventName,
    resource,
    instrumentationScope: scope,
  };
}

function resourceOf (entry) {
  return { attributes: attributes(entry.resource && entry.resource.attributes), schemaUrl: entry.schemaUrl };
}

function scopeOf (entry) {
  return { name: (entry.scope && entry.scope.name) || '', version: entry.scope && entry.scope.version, schemaUrl: entry.schemaUrl };
}

fs.mkdirSync(outDir, { recursive: true });
for (const library of TRACES) {
  const request = JSON.parse(fs.readFileSync(path.join(inDir, library + '.json'), 'utf8'));
  const spans = [];
  for (const rs of request.resourceSpans) {
    const resource = resourceOf(rs);
    for (const ss of rs.scopeSpans) {
      const scope = scopeOf(ss);
      for (const span of ss.spans) spans.push(readableSpan(span, resource, scope));
    }
  }
  fs.writeFileSync(path.join(outDir, library + '.pb'), ProtobufTraceSerializer.serializeRequest(spans));
}
for (const library of LOGS) {
  const request = JSON.parse(fs.readFileSync(path.join(inDir, library + '.json'), 'utf8'));
  const records = [];
  for (const rl of request.resourceLogs) {
    const resource = resourceOf(rl);
    for (const sl of rl.scopeLogs) {
      const scope = scopeOf(sl);
      for (const record of sl.logRecords) records.push(logRecord(record, resource, scope));
    }
  }
  fs.writeFileSync(path.join(outDir, library + '.pb'), ProtobufLogsSerializer.serializeRequest(records));
}
const version = JSON.parse(fs.readFileSync(path.join(here, 'node_modules', '@opentelemetry', 'otlp-transformer', 'package.json'), 'utf8')).version;
fs.writeFileSync(path.join(outDir, 'versions.json'), JSON.stringify({
  '@opentelemetry/otlp-transformer': version,
  node: process.version,
  from: 'tests/core/import/data/instrumented/*.json (tests/import/generate.mjs)',
}, null, 2) + '\n');
