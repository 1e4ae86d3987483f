#!/bin/sh
# usage: slip.sh FILE 'sed-expr' symprop-args...  -> verify FILE with one planted slip
f=$1; e=$2; shift 2
sed "$e" "$f" > /tmp/slip_$$.tex
diff "$f" /tmp/slip_$$.tex | grep '^>' 
../.venv/bin/symprop verify /tmp/slip_$$.tex "$@" | grep -v '^✓'
rm -f /tmp/slip_$$.tex
