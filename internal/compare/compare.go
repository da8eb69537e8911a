package compare

import (
	"fmt"
	"strings"
	"time"

	"pilotpack/generators/docx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
)

// Side is one version of a packet: its documents as document models, and
// what they were made from.
type Side struct {
	// Source is what was given: an applicant file, a packet folder or zip.
	Source string `json:"source"`
	// Kind is applicant (a file built in memory) or packet.
	Kind string            `json:"kind"`
	Pack packet.PackRecord `json:"pack"`
	Lang lang.Lang         `json:"lang"`
	// Date is the date the documents carry.
	Date string `json:"date"`
	// Applicant is the applicant file, when it is at hand: the data
	// model's fields are compared only when both sides have it.
	Applicant *applicant.Applicant `json:"-"`
	Documents []Doc                `json:"-"`
	// NoData says why Applicant is nil: the applicant file is not beside
	// the packet, or not the one it was built from.
	NoData lang.Text `json:"-"`
	// Warnings say what the rendered documents could not express.
	Warnings []lang.Text `json:"-"`
}

// Doc is one document of a side.
type Doc struct {
	// ID is the pack's document id; Manufacturer the id of the
	// manufacturer it is made for, "" for a document made once.
	ID           string
	Manufacturer string
	Title        string
	// File is the document's DOCX in the packet: 02-quality-agreement-lanhu-suzhou.docx.
	File  string
	Model *document.Doc
}

// key pairs the documents of two sides.
func (d Doc) key() string { return d.ID + "\x00" + d.Manufacturer }

// FromApplicant builds the documents of an applicant file in memory, as
// build would with pack p, in language l (empty: the file's) and on date.
func FromApplicant(path string, p *pack.Pack, l lang.Lang, date time.Time) (*Side, error) {
	ms, err := packet.Render(path, packet.Options{Pack: p, Lang: l, Date: date})
	if err != nil {
		return nil, err
	}
	s := &Side{Source: path, Kind: "applicant", Pack: packet.Record(p), Lang: ms.Lang, Date: civil.Of(date).String(), Applicant: ms.Applicant}
	s.Warnings = ms.Warnings
	for _, r := range ms.Documents {
		// The text as the DOCX sets it, as a packet's documents read: a
		// space the DOCX and PDF drop between Chinese and a number is not
		// a change.
		d := Doc{ID: r.Document.ID, Title: r.Title, File: r.File, Model: docx.Typeset(r.Model)}
		if r.Manufacturer != nil {
			d.Manufacturer = r.Manufacturer.ID
		}
		s.Documents = append(s.Documents, d)
	}
	return s, nil
}

// Status is what happened to a whole document.
type Status string

// Document statuses.
const (
	StatusChanged   Status = "changed"
	StatusUnchanged Status = "unchanged"
	StatusAdded     Status = "added"
	StatusRemoved   Status = "removed"
)

// DocumentResult is what changed in one document.
type DocumentResult struct {
	ID           string   `json:"id"`
	Manufacturer string   `json:"manufacturer,omitempty"`
	Title        string   `json:"title"`
	Status       Status   `json:"status"`
	Counts       Counts   `json:"counts"`
	Changes      []Change `json:"changes,omitempty"`
	// Redline names the files written for a changed document, in the
	// output folder.
	Redline *Files `json:"redline,omitempty"`
	// OldFile and NewFile are the document's files in each packet.
	OldFile string `json:"old_file,omitempty"`
	NewFile string `json:"new_file,omitempty"`

	old, new *document.Doc
	redline  *document.Doc
}

// Files are the redline files of one document.
type Files struct {
	DOCX string `json:"docx"`
	PDF  string `json:"pdf"`
}

// Counts count the changes of a document by kind.
type Counts struct {
	Changed    int `json:"changed"`
	Inserted   int `json:"inserted"`
	Deleted    int `json:"deleted"`
	Moved      int `json:"moved"`
	Renumbered int `json:"renumbered"`
}

// Substantive is the number of changes that are not renumbering.
func (c Counts) Substantive() int { return c.Changed + c.Inserted + c.Deleted + c.Moved }

// Result is a whole comparison.
type Result struct {
	Old *Side `json:"old"`
	New *Side `json:"new"`
	// Date is the date of the changes; Author who the redlines say made
	// them.
	Date      string           `json:"date"`
	Author    string           `json:"author"`
	Documents []DocumentResult `json:"documents"`
	// Data is the field-by-field comparison of the applicant files.
	Data DataResult `json:"data"`
	// Summary counts the documents by status.
	Summary struct {
		Changed   int `json:"changed"`
		Unchanged int `json:"unchanged"`
		Added     int `json:"added"`
		Removed   int `json:"removed"`
		Fields    int `json:"fields"`
	} `json:"summary"`
}

