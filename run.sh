#!/usr/bin/env bash
# Runs the reproduction and writes its results under results/.
# Arguments go to `clonerobust run`, e.g. ./run.sh -workers 2.
set -euo pipefail
cd "$(dirname "$0")"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
# -buildvcs lets the results' manifests record the commit they were made at.
go build -buildvcs=auto -o "$bin/clonerobust" .

"$bin/clonerobust" run "$@" configs/*.yaml
"$bin/clonerobust" report -results results

# The example data set of testdata/: five answers about Paris, one of them a
# near copy of another, fitted by both estimators.
out=results/fit_example
mkdir -p "$out"
for est in standard weighted; do
	"$bin/clonerobust" fit -alternatives testdata/alternatives.csv -comparisons testdata/comparisons.csv \
		-estimator "$est" -out "$out/$est.csv"
done
echo "results/fit_example: fits of testdata/alternatives.csv by both estimators"
