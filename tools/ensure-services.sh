#!/usr/bin/env bash
# What `pnpm test` needs besides node_modules, checked before every run:
#   - Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH) for the browser tests;
#   - a Redis answering on 127.0.0.1:6379 (store-redis);
#   - a PostgreSQL answering on 127.0.0.1:5432 that lets user postgres in without a password
#     (trust), for the PostgreSQL store's tests, which create and drop their own database.
# What is missing is installed from Debian's packages (apt-get; nothing else is downloaded) and
# what is stopped is started. When everything is there this only checks, in well under a second.
# AUTHKIT_TEST_REDIS_URL / AUTHKIT_TEST_PG_URL point the tests at other servers: then the local
# Redis / PostgreSQL is neither checked nor installed.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
say() { echo "==> $*"; }
fail() { echo "tools/ensure-services.sh: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "needs root (or sudo) to run: $*"; fi
}
apt_updated=
apt_install() {  # [--reinstall] package...
  command -v apt-get >/dev/null 2>&1 || fail "cannot install $* (no apt-get): install it yourself, then run again"
  local what="$*"
  say "installing Debian's ${what#--reinstall } (apt-get)"
  if [ -z "$apt_updated" ]; then as_root apt-get -o DPkg::Lock::Timeout=300 update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# shellcheck disable=SC2016  # $reply belongs to the inner bash
redis_answers() {
  [ -n "${AUTHKIT_TEST_REDIS_URL:-}" ] && return 0
  timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379 && printf "PING\r\n" >&3 && IFS= read -r reply <&3 && [[ $reply == +PONG* ]]' 2>/dev/null
}
port_open() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
pg_trusts_postgres() {
  [ -n "${AUTHKIT_TEST_PG_URL:-}" ] && return 0
  command -v psql >/dev/null 2>&1 &&
    PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -w -XAtqc 'select 1' >/dev/null 2>&1
}

# ---- fast path: everything already there -------------------------------------------------
chromium_ok() { [ -x "$CHROMIUM" ]; }
if chromium_ok && redis_answers && pg_trusts_postgres; then exit 0; fi

# ---- 1. Debian packages ----------------------------------------------------------------
packages=()
reinstall=()
if ! chromium_ok; then
  if [ -n "${CHROMIUM_PATH:-}" ] && [ "$CHROMIUM_PATH" != /usr/bin/chromium ]; then
    fail "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; unset it to use Debian's chromium"
  fi
  # Installed but its binary gone (a broken install): reinstall rather than "already newest".
  if installed chromium; then reinstall+=(chromium); else packages+=(chromium); fi
fi
if ! redis_answers && ! command -v redis-server >/dev/null 2>&1; then
  port_open 6379 && fail "something on 127.0.0.1:6379 does not answer Redis's PING"
  packages+=(redis-server)
fi
installed_pg=
if ! pg_trusts_postgres; then
  if port_open 5432; then
    command -v psql >/dev/null 2>&1 || packages+=(postgresql-client)
  elif ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    packages+=(postgresql)
    installed_pg=1
  fi
fi
if [ ${#packages[@]} -gt 0 ]; then apt_install "${packages[@]}"; fi
if [ ${#reinstall[@]} -gt 0 ]; then apt_install --reinstall "${reinstall[@]}"; fi
chromium_ok || fail "$CHROMIUM is still missing after installing Debian's chromium"

# ---- 2. Redis ----------------------------------------------------------------------------
if ! redis_answers; then
  say "starting redis on 127.0.0.1:6379 (keeps nothing on disk; log in /tmp/authkit-redis)"
  mkdir -p /tmp/authkit-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/authkit-redis --logfile /tmp/authkit-redis/redis.log
  for _ in $(seq 1 50); do redis_answers && break; sleep 0.1; done
  redis_answers || fail "redis did not answer on 127.0.0.1:6379 (see /tmp/authkit-redis/redis.log)"
fi

# ---- 3. PostgreSQL -----------------------------------------------------------------------
if ! pg_trusts_postgres; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if ! port_open 5432; then
    [ -n "$version" ] || fail "no PostgreSQL cluster found under /etc/postgresql"
    if [ ! -d "/etc/postgresql/$version/main" ]; then
      say "creating PostgreSQL $version cluster 'main' on port 5432"
      as_root pg_createcluster --port 5432 "$version" main >/dev/null
      installed_pg=1
    fi
    port="$(awk -F= '/^[[:space:]]*port[[:space:]]*=/ { gsub(/[^0-9]/, "", $2); print $2 }' "/etc/postgresql/$version/main/postgresql.conf" | tail -n 1)"
    [ "${port:-5432}" = 5432 ] || fail "PostgreSQL $version/main listens on port $port, not 5432 (/etc/postgresql/$version/main/postgresql.conf)"
    say "starting PostgreSQL $version/main on 127.0.0.1:5432"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 100); do port_open 5432 && break; sleep 0.1; done
    port_open 5432 || fail "PostgreSQL did not answer on 127.0.0.1:5432 (see /var/log/postgresql/)"
  fi
fi
if ! pg_trusts_postgres; then
  hba=""
  [ -n "${version:-}" ] && hba="/etc/postgresql/$version/main/pg_hba.conf"
  if [ -n "$installed_pg" ] && [ -f "$hba" ]; then
    # A cluster this script just installed: let user postgres in from 127.0.0.1/::1 without a
    # password (Debian's default asks for one), as the tests expect. Lines go first: first match wins.
    say "PostgreSQL: trusting user postgres from 127.0.0.1 and ::1 ($hba, marked 'authkit tests')"
    as_root sed -i '1i host all postgres 127.0.0.1/32 trust  # authkit tests (tools/ensure-services.sh)\nhost all postgres ::1/128 trust  # authkit tests (tools/ensure-services.sh)' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    for _ in $(seq 1 30); do pg_trusts_postgres && break; sleep 0.1; done
  fi
  pg_trusts_postgres || fail "PostgreSQL on 127.0.0.1:5432 does not let user postgres in without a password. The tests need
  host all postgres 127.0.0.1/32 trust
as the first rule of ${hba:-its pg_hba.conf}, then a reload (pg_ctlcluster --skip-systemctl-redirect <version> main reload)."
fi
