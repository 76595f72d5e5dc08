#!/usr/bin/env python3
# generate-traces.py: synthetic OpenAI chat JSONL traces for Errata's benchmarks.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each record looks like what an LLM customer-support / shopping assistant
# logs: a system prompt, user and assistant turns, assistant tool_calls with
# JSON arguments and the tool results, plus an id and a few metadata fields
# (customer, model, latency_ms, usage tokens). Output is deterministic for a
# given --seed, whatever --jobs is: each block of records has its own seed.
#
# With --floor FILE the generator also writes, for the same records, the
# columns Errata derives (input, output, messages, metadata, stats, the FTS
# body) as CSV in the column order of the `traces` table plus `body`, so the
# plain sqlite3 shell can load them (see floor.sh). Python's time for that
# is not part of the floor: the floor is what loading alone costs.
#
# Standard library only.

import argparse
import csv
import io
import json
import multiprocessing
import random
import string
import sys

BLOCK = 500  # records per independently seeded block

# Words that recur in almost every support conversation.
COMMON = """the a an and or but to of in on for with at from by about as into
like through after over between out against during without before under around
among is are was were be been being have has had do does did will would shall
should can could may might must i you he she it we they me him her us them my
your his its our their this that these those what which who whom whose when
where why how all any both each few more most other some such no nor not only
own same so than too very just also now then there here please thanks thank
order orders item items account help""".split()

NOUNS = """order package delivery refund return shipment invoice receipt payment
card address account password email phone number product item size colour color
price discount coupon code warranty subscription plan trial upgrade downgrade
store branch warehouse courier tracking label box parcel customer agent manager
team support ticket issue problem question answer request update change date
time week month day morning evening weekend holiday recipe ingredient kitchen
oven pan dinner lunch breakfast portion serving calorie allergy diet flight
booking reservation seat hotel room checkin checkout luggage ticket train bus
apartment lease tenant landlord tour viewing deposit rent application laptop
phone charger cable screen battery keyboard headphones camera printer router
shoes jacket shirt dress jeans sofa table chair lamp mattress blanket pillow
balance transfer statement fee interest loan mortgage policy claim premium
quote schedule appointment doctor clinic prescription pharmacy insurance""".split()

VERBS = """check track cancel change update confirm send ship deliver return
refund replace exchange order buy pay charge book reserve schedule move arrive
receive open close reset verify find search look show tell explain help need
want like prefer try use install connect fix break work start stop finish
apply approve reject review compare recommend suggest cook bake prepare mix
stir serve store freeze heat measure substitute visit call email message wait
expect promise guarantee process handle escalate resolve investigate""".split()

ADJECTIVES = """new old late early quick slow fast cheap expensive free wrong right
damaged broken missing correct available unavailable standard express premium
basic large small medium extra simple easy hard difficult important urgent
possible impossible recent previous next last first second final full partial
fresh frozen spicy sweet salty vegetarian vegan gluten dairy healthy quiet
noisy clean dirty comfortable secure safe local international online offline""".split()

# Rare vocabulary: each word shows up in a few traces per ten thousand.
RARE = """aardvark quokka marzipan kumquat zeppelin xylophone obsidian
tamarind halloumi gazpacho sauerkraut kohlrabi rutabaga samovar theremin
accordion chrysanthemum dodecahedron escarpment fjord gondola hibiscus
isthmus jacaranda kaleidoscope labyrinth mangosteen narwhal ocelot
pangolin quinoa rhubarb saffron tapioca ukulele vermouth wombat yuzu""".split()

FIRST_NAMES = """Alice Bob Carol David Erin Frank Grace Heidi Ivan Judy Mallory
Niaj Olivia Peggy Rupert Sybil Trent Victor Walter Yasmin Zoe Amir Bea Chen
Dmitri Elena Farah Goran Hana Ines Jonas Kenji Lena Mateo Noor Omar Priya""".split()

CITIES = """Berlin Lisbon Austin Denver Toronto Dublin Madrid Oslo Porto Lyon Leeds
Boston Seattle Chicago Munich Vienna Prague Warsaw Krakow Milan Turin Naples""".split()

CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark",
             "wayne", "wonka", "tyrell", "cyberdyne", "soylent", "aperture",
             "vandelay", "pied-piper", "gringotts", "monsters-inc"]
MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini", "o3-mini",
          "llama-3.1-70b", "mistral-large", "claude-3-5-sonnet"]
