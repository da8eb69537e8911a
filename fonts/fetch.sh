#!/usr/bin/env bash
# Fetches the fonts from the npm registry again and checks them against
# PROVENANCE.md. Usage: fonts/fetch.sh  (needs npm, tar, sha256sum)
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @expo-google-fonts/noto-serif-sc@0.4.3 @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null)
mkdir -p "$tmp/serif" "$tmp/sans"
tar -xzf "$tmp/expo-google-fonts-noto-serif-sc-0.4.3.tgz" -C "$tmp/serif"
tar -xzf "$tmp/expo-google-fonts-noto-sans-sc-0.4.3.tgz" -C "$tmp/sans"
cp "$tmp/serif/package/400Regular/NotoSerifSC_400Regular.ttf" NotoSerifSC-Regular.ttf
cp "$tmp/serif/package/700Bold/NotoSerifSC_700Bold.ttf" NotoSerifSC-Bold.ttf
cp "$tmp/sans/package/400Regular/NotoSansSC_400Regular.ttf" NotoSansSC-Regular.ttf
cp "$tmp/sans/package/700Bold/NotoSansSC_700Bold.ttf" NotoSansSC-Bold.ttf
cp "$tmp/serif/package/LICENSE_FONT" OFL-NotoSerifSC.txt
cp "$tmp/sans/package/LICENSE_FONT" OFL-NotoSansSC.txt
grep -o '`[A-Za-z-]*\.ttf`.*`[0-9a-f]\{64\}`' PROVENANCE.md | sed -E 's/^`([^`]+)`.*`([0-9a-f]{64})`$/\2  \1/' | sha256sum -c
