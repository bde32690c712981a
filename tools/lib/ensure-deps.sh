# Sourced by tools/test and tools/demo: installs, with apt-get, what a fresh Debian machine
# lacks to build and run inventory-hub (liblz4-dev, libpq-dev, a PostgreSQL server, pkg-config,
# libxlsxwriter-dev and libcairo2-dev for the XLSX and PDF reports, a font for the PDFs, and
# poppler-utils, whose pdftotext the tests read the PDFs back with).
ensure_deps() {
  local need=()
  dpkg -s liblz4-dev >/dev/null 2>&1 || need+=(liblz4-dev)
  dpkg -s libpq-dev >/dev/null 2>&1 || need+=(libpq-dev)
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
  command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
  dpkg -s libxlsxwriter-dev >/dev/null 2>&1 || need+=(libxlsxwriter-dev)
  dpkg -s libcairo2-dev >/dev/null 2>&1 || need+=(libcairo2-dev)
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  [ ${#need[@]} -eq 0 ] && return 0
  echo "$(basename "$0"): installing ${need[*]}" >&2
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
}