ENVIRONMENTS = ["production", "production", "production", "staging", "dev"]
# Non-ASCII metadata (key and values) for the metadata filter figures; taken
# by record number, so that the random stream (and every other field) stays
# what it was before this field came.
CITIES = ["Zürich", "São Paulo", "東京", "Kraków", "Montréal", "Reykjavík", "Łódź"]

TOOLS = [
    ("get_order_status", "Look up an order by its number.",
     {"order_id": "string"}),
    ("search_products", "Search the catalogue.",
     {"query": "string", "max_results": "integer", "in_stock_only": "boolean"}),
    ("lookup_customer", "Find a customer account by email.",
     {"email": "string"}),
    ("create_refund", "Start a refund for an order.",
     {"order_id": "string", "amount": "number", "reason": "string"}),
    ("schedule_callback", "Book a phone call with an agent.",
     {"phone": "string", "date": "string", "topic": "string"}),
    ("find_recipes", "Search recipes by ingredients.",
     {"ingredients": "array", "diet": "string", "max_minutes": "integer"}),
    ("check_availability", "Check apartment or room availability.",
     {"city": "string", "start_date": "string", "nights": "integer"}),
]

SENTENCE_SHAPES = [
    "{Pron} {verb} the {adj} {noun} {prep} {det} {noun2}.",
    "Could you {verb} my {noun} {prep} {det} {adj} {noun2}?",
    "I {aux} {verb} the {noun} because the {noun2} was {adj}.",
    "The {noun} {prep} order {order} is {adj}, and the {noun2} {aux} {verb} soon.",
    "{Name} said the {adj} {noun} {aux} {verb} by {day}.",
    "Please {verb} {det} {noun} and {verb2} the {adj} {noun2} {prep} {city}.",
    "We {aux} {verb} {num} {noun}s {prep} the {adj} {noun2} this {time}.",
    "Is it possible to {verb} the {noun} without a {noun2}?",
    "Your {noun} {order} was {verb}ed on {day} and should reach {city} in {num} days.",
    "Thanks, I {aux} also {verb} the {adj} {noun} {prep} my {noun2}.",
    "It looks like the {noun} is {adj}; I can {verb} a {adj2} {noun2} for you.",
    "Sorry about the {adj} {noun}, {Name}: I {aux} {verb} it right away.",
    "The {adj} {noun} costs {price} and the {noun2} costs {price2}.",
    "Do you have a {adj} {noun} in {colour}, or only the {adj2} one?",
    "My email is {email} and my {noun} number is {order}.",
]
PRONOUNS = ["I", "We", "You", "They", "She", "He"]
AUX = ["will", "can", "should", "would", "could", "might", "need to", "want to"]
PREPS = ["for", "with", "from", "to", "about", "after", "before", "in", "on"]
DETS = ["the", "my", "your", "this", "that", "our", "a"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIMES = ["morning", "afternoon", "evening", "week", "month"]
COLOURS = ["black", "white", "red", "blue", "green", "grey", "navy", "beige"]

SYSTEM_PROMPTS = [
    "You are a helpful customer support assistant for {customer}. Answer briefly and politely, "
    "use the tools to look up orders, refunds and accounts, never invent order numbers, and "
    "escalate to a human agent when the customer asks for one or is upset.",
    "You are {customer}'s shopping assistant. Recommend products from the catalogue only, "
    "mention prices and availability, and ask one clarifying question when the request is vague.",
    "You are a recipe assistant. Suggest recipes that match the user's ingredients and diet, "
    "give quantities in metric units, list steps in order and warn about common allergens.",
    "You are a leasing assistant for {customer} apartments. Answer questions about availability, "
    "rent, deposits and tours. Book tours with the scheduling tool and never promise discounts.",
]


class Gen:
    def __init__(self, rng):
        self.r = rng

    def zipf_word(self, words):
        # Early words of each list are much more frequent than late ones.
        r = self.r
        return words[min(int(len(words) * r.random() ** 2.2), len(words) - 1)]

    def order_no(self):
        return "%s-%d" % (self.r.choice("ABCDEFGH"), self.r.randint(100000, 999999))

    def email(self):
        r = self.r
        return "%s.%s@example.%s" % (r.choice(FIRST_NAMES).lower(),
                                     r.choice(CITIES).lower(), r.choice(["com", "org", "net"]))

    def sentence(self):
        r = self.r
        shape = r.choice(SENTENCE_SHAPES)
        s = shape.format(
            Pron=r.choice(PRONOUNS), verb=self.zipf_word(VERBS), verb2=self.zipf_word(VERBS),
            adj=self.zipf_word(ADJECTIVES), adj2=self.zipf_word(ADJECTIVES),
            noun=self.zipf_word(NOUNS), noun2=self.zipf_word(NOUNS),
            prep=r.choice(PREPS), det=r.choice(DETS), aux=r.choice(AUX),
            Name=r.choice(FIRST_NAMES), city=r.choice(CITIES), day=r.choice(DAYS),
            time=r.choice(TIMES), colour=r.choice(COLOURS), order=self.order_no(),
            num=r.randint(2, 30), price="$%d.%02d" % (r.randint(3, 900), r.randint(0, 99)),
            price2="$%d.%02d" % (r.randint(3, 900), r.randint(0, 99)), email=self.email())
        # A rare word in about one sentence in 8,000 (a few traces in 10,000).
        if r.random() < 1 / 8000:
            s = s[:-1] + " with the " + r.choice(RARE) + s[-1]
        # Sprinkle common filler so that the common words are really common.
        if r.random() < 0.3:
            s = "%s, %s" % (r.choice(["Also", "Well", "Okay", "Right", "So", "Actually",
                                      "Honestly", "By the way"]), s[0].lower() + s[1:])
        return s

    def text(self, n_chars):
        out = []
        total = 0
        sep = ""
        while total < n_chars:
            s = self.sentence()
            out.append(sep + s)
            total += len(sep) + len(s)
            # Paragraphs and the odd bullet list, like real assistant replies.
            roll = self.r.random()
            sep = "\n- " if roll < 0.04 else "\n\n" if roll < 0.12 else " "
        return "".join(out)

    def tool_args(self, name):
        r = self.r
        if name == "get_order_status":
            return {"order_id": self.order_no()}
        if name == "search_products":
            return {"query": "%s %s" % (self.zipf_word(ADJECTIVES), self.zipf_word(NOUNS)),
                    "max_results": r.choice([5, 10, 20]), "in_stock_only": r.random() < 0.5}
        if name == "lookup_customer":
            return {"email": self.email()}
        if name == "create_refund":
            return {"order_id": self.order_no(), "amount": round(r.uniform(5, 500), 2),
                    "reason": self.sentence()}
        if name == "schedule_callback":
            return {"phone": "+1-555-%04d" % r.randint(0, 9999),
                    "date": "2025-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)),
                    "topic": self.sentence()}
        if name == "find_recipes":
            return {"ingredients": [self.zipf_word(NOUNS) for _ in range(r.randint(1, 5))],
                    "diet": r.choice(["none", "vegetarian", "vegan", "gluten-free"]),
                    "max_minutes": r.choice([15, 30, 45, 60])}
        return {"city": r.choice(CITIES),
                "start_date": "2025-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)),
                "nights": r.randint(1, 14)}

    def tool_result(self, name, args, n_chars):
        r = self.r
        result = {"ok": r.random() < 0.9, "tool": name}
        if "order_id" in args:
            result["order_id"] = args["order_id"]
            result["status"] = r.choice(["shipped", "processing", "delivered", "delayed",
                                         "cancelled", "refunded"])
        items = []
        while len(json.dumps(result)) + sum(len(i) for i in items) < n_chars:
            items.append(self.sentence())
        result["notes"] = items
        return json.dumps(result)


def call_id(r):
    return "call_" + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(24))


