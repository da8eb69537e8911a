package packet

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"pilotpack/internal/applicant"
	"pilotpack/internal/attachment"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/pack/renderctx"
	"pilotpack/internal/rules"
)

// attached is an attachment of the packet: the checked file and its copy.
type attached struct {
	*attachment.File
	file *file // its copy in the packet
}

// Check loads and checks an applicant file exactly as a build does before
// it renders anything: the data against the pilot rules and the pack, then
// the attachments. validate and review call it, so that they report what a
// build would. The applicant is nil when the file cannot be read.
func Check(p *pack.Pack, path string, opts attachment.Options) (*applicant.Applicant, finding.List, []*attachment.File) {
	a, loaded := rules.LoadFile(path)
	return CheckLoaded(p, a, loaded, opts)
}

// CheckLoaded is Check of a file loaded already (rules.LoadFile), for a
// caller that loads files while the pack is being opened.
func CheckLoaded(p *pack.Pack, a *applicant.Applicant, loaded finding.List, opts attachment.Options) (*applicant.Applicant, finding.List, []*attachment.File) {
	a, fs := p.ValidateLoaded(a, loaded)
	if a == nil {
		return nil, fs, nil
	}
	files, more := checkAttachments(a, fs, opts)
	fs = append(fs, more...)
	fs.Sort()
	return a, fs, files
}

// checkAttachments checks the attachments of a file with findings fs, the
// one way for builds and checks. A file that breaks the policy's bounds
// is not read further: its attachments may be as many as its bounds are
// meant to refuse.
func checkAttachments(a *applicant.Applicant, fs finding.List, opts attachment.Options) ([]*attachment.File, finding.List) {
	if rules.OverLimits(fs) {
		return nil, nil
	}
	return attachment.Check(a, opts)
}

func (b *builder) attachments() error {
	var files []*attachment.File
	var fs finding.List
	if b.checked != nil {
		waitFor(b.checked)
		files, fs = b.checkedFiles, b.checkedFindings
	} else {
		files, fs = checkAttachments(b.a, b.findings, b.opts.Attachments)
	}
	b.findings = append(b.findings, fs...)
	for _, f := range files {
		b.attach = append(b.attach, &attached{File: f})
	}
	return nil
}

// startCopies names the attachments' copies under attachments/, numbered,
// with lowercase ASCII names, and starts writing them into the staged
// folder while the documents are made (copyAttachments waits for them).
func (b *builder) startCopies() error {
	var puts []func() error
	for n, a := range b.attach {
		base := filepath.Base(a.Src.Path)
		ext := strings.ToLower(filepath.Ext(base))
		if slug(ext) == "" || len(ext) > 6 {
			ext = ""
		}
		stem := slug(strings.TrimSuffix(base, filepath.Ext(base)))
		if stem == "" {
			stem = slug(string(a.Src.Kind))
		}
		title := renderctx.Text(a.Src.Title, b.lang, false)
		if title == "" {
			// The kind's wording is written for the middle of a sentence
			// ("a business licence"); as a title it starts with a capital.
			title = upperFirst(a.Src.Kind.Label().In(b.lang))
		}
		if m, _ := b.a.Manufacturer(a.Src.Manufacturer); m != nil {
			title += lang.Sprintf(b.lang, labelFor, lang.T(m.NameZh, m.NameEn))
		}
		a.file = &file{path: "attachments/" + fileName(n+1, stem, ext), title: title, kind: "attachment", pages: a.Pages}
		puts = append(puts, func() error { return b.put(a.file, a.Data) })
	}
	// Hashed and written side by side, once each has its place.
	b.copies = inBackground(func() error { return parallel(puts) })
	return nil
}

// copyAttachments adds the attachments' copies to the packet, after its
// documents, once they are written.
func (b *builder) copyAttachments() error {
	if err := waitFor(b.copies); err != nil {
		return err
	}
	for _, a := range b.attach {
		b.add(a.file)
	}
	return nil
}

// upperFirst returns s with its first letter in capitals (Chinese text has
// none and is left as it is).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
