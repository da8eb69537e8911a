// Package templates is the default template pack, embedded in the binary:
// its manifest, policy, checklist and the Markdown templates of every
// document, in Chinese and English.
package templates

import "embed"

// FS holds the pack's files.
//
//go:embed *.yaml README.md zh en partials
var FS embed.FS
