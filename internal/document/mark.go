package document

// Mark says how a redline marks a span or a table row: what changed
// between an earlier and a later version of a document. A redline is one
// document holding both versions: unmarked text is in both, inserted text
// only in the later, deleted text only in the earlier. Moved text is
// deleted at its old place and inserted at its new one, unchanged.
//
// A paragraph whose every span is inserted (deleted) is itself inserted
// (deleted): accepting the changes removes (keeps) the whole paragraph,
// not only its text.
type Mark int

// Marks. The zero value is text common to both versions.
const (
	Unmarked  Mark = iota
	Inserted       // only in the later version
	Deleted        // only in the earlier version
	MovedFrom      // the earlier place of text moved unchanged
	MovedTo        // the later place of text moved unchanged
)

var markNames = [...]string{"", "ins", "del", "moved-from", "moved-to"}

func (m Mark) String() string { return markNames[m] }

// InOld reports whether text with this mark is in the earlier version.
func (m Mark) InOld() bool { return m == Unmarked || m == Deleted || m == MovedFrom }

// InNew reports whether text with this mark is in the later version.
func (m Mark) InNew() bool { return m == Unmarked || m == Inserted || m == MovedTo }

// WholeMark returns the mark every span of spans carries, or Unmarked when
// they differ or there are none: the mark of a paragraph as a whole.
func WholeMark(spans []Span) Mark {
	if len(spans) == 0 {
		return Unmarked
	}
	m := spans[0].Mark
	for _, s := range spans[1:] {
		if s.Mark != m {
			return Unmarked
		}
	}
	return m
}

// Accept returns the later version of a redline: every change accepted,
// no marks left.
func Accept(d *Doc) *Doc { return version(d, Mark.InNew) }

// Reject returns the earlier version of a redline: every change rejected.
func Reject(d *Doc) *Doc { return version(d, Mark.InOld) }

func version(d *Doc, in func(Mark) bool) *Doc {
	out := *d
	out.Blocks = keepBlocks(d.Blocks, in)
	return &out
}

func keepSpans(spans []Span, in func(Mark) bool) []Span {
	var out []Span
	for _, s := range spans {
		if in(s.Mark) {
			s.Mark = Unmarked
			out = append(out, s)
		}
	}
	return out
}

func keepBlocks(blocks []Block, in func(Mark) bool) []Block {
	var out []Block
	for _, b := range blocks {
		switch x := b.(type) {
		case *Heading:
			if m := WholeMark(x.Text); m != Unmarked && !in(m) {
				continue
			}
			h := *x
			h.Text = keepSpans(x.Text, in)
			out = append(out, &h)
		case *Paragraph:
			if m := WholeMark(x.Text); m != Unmarked && !in(m) {
				continue
			}
			p := *x
			p.Text = keepSpans(x.Text, in)
			out = append(out, &p)
		case *List:
			l := *x
			l.Items = nil
			for _, it := range x.Items {
				it.Blocks = keepBlocks(it.Blocks, in)
				if len(it.Blocks) > 0 {
					l.Items = append(l.Items, it)
				}
			}
			if len(l.Items) > 0 {
				out = append(out, &l)
			}
		case *Table:
			t := *x
			rows := func(rs []Row) []Row {
				var o []Row
				for _, r := range rs {
					if r.Mark != Unmarked && !in(r.Mark) {
						continue
					}
					nr := Row{}
					for _, c := range r.Cells {
						nr.Cells = append(nr.Cells, Cell{Text: keepSpans(c.Text, in)})
					}
					o = append(o, nr)
				}
				return o
			}
			t.Header, t.Body = rows(x.Header), rows(x.Body)
			if len(t.Header)+len(t.Body) > 0 {
				out = append(out, &t)
			}
		case *Title:
			tt := &Title{}
			for _, l := range x.Lines {
				if m := WholeMark(l.Text); m != Unmarked && !in(m) {
					continue
				}
				l.Text = keepSpans(l.Text, in)
				tt.Lines = append(tt.Lines, l)
			}
			out = append(out, tt)
		case *Signature:
			s := *x
			s.Lead = keepSpans(x.Lead, in)
			s.Parties = nil
			for _, p := range x.Parties {
				if m := WholeMark(append(append([]Span{}, p.Role...), p.Name...)); m != Unmarked && !in(m) {
					continue
				}
				p.Role, p.Name = keepSpans(p.Role, in), keepSpans(p.Name, in)
				s.Parties = append(s.Parties, p)
			}
			out = append(out, &s)
		case *Quote:
			out = append(out, &Quote{Blocks: keepBlocks(x.Blocks, in)})
		default:
			out = append(out, b)
		}
	}
	return out
}
