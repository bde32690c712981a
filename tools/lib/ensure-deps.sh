# Sourced by tools/test and tools/demo: installs, with apt-get, what a fresh Debian machine
# lacks to build and run inventory-hub (liblz4-dev, libpq-dev, a PostgreSQL server, pkg-config).
ensure_deps() {
  local need=()
  dpkg -s liblz4-dev >/dev/null 2>&1 || need+=(liblz4-dev)
  dpkg -s libpq-dev >/dev/null 2>&1 || need+=(libpq-dev)
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
  command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
  [ ${#need[@]} -eq 0 ] && return 0
  echo "$(basename "$0"): installing ${need[*]}" >&2
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
}
