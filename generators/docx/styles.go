package docx

import (
	"fmt"
	"strings"
)

// Fonts: Song for body text and Hei for headings, with Latin faces beside
// them, as Chinese documents are set. The East Asian faces are named by
// their English names, SimSun and SimHei, which Word and WPS resolve to 宋体
// and 黑体 (the font table gives both names): LibreOffice reads only that one
// name, and knows SimSun and SimHei as Simplified Chinese Song and Hei faces,
// so it sets them in Noto Serif CJK SC and Noto Sans CJK SC where the
// Windows fonts are missing; for 宋体 it knows nothing and falls back to a
// sans-serif face. The theme and the font table say the same.
const (
	songFace  = "SimSun"
	heiFace   = "SimHei"
	bodyFonts = `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + songFace + `" w:cs="Times New Roman"/>`
	headFonts = `<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="` + heiFace + `" w:cs="Arial"/>`
	codeFonts = `<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:eastAsia="` + heiFace + `" w:cs="Consolas"/>`
)

func (b *builder) styles() string {
	// East Asian text is Simplified Chinese in English documents too (the
	// parties' Chinese names): without it a word processor may take a
	// Japanese face or Japanese glyph forms.
	lang := `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`
	// In Chinese documents characters both scripts share (“ ” … —) take the
	// Song face, as Word's own Chinese documents do.
	fonts := bodyFonts
	if b.zh() {
		fonts = strings.Replace(fonts, "<w:rFonts ", `<w:rFonts w:hint="eastAsia" `, 1)
	}
	normalInd := `<w:ind w:firstLineChars="200" w:firstLine="480"/>`
	if !b.zh() {
		normalInd = ""
	}
	noInd := `<w:ind w:firstLine="0" w:firstLineChars="0"/>`
	var sb strings.Builder
	sb.WriteString(xmlPI + `<w:styles ` + nsW + `>`)
	// Every paragraph: widow and orphan control; the Chinese line-breaking
	// rules (kinsoku: no closing punctuation at a line start, no opening one
	// at a line end); closing punctuation may hang into the margin; the
	// word processor's own quarter-em space between Han characters and Latin
	// letters or digits (which is why text loses its manual spaces there,
	// see spaceHanLatin). Adjacent full-width punctuation is compressed by
	// the settings' characterSpacingControl.
	sb.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts + `<w:kern w:val="2"/><w:sz w:val="24"/><w:szCs w:val="24"/>` + lang + `</w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:widowControl/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE/><w:autoSpaceDN/><w:spacing w:after="0" w:line="384" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	para := func(id, name, based, next, pPr, rPr string, outline int) {
		fmt.Fprintf(&sb, `<w:style w:type="paragraph" w:styleId="%s"`, id)
		if id == "Normal" {
			sb.WriteString(` w:default="1"`)
		}
		fmt.Fprintf(&sb, `><w:name w:val="%s"/>`, name)
		if based != "" {
			fmt.Fprintf(&sb, `<w:basedOn w:val="%s"/>`, based)
		}
		if next != "" {
			fmt.Fprintf(&sb, `<w:next w:val="%s"/>`, next)
		}
		sb.WriteString(`<w:qFormat/><w:pPr>` + pPr)
		if outline >= 0 {
			fmt.Fprintf(&sb, `<w:outlineLvl w:val="%d"/>`, outline)
		}
		sb.WriteString(`</w:pPr><w:rPr>` + rPr + `</w:rPr></w:style>`)
	}
	// Spacing follows the PDF's, so that the two break pages alike and the
	// table of contents' page numbers, taken from the PDF, hold here too:
	// 4 pt after a Chinese paragraph, 8 pt after an English one.
	after := 80
	if !b.zh() {
		after = 160
	}
	para("Normal", "Normal", "", "", fmt.Sprintf(`<w:spacing w:after="%d"/>`, after)+normalInd+`<w:jc w:val="both"/>`, "", -1)
	// Body lines are exactly 19.2 pt apart, as in the PDF (12 pt × 1.6):
	// automatic spacing lets tall CJK fallback fonts double the gaps.
	para("Title", "Title", "Normal", "Subtitle", `<w:spacing w:before="2400" w:after="240" w:line="240" w:lineRule="auto"/>`+noInd+`<w:jc w:val="center"/>`, headFonts+`<w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/>`, -1)
	para("Subtitle", "Subtitle", "Normal", "Normal", `<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>`+noInd+`<w:jc w:val="center"/>`, `<w:sz w:val="30"/><w:szCs w:val="30"/>`, -1)
	// Headings' lines are 1.4 times their size, as in the PDF.
	for i, h := range []struct {
		sz, before, after int
		fonts             string
	}{{32, 360, 200, headFonts}, {28, 280, 140, headFonts}, {24, 200, 100, headFonts}, {24, 160, 80, bodyFonts}} {
		para(fmt.Sprintf("Heading%d", i+1), fmt.Sprintf("heading %d", i+1), "Normal", "Normal",
			fmt.Sprintf(`<w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="exact"/>`, h.before, h.after, h.sz*14)+noInd+`<w:jc w:val="left"/>`,
			h.fonts+fmt.Sprintf(`<w:b/><w:bCs/><w:sz w:val="%d"/><w:szCs w:val="%d"/>`, h.sz, h.sz), i)
	}
	para("TOCHeading", "TOC Heading", "Normal", "Normal", `<w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/>`+noInd+`<w:jc w:val="center"/>`, headFonts+`<w:b/><w:sz w:val="32"/><w:szCs w:val="32"/>`, -1)
	for lvl := 1; lvl <= 4; lvl++ {
		rPr := ""
		if lvl == 1 {
			rPr = `<w:b/>`
		}
		para(fmt.Sprintf("TOC%d", lvl), fmt.Sprintf("toc %d", lvl), "Normal", "Normal",
			fmt.Sprintf(`<w:spacing w:after="0" w:line="420" w:lineRule="exact"/><w:ind w:left="%d" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/>`, 480*(lvl-1)), rPr, -1)
	}
	para("ListParagraph", "List Paragraph", "Normal", "", `<w:spacing w:after="60"/>`+noInd, "", -1)
	para("TableText", "Table Text", "Normal", "", `<w:spacing w:before="80" w:after="80" w:line="305" w:lineRule="exact"/>`+noInd+`<w:jc w:val="left"/>`, `<w:sz w:val="21"/><w:szCs w:val="21"/>`, -1)
	para("TableHeading", "Table Heading", "TableText", "", `<w:jc w:val="center"/>`, headFonts+`<w:b/><w:bCs/>`, -1)
	para("Quote", "Quote", "Normal", "Normal", `<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="B3B3B3"/></w:pBdr><w:ind w:left="480" w:firstLine="0" w:firstLineChars="0"/>`, `<w:color w:val="404040"/>`, -1)
	para("Code", "Code", "Normal", "", `<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="0" w:line="290" w:lineRule="exact"/>`+noInd+`<w:jc w:val="left"/>`, codeFonts+`<w:sz w:val="20"/><w:szCs w:val="20"/>`, -1)
	para("Signature", "Signature", "Normal", "", `<w:spacing w:after="0" w:line="456" w:lineRule="exact"/>`+noInd+`<w:jc w:val="left"/>`, "", -1)
	para("Header", "header", "Normal", "", `<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="808080"/></w:pBdr><w:spacing w:line="240" w:lineRule="auto"/>`+noInd+`<w:jc w:val="left"/>`, `<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>`, -1)
	para("Footer", "footer", "Normal", "", `<w:spacing w:line="240" w:lineRule="auto"/>`+noInd+`<w:jc w:val="right"/>`, `<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>`, -1)
	sb.WriteString(`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="003399"/><w:u w:val="single"/></w:rPr></w:style>`)
	sb.WriteString(`<w:style w:type="character" w:styleId="CodeChar"><w:name w:val="Code Char"/><w:rPr>` + codeFonts + `<w:color w:val="333333"/><w:sz w:val="22"/></w:rPr></w:style>`)
	sb.WriteString(`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	sb.WriteString(`</w:styles>`)
	return sb.String()
}

