#!/usr/bin/env bash
# Builds the whole solution (samples included, warnings are errors) and runs every test project once.
# Prints one summary line, "N passed, N failed, N skipped", summed from the TRX files of this run.
# Exit status: non-zero when the build fails, a test fails, or no test ran.
#
# Needs: the .NET SDK named in global.json. Interop tests also use netcat-openbsd, socat, python3 and a native
# linker for NativeAOT (clang, or gcc); when one is missing its tests are skipped locally and fail under CI=true.
# Debian/Ubuntu: sudo apt-get install -y netcat-openbsd socat python3 clang
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
configuration="${CONFIGURATION:-Release}"
results="$root/TestResults"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK is not installed (see global.json for the version)" >&2
  exit 2
fi

rm -rf "$results"

# `dotnet test` alone builds only the test projects and what they reference: build everything first.
dotnet build Declarative.sln -c "$configuration" -nologo -clp:NoSummary

status=0
dotnet test Declarative.sln -c "$configuration" --no-build --nologo \
  --logger trx --results-directory "$results" || status=$?

# Sum <Counters .../> of every TRX written by this run. Skipped = not executed (xunit's skips) + inconclusive.
shopt -s nullglob
trx=("$results"/*.trx)
if (( ${#trx[@]} == 0 )); then
  echo "0 passed, 0 failed, 0 skipped"
  echo "test.sh: no TRX file in $results (dotnet test exit code $status)" >&2
  exit 1
fi

summary="$(awk '
  function attr(line, name,   m) {
    if (match(line, name "=\"[0-9]+\"")) { m = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 }
    return 0
  }
  /<Counters / {
    passed  += attr($0, " passed")
    failed  += attr($0, " failed") + attr($0, " error") + attr($0, " timeout") + attr($0, " aborted")
    skipped += attr($0, " notExecuted") + attr($0, " inconclusive") + attr($0, " notRunnable")
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "${trx[@]}")"
echo "$summary"

read -r passed _ failed _ _ <<<"$summary"
if (( failed > 0 )); then
  exit 1
fi
if (( passed == 0 )); then
  echo "test.sh: no test ran" >&2
  exit 1
fi
if (( status != 0 )); then
  echo "test.sh: dotnet test exited with $status" >&2
  exit "$status"
fi
