// Package fonts embeds the CJK TrueType fonts documents are set in: Noto
// Serif SC for body text (宋体 style) and Noto Sans SC for headings (黑体
// style), each in regular and bold. See PROVENANCE.md for their origin.
package fonts

import _ "embed"

// The embedded font files.
var (
	//go:embed NotoSerifSC-Regular.ttf
	SerifRegular []byte
	//go:embed NotoSerifSC-Bold.ttf
	SerifBold []byte
	//go:embed NotoSansSC-Regular.ttf
	SansRegular []byte
	//go:embed NotoSansSC-Bold.ttf
	SansBold []byte
)