def tools_json(names):
    tools = []
    for name, desc, params in TOOLS:
        if name not in names:
            continue
        props = {}
        for p, t in params.items():
            props[p] = {"type": t} if t != "array" else {"type": "array", "items": {"type": "string"}}
        tools.append({"type": "function", "function": {
            "name": name, "description": desc,
            "parameters": {"type": "object", "properties": props,
                           "required": list(params)[:1]}}})
    return tools


def plan_turns(r, n_messages):
    """Roles after the system prompt: user/assistant turns, some of the
    assistant turns calling tools (assistant+tool_calls, tool results,
    assistant answer). Ends with an assistant answer when room allows."""
    plan = []
    left = n_messages - 1
    while left > 0:
        plan.append("user")
        left -= 1
        if left <= 0:
            break
        n_calls = 0
        if left >= 3 and r.random() < 0.45:
            n_calls = min(r.choice([1, 1, 1, 2, 2, 3]), left - 2)
        if n_calls:
            plan.append(("calls", n_calls))
            plan.extend(["tool"] * n_calls)
            left -= 1 + n_calls
        if left > 0:
            plan.append("assistant")
            left -= 1
    return plan


def fit_size(g, messages, with_tools, tool_names, min_bytes, max_bytes):
    """Trims or extends the longest user/assistant text until the record's
    JSON fits in [min_bytes, max_bytes] (metadata adds about 400 bytes)."""
    def size():
        extra = 400 + (len(json.dumps(tools_json(tool_names))) if with_tools else 0)
        return len(json.dumps(messages, separators=(",", ":"))) + extra

    texts = [m for m in messages[1:] if m["role"] in ("user", "assistant") and m["content"]]
    if not texts:
        return
    longest = max(texts, key=lambda m: len(m["content"]))
    for _ in range(8):
        n = size()
        if n > max_bytes:
            keep = max(20, len(longest["content"]) - (n - max_bytes) - 40)
            cut = longest["content"][:keep]
            longest["content"] = cut[:cut.rfind(" ")] + "." if " " in cut else cut
        elif n < min_bytes:
            longest["content"] += " " + g.text(min_bytes - n + 20)
        else:
            return


