package packet

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pilotpack/generators/pdf"
	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
)

// MaxAttachment bounds one attachment's size.
const MaxAttachment = 50 << 20

// attachment is a checked attachment of the applicant file.
type attachment struct {
	index int
	src   applicant.Attachment
	data  []byte
	sha   string
	pdf   bool
	pages int
	// read is the PDF as read for validation, kept for the combined file.
	read *pdf.Foreign
	file *file // its copy in the packet
}

var basisAttachment = finding.Text{Zh: "申报资料要求（附件须完整、可读）", En: "filing requirements (attachments must be complete and readable)"}

func (b *builder) attachmentFinding(i int, rule, en, zh string) {
	path := fmt.Sprintf("attachments[%d].path", i)
	b.findings = append(b.findings, b.a.Finding(rule, finding.Error, path, finding.Text{Zh: zh, En: en}, basisAttachment))
}

// attachments checks every attachment: it exists, is a regular file (a
// symbolic link is refused, not followed), lies inside the applicant file's
// folder unless given as an absolute path, is readable and not too large,
// and, for a PDF, is a valid PDF whose pages are counted. Each problem is an
// error finding at the attachment's line.
func (b *builder) attachments() error {
	dir := b.a.Dir()
	for i, at := range b.a.Attachments {
		p := at.Path
		if !filepath.IsAbs(p) {
			clean := filepath.Clean(p)
			if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
				b.attachmentFinding(i, "attachment.outside", fmt.Sprintf("%s lies outside the applicant file's folder; move it there or give an absolute path", p),
					fmt.Sprintf("%s 不在申请文件所在文件夹内；请移入该文件夹或使用绝对路径", p))
				continue
			}
			// A symbolic link on the way (a linked folder) could lead out
			// of the folder: none is followed.
			if link := symlinkOnPath(dir, clean); link != "" {
				b.attachmentFinding(i, "attachment.symlink", fmt.Sprintf("%s passes through the symbolic link %s; give the file's real location", at.Path, link),
					fmt.Sprintf("%s 经过符号链接 %s；请给出文件的实际位置", at.Path, link))
				continue
			}
			p = filepath.Join(dir, clean)
		}
		st, err := os.Lstat(p)
		switch {
		case err != nil && os.IsNotExist(err):
			b.attachmentFinding(i, "attachment.missing", fmt.Sprintf("%s does not exist; check the path (relative paths start at the applicant file's folder)", at.Path),
				fmt.Sprintf("%s 不存在；请检查路径（相对路径以申请文件所在文件夹为起点）", at.Path))
			continue
		case err != nil:
			b.attachmentFinding(i, "attachment.unreadable", fmt.Sprintf("%s cannot be read: %v", at.Path, err), fmt.Sprintf("%s 无法读取：%v", at.Path, err))
			continue
		case st.Mode()&os.ModeSymlink != 0:
			b.attachmentFinding(i, "attachment.symlink", fmt.Sprintf("%s is a symbolic link; give the file itself", at.Path),
				fmt.Sprintf("%s 是符号链接；请直接给出文件本身", at.Path))
			continue
		case !st.Mode().IsRegular():
			b.attachmentFinding(i, "attachment.unreadable", fmt.Sprintf("%s is not a regular file", at.Path), fmt.Sprintf("%s 不是普通文件", at.Path))
			continue
		case st.Size() > MaxAttachment:
			b.attachmentFinding(i, "attachment.too-large", fmt.Sprintf("%s is %d MB, more than the %d MB limit; compress or split it", at.Path, st.Size()>>20, MaxAttachment>>20),
				fmt.Sprintf("%s 大小为 %d MB，超过 %d MB 的限制；请压缩或拆分", at.Path, st.Size()>>20, MaxAttachment>>20))
			continue
		}
		data, err := readFile(p)
		if err != nil {
			b.attachmentFinding(i, "attachment.unreadable", fmt.Sprintf("%s cannot be read: %v", at.Path, err), fmt.Sprintf("%s 无法读取：%v", at.Path, err))
			continue
		}
		sum := sha256.Sum256(data)
		a := &attachment{index: i, src: at, data: data, sha: hex.EncodeToString(sum[:])}
		if bytes.HasPrefix(data, []byte("%PDF-")) || strings.EqualFold(filepath.Ext(p), ".pdf") {
			a.pdf = true
			f, err := pdf.ReadForeign(data)
			if err != nil {
				b.attachmentFinding(i, "attachment.invalid-pdf", fmt.Sprintf("%s is not a valid PDF: %v; export it again from its source", at.Path, err),
					fmt.Sprintf("%s 不是有效的 PDF：%v；请从原文件重新导出", at.Path, err))
				continue
			}
			a.pages, a.read = f.Pages, f
		}
		b.attach = append(b.attach, a)
	}
	return nil
}

// symlinkOnPath returns the first folder of rel (below dir) that is a
// symbolic link, or "".
func symlinkOnPath(dir, rel string) string {
	parts := strings.Split(rel, string(filepath.Separator))
	cur := dir
	for _, part := range parts[:len(parts)-1] {
		cur = filepath.Join(cur, part)
		if st, err := os.Lstat(cur); err == nil && st.Mode()&os.ModeSymlink != 0 {
			rel, _ := filepath.Rel(dir, cur)
			return rel
		}
	}
	return ""
}

func readFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxAttachment+1))
}

// pdfPages validates a PDF (relaxed, as real-world files need) and counts
// its pages.
func pdfPages(data []byte) (int, error) {
	f, err := pdf.ReadForeign(data)
	if err != nil {
		return 0, err
	}
	return f.Pages, nil
}

// copyAttachments adds the attachments to the packet under attachments/,
// numbered, with lowercase ASCII names.
func (b *builder) copyAttachments() error {
	for n, a := range b.attach {
		base := filepath.Base(a.src.Path)
		ext := strings.ToLower(filepath.Ext(base))
		if slug(ext) == "" || len(ext) > 6 {
			ext = ""
		}
		stem := slug(strings.TrimSuffix(base, filepath.Ext(base)))
		if stem == "" {
			stem = slug(string(a.src.Kind))
		}
		title := a.src.Title
		if title == "" {
			title = a.src.Kind.Label().In(b.lang)
		}
		if m, _ := b.a.Manufacturer(a.src.Manufacturer); m != nil {
			if b.lang == "en" {
				title += " (" + m.NameEn + ")"
			} else {
				title += "（" + m.NameZh + "）"
			}
		}
		a.file = b.add(&file{path: "attachments/" + fileName(n+1, stem, ext), title: title, kind: "attachment", pages: a.pages})
		if err := b.put(a.file, a.data); err != nil {
			return err
		}
	}
	return nil
}
