# Shared by bin/run, bin/test and .ci/run: picks the JDK, makes sure PostgreSQL runs, creates databases.
# Sourced, not executed.

# Run on the newest JDK present (JDK 25 on most machines of this kind); the code compiles for 17 either way.
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "${JAVA_HOME}/bin/java" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"

HIP_PG_HOST="${HIP_PG_HOST:-127.0.0.1}"
HIP_PG_PORT="${HIP_PG_PORT:-5432}"
HIP_PG_USER="${HIP_PG_USER:-postgres}"

# Starts the machine's PostgreSQL cluster when it is not answering.
ensure_postgres() {
  if pg_isready -q -h "$HIP_PG_HOST" -p "$HIP_PG_PORT" 2>/dev/null; then return 0; fi
  echo "PostgreSQL is not running; starting it"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  else
    echo "No local PostgreSQL found. Install it (apt-get install postgresql) or set HIP_DB_URL / HIP_TEST_DB_URL." >&2
    return 1
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h "$HIP_PG_HOST" -p "$HIP_PG_PORT" && return 0
    sleep 1
  done
  echo "PostgreSQL did not come up on $HIP_PG_HOST:$HIP_PG_PORT" >&2
  return 1
}

# Creates a database when missing.
ensure_database() {
  local name="$1"
  if ! psql -h "$HIP_PG_HOST" -p "$HIP_PG_PORT" -U "$HIP_PG_USER" -d postgres -tAc \
      "select 1 from pg_database where datname = '$name'" | grep -q 1; then
    echo "Creating database $name"
    psql -h "$HIP_PG_HOST" -p "$HIP_PG_PORT" -U "$HIP_PG_USER" -d postgres -qc "create database \"$name\""
  fi
}

# Debian packages the platform needs on the machine: Japanese fonts for PDF reports (fonts-ipaexfont-gothic,
# fonts-noto-cjk) and, for the browser tests, Chromium and its driver. Installed when missing (root and apt).
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install: apt-get install ${missing[*]}" >&2
    return 1
  fi
}

ensure_fonts() {
  ensure_packages fonts-ipaexfont-gothic fonts-noto-cjk
}

ensure_chromium() {
  ensure_packages chromium chromium-driver
}
