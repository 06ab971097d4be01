#!/usr/bin/env bash
# Audits the dependencies for known vulnerabilities with pip-audit (a dev dependency):
#   1. every pin of pyproject.toml (runtime and every extra: dev, bench), exactly as pinned;
#   2. everything installed in .venv, transitive dependencies included.
# It asks PyPI's vulnerability data first and OSV second. When neither can be reached (no
# network, a mirror without PyPI's JSON API), it says so and exits 0: an unreachable service
# must not fail CI. Known vulnerabilities exit 1. The full JSON reports go to var/audit/.
set -uo pipefail
cd "$(dirname "$0")/.."

audit=.venv/bin/pip-audit
out=var/audit
mkdir -p "$out"
if [ ! -x "$audit" ]; then
  echo "pip-audit is not installed (bin/setup installs the dev extras); nothing audited."
  exit 0
fi

.venv/bin/python - > "$out/pinned.txt" <<'EOF'
import tomllib
with open("pyproject.toml", "rb") as handle:
    project = tomllib.load(handle)["project"]
extras = [r for group in project["optional-dependencies"].values() for r in group]
for requirement in [*project["dependencies"], *extras]:
    print(requirement.split(";")[0].strip())
EOF

status=0
run() {  # run NAME ARGS...: audit with each service until one answers, then summarise
  local name=$1; shift
  local service
  for service in pypi osv; do
    timeout 300 "$audit" "$@" --vulnerability-service "$service" --format json --progress-spinner off \
      --output "$out/$name-$service.json" >"$out/$name-$service.log" 2>&1
    .venv/bin/python - "$name" "$service" "$out/$name-$service.json" "$out/$name-$service.log" <<'EOF'
import json, sys
name, service, path, log = sys.argv[1:]
try:
    report = json.load(open(path))
except (OSError, ValueError):
    tail = open(log).read().strip().splitlines()[-1:] or ["no output"]
    print(f"{name}: {service} unreachable ({tail[0][:160]})")
    sys.exit(3)
deps = report.get("dependencies", [])
skipped = [d for d in deps if d.get("skip_reason")]
audited = [d for d in deps if not d.get("skip_reason")]
vulnerable = [d for d in audited if d.get("vulns")]
if not audited:
    reason = skipped[0]["skip_reason"] if skipped else "no dependencies"
    print(f"{name}: {service} could not audit any of {len(deps)} packages ({reason[:120]})")
    sys.exit(3)
print(f"{name}: {service} audited {len(audited)} packages, {len(skipped)} skipped, "
      f"{sum(len(d['vulns']) for d in vulnerable)} known vulnerabilities")
for dep in vulnerable:
    for vuln in dep["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
        print(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
for dep in skipped:
    print(f"  skipped {dep['name']}: {dep['skip_reason'][:120]}")
sys.exit(1 if vulnerable else 0)
EOF
    local result=$?
    if [ "$result" -ne 3 ]; then
      [ "$result" -ne 0 ] && status=1
      return
    fi
  done
  echo "$name: no vulnerability service reachable; not audited (this does not fail CI)"
}

run pinned --requirement "$out/pinned.txt" --no-deps --disable-pip
run installed --path "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
exit $status
