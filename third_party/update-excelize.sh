#!/bin/sh
# Copies excelize at the version given (default: the one go.mod requires)
# from the Go module cache into third_party/excelize, its tests left out,
# and applies excelize-lazy-init.patch. Run it from the project root after
# changing the required version; then `go test ./...`.
set -eu
cd "$(dirname "$0")/.."
version=${1:-$(go list -m -f '{{.Version}}' github.com/xuri/excelize/v2)}
dir=$(GOFLAGS=-mod=mod go mod download -json github.com/xuri/excelize/v2@"$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "excelize $version is not in the module cache" >&2; exit 1; }
rm -rf third_party/excelize
mkdir third_party/excelize
for f in "$dir"/*.go; do
	case $f in *_test.go) ;; *) cp "$f" third_party/excelize/ ;; esac
done
cp "$dir"/go.mod "$dir"/go.sum "$dir"/LICENSE third_party/excelize/
chmod -R u+w third_party/excelize
(cd third_party/excelize && patch -p1 --no-backup-if-mismatch < ../excelize-lazy-init.patch)
echo "third_party/excelize is excelize $version with excelize-lazy-init.patch"
