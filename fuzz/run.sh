#!/usr/bin/env bash
# Coverage-guided fuzzing of the two readers (rule sets, carts → PricingEngine) with AFL++ and SharpFuzz.
#
#   bash fuzz/run.sh [SECONDS] [rules|cart ...]      default: 60 seconds for each of rules and cart
#
# Builds fuzz/PromoEngine.Fuzz in Release, instruments its PromoEngine.dll with the sharpfuzz tool (a local .NET
# tool, .config/dotnet-tools.json), and runs afl-fuzz for SECONDS per target, seeded with the hostile corpus and
# the samples. Prints what each run did (time, executions, paths, edges) and exits 1 when an input broke the
# invariant (any exception but a located PromoValidationException): the inputs are kept in fuzz/findings/.
# FUZZ_WORK=DIR keeps AFL's output there (default: a temporary directory, removed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(rules cart)

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz: afl-fuzz is missing: apt-get install afl++ (Debian) and run again" >&2
  exit 1
fi

work=${FUZZ_WORK:-}
if [[ -z $work ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

cd "$root"
quietly() { "$@" >"$work/step.log" 2>&1 || { echo "fuzz: '$*' failed:" >&2; tail -30 "$work/step.log" >&2; exit 1; }; }
quietly dotnet tool restore
quietly dotnet publish fuzz/PromoEngine.Fuzz -c Release -o "$work/bin"
# Only the library is instrumented: coverage of the readers and the engine, not of the runtime.
quietly dotnet sharpfuzz "$work/bin/PromoEngine.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
# A seed that crashes stops afl-fuzz (and so this script): the corpus holds past findings.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_TieredPGO=0

status=0
for target in "${targets[@]}"; do
  seeds="$work/seeds-$target"
  rm -rf "$seeds" "$work/out-$target"
  mkdir -p "$seeds"
  case $target in
    rules) cp tests/PromoEngine.Parity.Tests/Hostile/rules/*.json tests/PromoEngine.Parity.Tests/Hostile/base-rules.json \
             samples/data/retail-rules.json "$seeds/" ;;
    cart)  cp tests/PromoEngine.Parity.Tests/Hostile/carts/*.json samples/data/cart-*.json "$seeds/" ;;
    *) echo "fuzz: unknown target '$target' (rules or cart)" >&2; exit 2 ;;
  esac
  afl-fuzz -V "$seconds" -i "$seeds" -o "$work/out-$target" -x fuzz/json.dict -t 5000 -m none \
    -- dotnet "$work/bin/PromoEngine.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1 || {
      echo "fuzz: afl-fuzz failed for $target:" >&2; tail -20 "$work/afl-$target.log" >&2; exit 1; }
  stats="$work/out-$target/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(stat saved_crashes)
  echo "fuzz $target: ${seconds} s, $(stat execs_done) executions ($(stat execs_per_sec)/s), $(stat corpus_count) inputs in the corpus," \
    "$(stat edges_found) edges, $crashes crashes, $(stat saved_hangs) hangs (> 5 s)"
  if [[ $crashes != 0 ]]; then
    mkdir -p fuzz/findings
    for crash in "$work/out-$target/default/crashes"/id:*; do
      cp "$crash" "fuzz/findings/$target-$(basename "$crash" | tr -c 'A-Za-z0-9.\n-' '_').input"
    done
    echo "fuzz $target: inputs that broke the invariant are in fuzz/findings/; replay them with" >&2
    echo "  dotnet run --project fuzz/PromoEngine.Fuzz -- --check $target fuzz/findings" >&2
    status=1
  fi
done
exit $status
