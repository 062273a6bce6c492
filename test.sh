#!/usr/bin/env bash
# Runs every test: unit, integration on SQLite and a throwaway PostgreSQL 15 cluster (SQL Server where a Docker
# engine exists), HTTP, bUnit, Playwright in Debian's Chromium, two app instances behind Debian's HAProxy, the container
# image (built by the SDK on a local base) and the deployment manifests (validated offline with Node.js). Installs what a
# fresh Debian machine lacks.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt_install chromium
fi
if [ ! -x /usr/sbin/haproxy ]; then
  echo "Installing Debian's HAProxy for the two-instance test…"
  apt_install haproxy
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Installing Debian's nodejs and npm for the offline Kubernetes manifest validation…"
  apt_install nodejs npm
fi
(cd deploy/kubernetes/validate && npm ci --no-audit --no-fund --silent)
if [ -z "${CASEMANAGEMENT_TEST_POSTGRES:-}" ] && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "Installing PostgreSQL 15 binaries for the database tests…"
  apt_install postgresql-15
fi

results="$(mktemp -d /tmp/casemanagement-results-XXXX)"
set +e
dotnet test --solution CaseManagement.sln --report-trx --results-directory "$results" "$@"
rc=$?
set -e

# One closing line from the results themselves: "N passed, N failed, N skipped".
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = r.get("outcome")
        if outcome == "Passed": passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"): skipped += 1
        else:
            failed += 1
            # The failing test's name and the first lines of its message, so a CI log's tail says what broke.
            message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            first = (message.text or "").strip().splitlines()[:3] if message is not None else []
            print("FAILED " + (r.get("testName") or "?"))
            for line in first: print("    " + line[:300])
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $rc