def make_record(r, index, id_prefix, min_bytes, max_bytes):
    g = Gen(r)
    target = r.randint(min_bytes, max_bytes)
    # Longer records tend to be longer conversations, but not always.
    most = max(2, min(20, 2 + (target - min_bytes) * 18 // max(1, max_bytes - min_bytes)))
    n_messages = r.randint(2, most) if r.random() < 0.7 else r.randint(2, 20)
    customer = r.choice(CUSTOMERS)
    plan = plan_turns(r, n_messages)
    tool_names = r.sample([t[0] for t in TOOLS], r.randint(2, 4))

    # First pass: structure with empty texts, to know how much room is left.
    weights = []
    for step in plan:
        weights.append({"user": 1.0, "assistant": 2.2, "tool": 1.3}.get(step, 0.0)
                       if not isinstance(step, tuple) else 0.0)
    system = r.choice(SYSTEM_PROMPTS).format(customer=customer.capitalize())
    overhead = 420 + len(system) + 140 * len(plan)
    if r.random() < 0.8:
        overhead += 130 * len(tool_names)
        with_tools = True
    else:
        with_tools = False
    room = max(len(plan) * 30, target - overhead)
    total_w = sum(weights) or 1.0

    messages = [{"role": "system", "content": system}]
    pending = []
    for step, w in zip(plan, weights):
        n_chars = max(20, int(room * w / total_w * r.uniform(0.6, 1.4)))
        if step == "user":
            messages.append({"role": "user", "content": g.text(n_chars)})
        elif step == "assistant":
            messages.append({"role": "assistant", "content": g.text(n_chars)})
        elif step == "tool":
            cid, name, args = pending.pop(0)
            messages.append({"role": "tool", "tool_call_id": cid, "name": name,
                             "content": g.tool_result(name, args, n_chars)})
        else:
            calls = []
            for _ in range(step[1]):
                name = r.choice(tool_names)
                args = g.tool_args(name)
                cid = call_id(r)
                pending.append((cid, name, args))
                calls.append({"id": cid, "type": "function",
                              "function": {"name": name, "arguments": json.dumps(args)}})
            messages.append({"role": "assistant", "content": None, "tool_calls": calls})

    fit_size(g, messages, with_tools, tool_names, min_bytes, max_bytes)
    latency = int(r.lognormvariate(7.0, 0.6))
    prompt_tokens = sum(len(m["content"] or "") for m in messages[:-1]) // 4 + r.randint(20, 200)
    completion_tokens = len(messages[-1]["content"] or "") // 4 + r.randint(1, 40)
    record = {
        "id": "%s%08d" % (id_prefix, index),
        "created_at": "2025-%02d-%02dT%02d:%02d:%02dZ" % (
            r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59),
            r.randint(0, 59)),
        "messages": messages,
    }
    if with_tools:
        record["tools"] = tools_json(tool_names)
    record["metadata"] = {
        "customer": customer,
        "model": r.choice(MODELS),
        "environment": r.choice(ENVIRONMENTS),
        "session_id": "sess_%012x" % r.getrandbits(48),
        "user_id": "user_%06d" % r.randint(0, 999999),
        "tags": r.sample(["checkout", "returns", "recipes", "leasing", "billing", "vip",
                          "mobile", "web", "escalated"], r.randint(0, 3)),
        "città": CITIES[index % len(CITIES)],
    }
    record["latency_ms"] = latency
    record["usage"] = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                       "total_tokens": prompt_tokens + completion_tokens}
    return record


