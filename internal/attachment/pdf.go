package attachment

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"pilotpack/generators/pdf"
	"pilotpack/internal/finding"
)

func isPDF(name string, data []byte) bool {
	return bytes.HasPrefix(data, []byte("%PDF-")) || strings.EqualFold(filepath.Ext(name), ".pdf")
}

// readPDF reads a PDF attachment the one way the combined PDF will: with
// pdfcpu, validated, its active content removed, and its pages copied once
// into nothing, so that a PDF accepted here is one the combined PDF binds.
// A failure is an error finding in plain words.
func (c *checker) readPDF(i int, name string, f *File) bool {
	bad := func(en, zh string) bool {
		c.fail(i, "attachment.invalid-pdf", fmt.Sprintf("%s %s", name, en), fmt.Sprintf("%s %s", name, zh))
		return false
	}
	if !bytes.HasPrefix(bytes.TrimLeft(f.Data, "\x00\t\n\f\r "), []byte("%PDF-")) {
		return bad("is not a PDF (it does not start with %PDF-); export or scan the document to PDF again",
			"不是 PDF 文件（开头不是 %PDF-）；请重新导出或扫描为 PDF")
	}
	if !bytes.Contains(f.Data[max(0, len(f.Data)-2048):], []byte("%%EOF")) {
		return bad("is incomplete: its end is missing, as when a download or copy was cut off; copy it again from its source",
			"不完整：文件末尾缺失（下载或复制可能中断）；请从原始来源重新复制")
	}
	read, err := pdf.ReadForeign(f.Data)
	if err != nil {
		if encrypted(f.Data, err) {
			return bad("is password-protected or encrypted, and filings must not be; save it again without a password or protection",
				"设有密码或已加密，申报资料不得加密；请取消密码和保护后重新保存")
		}
		return bad("is damaged: its structure cannot be read; export it again from its source (or print it to PDF)",
			"已损坏，无法读取其结构；请从原文件重新导出（或重新打印为 PDF）")
	}
	ctx := read.Context()
	if ctx.XRefTable.Encrypt != nil || ctx.XRefTable.E != nil {
		return bad("is encrypted (it opens without a password, but carries protection), and filings must not be; save it again without protection",
			"已加密（虽可无密码打开，但带有保护设置），申报资料不得加密；请取消保护后重新保存")
	}
	if removed := clean(ctx.XRefTable); anyRemoved(removed) {
		c.report(i, finding.Warning, "attachment.active-content",
			fmt.Sprintf("%s contains %s, which can run code or carry files when the PDF is opened; the combined PDF leaves them out (the copy under attachments/ is the file as given)",
				name, removedNames(removed).En),
			fmt.Sprintf("%s 含有%s，打开 PDF 时可能执行代码或夹带文件；合订本中已将其删除（attachments/ 下的副本与原文件相同）",
				name, removedNames(removed).Zh))
	}
	if err := read.CheckCopy(); err != nil {
		return bad("cannot be bound into the combined PDF: some of its pages cannot be copied; export it again from its source (or print it to PDF)",
			"无法装订进合订本：部分页面无法复制；请从原文件重新导出（或重新打印为 PDF）")
	}
	f.PDF, f.Pages = read, read.Pages
	return true
}

// encrypted tells a refusal to read an encrypted PDF from other damage.
func encrypted(data []byte, err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") || bytes.Contains(data, []byte("/Encrypt"))
}

// andList joins items as English prose: "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