// DataResult is the comparison of the two applicant files.
type DataResult struct {
	// Compared is false when a side's applicant file is not at hand (a
	// packet whose input is not beside it); Note says why, in both
	// languages.
	Compared bool          `json:"compared"`
	Note     *lang.Text    `json:"note,omitempty"`
	Changes  []FieldChange `json:"changes"`
}

// Compare compares two versions. The documents are paired by pack
// document id and manufacturer id, in the new version's order, with the
// removed ones where they stood in the old.
func Compare(old, new *Side, date time.Time, author string) *Result {
	r := &Result{Old: old, New: new, Date: civil.Of(date).String(), Author: author}
	inOld := map[string]Doc{}
	for _, d := range old.Documents {
		inOld[d.key()] = d
	}
	inNew := map[string]bool{}
	for _, d := range new.Documents {
		inNew[d.key()] = true
	}
	// Removed documents go where they stood: before the first new-side
	// document that followed them in the old.
	removedBefore := map[string][]Doc{}
	var tail []Doc
	for i, d := range old.Documents {
		if inNew[d.key()] {
			continue
		}
		placed := false
		for _, later := range old.Documents[i+1:] {
			if inNew[later.key()] {
				removedBefore[later.key()] = append(removedBefore[later.key()], d)
				placed = true
				break
			}
		}
		if !placed {
			tail = append(tail, d)
		}
	}
	removed := func(d Doc) {
		r.Documents = append(r.Documents, DocumentResult{ID: d.ID, Manufacturer: d.Manufacturer, Title: d.Title, Status: StatusRemoved, OldFile: d.File, old: d.Model})
	}
	for _, d := range new.Documents {
		for _, rd := range removedBefore[d.key()] {
			removed(rd)
		}
		dr := DocumentResult{ID: d.ID, Manufacturer: d.Manufacturer, Title: d.Title, NewFile: d.File, new: d.Model}
		o, ok := inOld[d.key()]
		if !ok {
			dr.Status = StatusAdded
			r.Documents = append(r.Documents, dr)
			continue
		}
		dr.OldFile, dr.old = o.File, o.Model
		dr.redline, dr.Changes = Redline(o.Model, d.Model)
		for _, c := range dr.Changes {
			switch c.Kind {
			case Changed:
				dr.Counts.Changed++
			case Inserted:
				dr.Counts.Inserted++
			case Deleted:
				dr.Counts.Deleted++
			case Moved:
				dr.Counts.Moved++
			case Renumbered:
				dr.Counts.Renumbered++
			}
		}
		dr.Status = StatusUnchanged
		if len(dr.Changes) > 0 {
			dr.Status = StatusChanged
		}
		r.Documents = append(r.Documents, dr)
	}
	for _, d := range tail {
		removed(d)
	}
	for _, d := range r.Documents {
		switch d.Status {
		case StatusChanged:
			r.Summary.Changed++
		case StatusUnchanged:
			r.Summary.Unchanged++
		case StatusAdded:
			r.Summary.Added++
		case StatusRemoved:
			r.Summary.Removed++
		}
	}
	switch {
	case old.Applicant == nil || new.Applicant == nil:
		r.Data.Note = noData(old, new)
	default:
		r.Data.Compared = true
		r.Data.Changes = Data(old.Applicant, new.Applicant)
		if r.Data.Changes == nil {
			r.Data.Changes = []FieldChange{}
		}
	}
	r.Summary.Fields = len(r.Data.Changes)
	return r
}

// noData says why the applicant data of two sides is not compared: the
// reason of each side that lacks its applicant file.
func noData(old, new *Side) *lang.Text {
	var zh, en []string
	for _, s := range []struct {
		side  *Side
		which lang.Text
	}{{old, lang.T("原版本", "the old version")}, {new, lang.T("新版本", "the new version")}} {
		if s.side.Applicant != nil {
			continue
		}
		why := s.side.NoData
		if why.IsZero() {
			why = msgNoInput
		}
		zh = append(zh, s.which.In(lang.Zh)+"："+why.In(lang.Zh))
		en = append(en, s.which.In(lang.En)+": "+why.In(lang.En))
	}
	t := lang.T(strings.Join(zh, "；")+"。"+msgOnlyBeside.Zh, strings.Join(en, "; ")+". "+msgOnlyBeside.En)
	return &t
}

var (
	msgNoInput    = lang.T("资料包旁没有其申请文件", "the packet's applicant file is not beside it")
	msgOnlyBeside = lang.T("资料包的申请数据仅在其申请文件原样放在资料包旁时才比较", "A packet's applicant data is compared only when its applicant file lies beside the packet, unchanged")
)

// String names a document for a reader: its id and manufacturer.
func (d DocumentResult) String() string {
	if d.Manufacturer != "" {
		return fmt.Sprintf("%s (%s)", d.ID, d.Manufacturer)
	}
	return d.ID
}
