// scenarios.cjs: what the fake server says, and what the application asks.
//
// Copyright 2026 The Errata authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Five multi-turn chats and three tool-using agent runs. Each scenario has
// a script of replies the fake server hands out in order (an assistant text,
// or tool calls); the application (run-library.cjs) asks what a chat UI or an
// agent loop would. Tool call ids are the server's: call_<scenario>_<n>.

'use strict';

const TITLE_PROMPT = 'Write a short title (at most six words) for this conversation.';

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_local_time',
      description: 'Local time in a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      },
    },
  },
];

// What the tools answer (the application runs them, not the server).
function runTool (name, args) {
  const weather = {
    Paris: '14 °C, light rain',
    Oslo: '3 °C, snow',
    Rome: '21 °C, sunny',
    Lisbon: '19 °C, clear',
  };
  const times = { Rome: '15:42', Lisbon: '14:42' };
  if (name === 'get_weather')
    return JSON.stringify({ city: args.city, weather: weather[args.city] || 'unknown' });
  if (name === 'get_local_time')
    return JSON.stringify({ city: args.city, time: times[args.city] || 'unknown' });
  throw new Error(`no tool ${name}`);
}

const SCENARIOS = [
  {
    id: 'chat-three-turns',
    kind: 'chat',
    system: 'You are a concise cooking assistant.',
    turns: [
      'How long should I boil an egg for a runny yolk?',
      'And for a hard-boiled one?',
      'Thanks. Should I put them in cold water afterwards?',
    ],
    replies: [
      'About 6 minutes in boiling water gives a runny yolk.',
      'Around 10 minutes for a fully set yolk.',
      'Yes: an ice bath stops the cooking and makes them easier to peel.',
    ],
  },
  {
    id: 'chat-text-parts',
    kind: 'chat',
    system: 'You summarise text in one sentence.',
    turns: [
      [
        { type: 'text', text: 'Summarise: the meeting moved to Thursday because the room was double-booked.' },
      ],
      [
        { type: 'text', text: 'Now in French, please.' },
        { type: 'text', text: 'Keep it short.' },
      ],
    ],
    replies: [
      'The meeting was moved to Thursday after a room double-booking.',
      'La réunion est déplacée à jeudi.',
    ],
  },
  {
    id: 'chat-image-part',
    kind: 'chat',
    system: 'You describe pictures for people who cannot see them.',
    turns: [
      [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: 'https://example.com/pictures/cat-on-sofa.png' } },
      ],
      'Is the cat asleep?',
    ],
    replies: [
      'A grey cat lying on a green sofa.',
      'Its eyes are closed, so it seems to be asleep.',
    ],
  },
  {
    id: 'chat-with-title',
    kind: 'chat',
    system: 'You are a helpful travel assistant.',
    turns: [
      'I have two days in Lisbon. What should I not miss?',
      'Which of those is best at sunset?',
    ],
    replies: [
      'Alfama, Belém and a tram 28 ride are the classics.',
      'The Miradouro da Senhora do Monte, above Graça.',
    ],
    title: 'Two days in Lisbon',
  },
  {
    id: 'chat-one-turn',
    kind: 'chat',
    system: null,
    turns: ['Spell "necessary" backwards.'],
    replies: ['yrassecen'],
  },
  {
    id: 'agent-one-tool',
    kind: 'agent',
    system: 'You answer weather questions with the tools you have.',
    question: 'What is the weather in Paris right now?',
    replies: [
      { tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      'It is 14 °C with light rain in Paris.',
    ],
  },
  {
    id: 'agent-parallel-tools',
    kind: 'agent',
    system: 'You answer weather questions with the tools you have.',
    question: 'Is it colder in Paris or in Oslo today?',
    replies: [
      {
        tool_calls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Oslo' } },
        ],
      },
      'Oslo is colder: 3 °C with snow, against 14 °C in Paris.',
    ],
  },
  {
    id: 'agent-two-rounds-title',
    kind: 'agent',
    system: 'You answer questions about cities with the tools you have.',
    question: 'What is the weather in Rome, and what time is it there?',
    replies: [
      { tool_calls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] },
      { tool_calls: [{ name: 'get_local_time', arguments: { city: 'Rome' } }] },
      'In Rome it is 21 °C and sunny, and the local time is 15:42.',
    ],
    title: 'Weather and time in Rome',
  },
];

module.exports = { SCENARIOS, TOOLS, TITLE_PROMPT, runTool };
