#!/usr/bin/env bash
# Runs every MedOffice test: SQLite, PostgreSQL (a throwaway cluster on 127.0.0.1) and the browser tests in headless Chromium.
# On a fresh Debian machine with the .NET SDK it installs what is missing (PostgreSQL, Chromium, npm, qpdf, poppler-utils) from Debian packages.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# Chromium needs a font to draw the pages the browser tests screenshot.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# The PDF tests check what MedOffice prints with Debian's own PDF tools (qpdf --check, pdftotext, pdfinfo).
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# The reminder tests start a real SMTP server on loopback (aiosmtpd) under Debian's python3.
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian packages..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=55432
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
pgdir=$(mktemp -d /tmp/medoffice-pg.XXXXXX)
chmod 755 "$pgdir"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; fi
stop_pg() { run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap stop_pg EXIT
run_pg "$pgbin/initdb" -D "$pgdir/data" -U medoffice --auth=trust --encoding=UTF8 --locale=C >/dev/null
# Durability is off for the throwaway test cluster only: speed, not safety, matters here.
run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export MEDOFFICE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=medoffice;Database=postgres;Pooling=true;Maximum Pool Size=200"
export MEDOFFICE_TEST_CHROMIUM=/usr/bin/chromium

results="$root/artifacts/test-results"
export MEDOFFICE_TEST_ARTIFACTS="$root/artifacts/screenshots"
rm -rf "$results" "$MEDOFFICE_TEST_ARTIFACTS"
mkdir -p "$results" "$MEDOFFICE_TEST_ARTIFACTS"
status=0
dotnet test MedOffice.slnx --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true || status=$?

# One plain summary line from all result files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  n=$(echo "$counters" | sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" = 0 ]; then echo "No test ran."; exit 1; fi
exit $status
