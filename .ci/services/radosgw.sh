#!/usr/bin/env bash
# A throwaway, loopback-only S3 server for the integration tests: Ceph radosgw from Debian packages,
# one mon (auth none), one memstore OSD (RAM only) and the gateway. Everything lives under DIR.
#
#   radosgw.sh install              apt-get install the packages (CI; needs root or sudo)
#   radosgw.sh up DIR PORT MONPORT  start; prints AWS_ENDPOINT_URL_S3=... and the test keys on stdout
#   radosgw.sh down DIR             stop exactly the PIDs recorded in DIR/run (checked against DIR)
#
# Why the settings below: with auth none the messengers must use crc mode (else clients loop on
# -13); a lone mon must commit at once (paxos interval 0.01) or the first start takes ~12 s; beast
# needs tcp_nodelay or every response with a body waits ~40 ms.
set -euo pipefail

PACKAGES=(radosgw ceph-mon ceph-osd curl)
log() { printf 'radosgw.sh: %s\n' "$*" >&2; }

have_binaries() {
  local b
  for b in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph curl; do command -v "$b" >/dev/null 2>&1 || return 1; done
}

install() {
  have_binaries && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >&2
}

# ours DIR PID: the process is alive and was started with DIR's config (guards against PID reuse)
ours() { [ -r "/proc/$2/cmdline" ] && tr '\0' ' ' <"/proc/$2/cmdline" | grep -qF -- "$1/ceph.conf"; }

down() {
  local dir name pid i pids=()
  [ -d "$1" ] || return 0
  dir="$(cd -- "$1" && pwd -P)"
  # TERM all three at once, then wait for them together: one after another takes three times as long.
  for name in radosgw osd mon; do
    [ -f "$dir/run/$name.pid" ] || continue
    pid="$(cat "$dir/run/$name.pid")"
    if ours "$dir" "$pid"; then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); fi
    rm -f -- "$dir/run/$name.pid"
  done
  for pid in "${pids[@]}"; do
    for i in $(seq 1 100); do ours "$dir" "$pid" || break; sleep 0.1; done
    ours "$dir" "$pid" && kill -KILL "$pid" 2>/dev/null || true
  done
}

up() {
  local dir port="$2" mon_port="$3" fsid osd_uuid code deadline
  have_binaries || { log "radosgw is not installed (run: .ci/services/radosgw.sh install)"; exit 3; }
  mkdir -p -- "$1"
  dir="$(cd -- "$1" && pwd -P)"
  rm -rf -- "$dir/mon" "$dir/osd" "$dir/rgw" "$dir/run" "$dir/log"
  mkdir -p -- "$dir/mon" "$dir/osd" "$dir/rgw" "$dir/run" "$dir/log"
  fsid="$(cat /proc/sys/kernel/random/uuid)"
  osd_uuid="$(cat /proc/sys/kernel/random/uuid)"
  cat >"$dir/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
mon initial members = a
public addr = 127.0.0.1
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
ms cluster mode = crc
ms service mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms mon client mode = crc
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.daemon.pid
log file = $dir/log/\$name.log
crash dir = $dir/log
mon cluster log file = $dir/log/cluster.log
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
[mon.a]
mon data = $dir/mon
paxos propose interval = 0.01
paxos min wait = 0.01
[osd.0]
osd data = $dir/osd
osd objectstore = memstore
memstore device bytes = 536870912
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$port tcp_nodelay=1
rgw data = $dir/rgw
CONF
  local conf=(-c "$dir/ceph.conf")
  start() { local name="$1"; shift; setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 & echo "$!" >"$dir/run/$name.pid"; }
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >"$dir/log/mkfs.out" 2>&1
  ceph-mon "${conf[@]}" -i a --mkfs --monmap "$dir/monmap" >>"$dir/log/mkfs.out" 2>&1
  start mon ceph-mon "${conf[@]}" -i a -f
  [ "$(timeout 60 ceph "${conf[@]}" --connect-timeout 30 osd new "$osd_uuid" 2>>"$dir/log/mkfs.out")" = 0 ] || { log "osd new failed"; down "$dir"; exit 1; }
  ceph-osd "${conf[@]}" -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$dir/log/mkfs.out" 2>&1
  start osd ceph-osd "${conf[@]}" -i 0 -f
  start radosgw radosgw "${conf[@]}" -n client.rgw.a -f
  deadline=$((SECONDS + ${RGW_WAIT_SECONDS:-90}))
  until [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$port/" || true)" = 200 ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then log "no answer on 127.0.0.1:$port"; tail -n 20 "$dir"/log/*.out >&2 || true; down "$dir"; exit 1; fi
    sleep 0.3
  done
  # as client.admin: client.rgw.a's admin socket belongs to the running gateway
  radosgw-admin "${conf[@]}" user create --uid=gitplane-test --display-name=gitplane-test \
    --access-key=gitplanetestkey --secret-key=gitplanetestsecret >/dev/null 2>>"$dir/log/mkfs.out"
  echo "AWS_ENDPOINT_URL_S3=http://127.0.0.1:$port"
  echo "AWS_ACCESS_KEY_ID=gitplanetestkey"
  echo "AWS_SECRET_ACCESS_KEY=gitplanetestsecret"
}

case "${1:-}" in
  install) install ;;
  up) [ $# -eq 4 ] || { log "usage: radosgw.sh up DIR PORT MONPORT"; exit 2; }; up "$2" "$3" "$4" ;;
  down) [ $# -eq 2 ] || { log "usage: radosgw.sh down DIR"; exit 2; }; down "$2" ;;
  *) log "usage: radosgw.sh install | up DIR PORT MONPORT | down DIR"; exit 2 ;;
esac
