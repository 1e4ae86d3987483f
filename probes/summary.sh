#!/bin/sh
# summary.sh CMD: one line per probe: the summary line (or the error count) CMD verify gives
while read f args; do
  out=$($1 verify "$(pwd)/$f" $args 2>&1)
  s=$(printf '%s\n' "$out" | grep -E '^[0-9]+ statements' | tail -1)
  [ -z "$s" ] && s="unusable: $(printf '%s\n' "$out" | grep -c 'error:') errors"
  printf '%-26s %s\n' "$f" "$s"
done < ARGS