def derived_row(record):
    """The traces columns (without id) plus the FTS body, as Errata derives
    them: input = first user text, output = last non-empty assistant text,
    body = every non-system message's text, then its tool calls."""
    norm = []
    user_input = None
    output = ""
    body = []
    n_calls = 0
    for m in record["messages"]:
        content = m.get("content") or ""
        out = {"role": m["role"], "content": content}
        if "name" in m:
            out["name"] = m["name"]
        if "tool_calls" in m:
            calls = [{"id": c["id"], "name": c["function"]["name"],
                      "arguments": c["function"]["arguments"]} for c in m["tool_calls"]]
            out["tool_calls"] = calls
            n_calls += len(calls)
        if "tool_call_id" in m:
            out["tool_call_id"] = m["tool_call_id"]
        norm.append(out)
        if m["role"] == "user" and user_input is None:
            user_input = content
        if m["role"] == "assistant" and content:
            output = content
        if m["role"] != "system":
            body.append(content + "\n")
            for c in out.get("tool_calls", []):
                body.append("%s %s\n" % (c["name"], c["arguments"]))
    metadata = dict(record["metadata"])
    metadata["usage"] = record["usage"]
    metadata["created_at"] = record["created_at"]
    usage = record["usage"]
    tools = json.dumps(record["tools"], separators=(",", ":")) if "tools" in record else None
    return [record["id"], "bench", 1767225600000000, user_input or "", output,
            json.dumps(norm, separators=(",", ":")), tools,
            json.dumps(metadata, separators=(",", ":"), ensure_ascii=False), len(norm), n_calls, len(output),
            record["latency_ms"], usage["prompt_tokens"], usage["completion_tokens"], None,
            None, "".join(body)]


def make_block(args):
    seed, block, start, count, id_prefix, min_bytes, max_bytes, floor = args
    r = random.Random(seed * 1000003 + block)
    out = io.StringIO()
    floor_out = io.StringIO() if floor else None
    writer = csv.writer(floor_out, lineterminator="\n") if floor else None
    for i in range(start, start + count):
        rec = make_record(r, i, id_prefix, min_bytes, max_bytes)
        out.write(json.dumps(rec, separators=(",", ":")))
        out.write("\n")
        if writer:
            row = derived_row(rec)
            # sample_key; not drawn from r so that --floor leaves the JSONL alone
            row[15] = (i * 2654435761 + seed) % (2 ** 31 - 1)
            row.insert(0, i + 1)  # rowid: traces and traces_fts agree on it
            # NULL columns: sqlite3's .import reads an empty field as '', so
            # they are written as a marker that floor.sql turns into NULL.
            writer.writerow(["\\N" if v is None else v for v in row])
    return out.getvalue(), floor_out.getvalue() if floor else None


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("-n", "--count", type=int, default=1000, help="number of traces")
    p.add_argument("-o", "--output", default="-", help="JSONL file (default: stdout)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    p.add_argument("--id-prefix", default="trace-", help="prefix of record ids")
    p.add_argument("--min-bytes", type=int, default=1024)
    p.add_argument("--max-bytes", type=int, default=8192)
    p.add_argument("--floor", help="also write the derived columns as CSV for floor.sh")
    p.add_argument("-j", "--jobs", type=int, default=multiprocessing.cpu_count())
    a = p.parse_args()

    blocks = []
    for b, start in enumerate(range(0, a.count, BLOCK)):
        blocks.append((a.seed, b, start, min(BLOCK, a.count - start), a.id_prefix,
                       a.min_bytes, a.max_bytes, a.floor is not None))
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    floor = open(a.floor, "w", encoding="utf-8") if a.floor else None
    with multiprocessing.Pool(a.jobs) as pool:
        for jsonl, rows in pool.imap(make_block, blocks, chunksize=1):
            out.write(jsonl)
            if floor:
                floor.write(rows)
    if out is not sys.stdout:
        out.close()
    if floor:
        floor.close()


if __name__ == "__main__":
    main()
