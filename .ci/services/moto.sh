#!/usr/bin/env bash
# moto_server (moto 5.x) on loopback for the CloudFront tests: the real CloudFront and S3 wire
# protocols, in memory. Known gaps: it drops OriginAccessControlId from distribution configs and
# ignores If-Match ETags.
#
#   moto.sh up DIR PORT   start; prints AWS_ENDPOINT_URL_CLOUDFRONT=... on stdout when it answers
#   moto.sh down DIR      stop exactly the PID recorded in DIR/moto.pid
set -euo pipefail
log() { printf 'moto.sh: %s\n' "$*" >&2; }

ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- 'moto_server'; }

case "${1:-}" in
  up)
    [ $# -eq 3 ] || { log "usage: moto.sh up DIR PORT"; exit 2; }
    command -v moto_server >/dev/null 2>&1 || { log "moto_server is not installed (pip install 'moto[server]')"; exit 3; }
    mkdir -p -- "$2"
    setsid moto_server -H 127.0.0.1 -p "$3" </dev/null >"$2/moto.out" 2>&1 &
    echo "$!" >"$2/moto.pid"
    for _ in $(seq 1 200); do
      if curl -s -o /dev/null -m 2 "http://127.0.0.1:$3/moto-api/"; then
        echo "AWS_ENDPOINT_URL_CLOUDFRONT=http://127.0.0.1:$3"
        exit 0
      fi
      ours "$(cat "$2/moto.pid")" || { log "moto_server exited"; tail -n 20 "$2/moto.out" >&2; exit 1; }
      sleep 0.2
    done
    log "moto_server did not answer on 127.0.0.1:$3"; exit 1 ;;
  down)
    [ $# -eq 2 ] || { log "usage: moto.sh down DIR"; exit 2; }
    [ -f "$2/moto.pid" ] || exit 0
    pid="$(cat "$2/moto.pid")"
    if ours "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
    rm -f -- "$2/moto.pid" ;;
  *) log "usage: moto.sh up DIR PORT | down DIR"; exit 2 ;;
esac