// numbering defines one abstract numbering per list style and one instance
// per list, so every list restarts at its own first number.
func (b *builder) numbering() string {
	var sb strings.Builder
	sb.WriteString(xmlPI + `<w:numbering ` + nsW + `>`)
	level := func(ilvl int, format, text, suffix, pPr, rPr string) {
		fmt.Fprintf(&sb, `<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>`, ilvl, format)
		if suffix != "" {
			fmt.Fprintf(&sb, `<w:suff w:val="%s"/>`, suffix)
		}
		fmt.Fprintf(&sb, `<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr>%s</w:pPr>`, esc(text), pPr)
		if rPr != "" {
			sb.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
		}
		sb.WriteString(`</w:lvl>`)
	}
	hanging := func(i int) string { return fmt.Sprintf(`<w:ind w:left="%d" w:hanging="420"/>`, 420*(i+1)) }
	abstract := func(id int, name string, lvls func(i int)) {
		fmt.Fprintf(&sb, `<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/><w:name w:val="%s"/>`, id, name)
		for i := range 9 {
			lvls(i)
		}
		sb.WriteString(`</w:abstractNum>`)
	}
	abstract(1, "bullet", func(i int) { level(i, "bullet", "•", "", hanging(i), `<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>`) })
	abstract(2, "decimal", func(i int) { level(i, "decimal", fmt.Sprintf("%%%d.", i+1), "", hanging(i), "") })
	// 第一条, 一、 and （一） open the paragraph like Chinese text: the
	// number after a two-character indent, the text running on from it.
	// English articles run in too, without the indent; English items hang.
	// The texts are the document model's labels (document.Marker).
	inline := `<w:ind w:left="0" w:firstLine="480"/>`
	if b.zh() {
		abstract(3, "article", func(i int) {
			level(i, "chineseCounting", fmt.Sprintf("第%%%d条　", i+1), "nothing", inline, `<w:b/><w:bCs/>`)
		})
		abstract(4, "chinese", func(i int) { level(i, "chineseCounting", fmt.Sprintf("%%%d、", i+1), "nothing", inline, "") })
		abstract(5, "paren", func(i int) { level(i, "chineseCounting", fmt.Sprintf("（%%%d）", i+1), "nothing", inline, "") })
	} else {
		abstract(3, "article", func(i int) {
			level(i, "decimal", fmt.Sprintf("Article %%%d", i+1), "space", `<w:ind w:left="0" w:firstLine="0"/>`, `<w:b/><w:bCs/>`)
		})
		abstract(4, "chinese", func(i int) { level(i, "decimal", fmt.Sprintf("%%%d.", i+1), "", hanging(i), "") })
		abstract(5, "paren", func(i int) { level(i, "lowerLetter", fmt.Sprintf("(%%%d)", i+1), "", hanging(i), "") })
	}
	abstract(7, "roman", func(i int) { level(i, "lowerRoman", fmt.Sprintf("(%%%d)", i+1), "", hanging(i), "") })
	abstract(6, "outline", func(i int) {
		text := ""
		for j := 0; j <= i; j++ {
			if j > 0 {
				text += "."
			}
			text += fmt.Sprintf("%%%d", j+1)
		}
		level(i, "decimal", text, "space", fmt.Sprintf(`<w:ind w:left="%d" w:hanging="%d"/>`, 420*(i+1)+120*i, 420+120*i), "")
	})
	for i, n := range b.nums {
		fmt.Fprintf(&sb, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride></w:num>`, i+1, n.abstract, max(n.start, 1))
	}
	sb.WriteString(`</w:numbering>`)
	return sb.String()
}
