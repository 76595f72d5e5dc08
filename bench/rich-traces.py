#!/usr/bin/env python3
# rich-traces.py: 30-message traces with tool calls and Markdown, the kind
# the GUI bench (bench/gui-1m.sh) pages through with j.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each record is OpenAI chat JSONL: a system prompt, then six rounds of a
# user question, an assistant turn calling two tools (the first four
# rounds) or one, their results (JSON) and an assistant answer in Markdown
# (a heading, a table, a numbered list with bold, italics, inline code and
# a link, a fenced code block), then a last user message: 30 messages. Deterministic
# for a given --seed. Standard library only.

import argparse
import json
import random
import sys

AREAS = ["Riverside Park", "Old Town", "Quay Street", "Harbour Hill", "Northgate",
         "Willow Lane", "Market Square", "Station Road"]
NAMES = ["Ada", "Bob", "Chen", "Dara", "Emil", "Farah", "Goran", "Hana"]


def tool_call(rng, call_id, area, bedrooms, budget):
    if rng.random() < 0.5:
        return {"id": call_id, "type": "function",
                "function": {"name": "search_listings",
                             "arguments": json.dumps({"area": area, "bedrooms": bedrooms,
                                                      "max_price": budget})}}
    return {"id": call_id, "type": "function",
            "function": {"name": "check_availability",
                         "arguments": json.dumps({"area": area, "day": "Saturday",
                                                  "slots": ["10:00", "11:00", "14:30"]})}}


def tool_result(rng, call, n):
    results = [{"id": "RP-%d" % (n * 10 + i), "price": rng.randrange(900, 2400),
                "address": "%d %s" % (rng.randrange(1, 200), rng.choice(AREAS)),
                "tags": rng.sample(["garden", "parking", "balcony", "lift", "pets"], 2)}
               for i in range(rng.randrange(2, 5))]
    return {"role": "tool", "tool_call_id": call["id"], "name": call["function"]["name"],
            "content": json.dumps({"ok": True, "results": results})}


def answer(rng, n, area, budget):
    rows = "\n".join("| RP-%d | %d %s | $%d |" % (n * 10 + i, rng.randrange(1, 200),
                                                   rng.choice(AREAS), rng.randrange(900, budget))
                     for i in range(3))
    return ("## %d flats match near %s\n\n"
            "All are within your budget of **$%d**:\n\n"
            "| Listing | Address | Rent |\n|---|---|--:|\n%s\n\n"
            "1. **The first one**: south-facing, *recently renovated*, five minutes from the "
            "park, with a balcony over the gardens\n"
            "2. **The second**: river view, `parking included`, close to the tram line\n"
            "3. **The third**: _quiet street_, a lift, pets allowed\n\n"
            "```json\n{\"viewing\": \"Saturday 11:00\", \"listing\": \"RP-%d\"}\n```\n\n"
            "Shall I book the viewing? Details are on "
            "[our site](https://northgate.example/rp-%d)."
            % (3, area, budget, rows, n * 10, n * 10))


def trace(rng, index, prefix):
    name = rng.choice(NAMES)
    messages = [{"role": "system",
                 "content": "You are **Casa**, the assistant of Northgate Realty. Check "
                            "availability with the tools before proposing a viewing; never "
                            "promise a discount."}]
    for round_ in range(6):
        n = index * 6 + round_
        area = rng.choice(AREAS)
        bedrooms = rng.randrange(1, 4)
        budget = rng.randrange(1200, 2600)
        messages.append({"role": "user",
                         "content": "Hi, %s here. Could you find me a **%d-bedroom** flat near "
                                    "%s under $%d? Saturday morning suits me best."
                                    % (name, bedrooms, area, budget)})
        calls = [tool_call(rng, "call_%d_%d_%d" % (index, round_, i), area, bedrooms, budget)
                 for i in range(2 if round_ < 4 else 1)]
        messages.append({"role": "assistant", "content": None, "tool_calls": calls})
        messages.extend(tool_result(rng, call, n) for call in calls)
        messages.append({"role": "assistant", "content": answer(rng, n, area, budget)})
    messages.append({"role": "user", "content": "Great, thanks!"})
    return {"id": "%s%06d" % (prefix, index), "messages": messages,
            "metadata": {"user_id": "user_%04d" % rng.randrange(10000), "model": "gpt-4o-mini",
                         "channel": "web"}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("-o", "--output")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--id-prefix", default="rich-")
    args = parser.parse_args()
    out = open(args.output, "w") if args.output else sys.stdout
    rng = random.Random(args.seed)
    for i in range(args.count):
        out.write(json.dumps(trace(rng, i, args.id_prefix)) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
