#!/usr/bin/env bash
# Runs the reproduction and writes its results under results/.
set -euo pipefail
cd "$(dirname "$0")"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/clonerobust" .

# The example data set of testdata/: five answers about Paris, one of them a
# near copy of another, fitted by both estimators.
out=results/fit_example
mkdir -p "$out"
for est in standard weighted; do
	"$bin/clonerobust" fit -alternatives testdata/alternatives.csv -comparisons testdata/comparisons.csv \
		-estimator "$est" -out "$out/$est.csv"
	echo "wrote $out/$est.csv"
done
