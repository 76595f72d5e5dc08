#!/bin/sh
# The command target of the synthetic data tests: reads the query on stdin
# and answers. A query containing "FAILCMD" exits 3; one containing
# "SLOWCMD" sleeps first (for the timeout and Cancel); with --json it
# answers as an OpenAI chat completion.
query=$(cat)
case "$query" in
  *FAILCMD*) echo "cannot answer that" >&2; exit 3 ;;
  *SLOWCMD*) sleep 30 ;;
esac
if [ "$1" = "--json" ]; then
  # The query arrives as {"query": …, "dimensions": {…}}: answer with it.
  escaped=$(printf '%s' "$query" | sed 's/\\/\\\\/g; s/"/\\"/g')
  printf '{"choices": [{"message": {"role": "assistant", "content": "Seen: %s"}}],' "$escaped"
  printf ' "usage": {"prompt_tokens": 7, "completion_tokens": 3}}\n'
else
  printf 'Command says: %s\n' "$query"
fi
