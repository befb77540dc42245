#!/bin/sh
# The image's entry point: the README's quick-start steps after installation.
# Upgrade the database first (safe to repeat), then run the main job (or the given command).
set -eu
tracker db upgrade
if [ "$#" -eq 0 ]; then
    set -- daemon --serve --demo
fi
exec tracker "$@"
